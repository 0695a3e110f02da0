#!/usr/bin/env bash
# Proves that close-window.py delivers every close request: under Xvfb, a small python-xlib window counts the
# WM_DELETE_WINDOW messages it receives while close-window.py is run N times (each run a new connection that ends
# right after sending, as in the smoke test). A sender that disconnects without waiting for the server loses about
# one message in a hundred on a quiet machine and more under load (docs/decisions/close-requests.md).
#
# Usage: installer/src/test/close-window-test.sh [N]   (default 100). Needs xvfb, x11-utils, python3-xlib.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
n="${1:-100}"
for tool in Xvfb xdpyinfo; do command -v "$tool" >/dev/null || { echo "[close-test] skipped: no $tool" >&2; exit 0; }; done
/usr/bin/python3 -c 'import Xlib' 2>/dev/null || { echo "[close-test] skipped: no python3-xlib" >&2; exit 0; }

work="$(mktemp -d "${TMPDIR:-/tmp}/raylens-close-test.XXXXXX")"
xvfb_pid="" target_pid=""
cleanup() {
  [ -n "$target_pid" ] && kill "$target_pid" 2>/dev/null || true
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
for d in $(seq 120 149); do
  if [ ! -e "/tmp/.X11-unix/X$d" ] && [ ! -e "/tmp/.X$d-lock" ]; then
    Xvfb ":$d" -screen 0 640x480x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
    xvfb_pid=$!; export DISPLAY=":$d"; break
  fi
done
[ -n "$xvfb_pid" ] || { echo "[close-test] no free X display" >&2; exit 2; }
for _ in $(seq 1 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done

# The target: one window with WM_DELETE_WINDOW in WM_PROTOCOLS; prints its id, then the count when stdin closes.
cat >"$work/target.py" <<'PY'
import select, sys
from Xlib import X, display
d = display.Display()
screen = d.screen()
w = screen.root.create_window(0, 0, 100, 100, 0, screen.root_depth)
w.change_property(d.intern_atom("WM_PROTOCOLS"), d.intern_atom("ATOM"), 32, [d.intern_atom("WM_DELETE_WINDOW")])
w.map()
d.sync()
print(w.id, flush=True)
delete = d.intern_atom("WM_DELETE_WINDOW")
count = 0
while True:
    ready, _, _ = select.select([d.fileno(), sys.stdin], [], [], 1.0)
    while d.pending_events():
        e = d.next_event()
        if e.type == X.ClientMessage and e.data[1][0] == delete:
            count += 1
    if sys.stdin in ready and not sys.stdin.readline():
        d.sync()
        while d.pending_events():
            e = d.next_event()
            if e.type == X.ClientMessage and e.data[1][0] == delete:
                count += 1
        print(count, flush=True)
        break
PY
mkfifo "$work/in"
/usr/bin/python3 "$work/target.py" <"$work/in" >"$work/out" &
target_pid=$!
exec 3>"$work/in"
for _ in $(seq 1 50); do [ -s "$work/out" ] && break; sleep 0.1; done
window="$(head -1 "$work/out")"
[ -n "$window" ] || { echo "[close-test] FAIL: the target window did not start" >&2; exit 1; }

# A busy client keeps the server working, as a painting window does, which makes the server see a sender's data and
# its hang-up together more often.
/usr/bin/python3 -c '
from Xlib import X, display
d = display.Display()
root = d.screen().root
while True:
    root.get_image(0, 0, 640, 480, X.ZPixmap, 0xFFFFFFFF)
' >/dev/null 2>&1 &
busy_pid=$!
for _ in $(seq 1 "$n"); do /usr/bin/python3 "$here/close-window.py" "$window"; done
kill "$busy_pid" 2>/dev/null || true
exec 3>&-
wait "$target_pid" || true
target_pid=""
received="$(sed -n 2p "$work/out")"
if [ "$received" = "$n" ]; then
  echo "[close-test] close-window.py delivered $received of $n close requests"
else
  echo "[close-test] FAIL: close-window.py delivered ${received:-none} of $n close requests" >&2
  exit 1
fi
