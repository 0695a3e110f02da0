# Shell functions shared by the window tests under Xvfb (smoke-test.sh, first-run-test.sh); source it.
# Needs: Xvfb, xdpyinfo (x11-utils), xdotool, python3-xlib. Uses $work (a scratch folder) and sets $xvfb_pid.

x11_lib_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# Starts Xvfb on the first free display from $1 (default 90) and exports DISPLAY.
start_xvfb() {
  local n first="${1:-90}"
  for n in $(seq "$first" $((first + 29))); do
    if [ ! -e "/tmp/.X11-unix/X$n" ] && [ ! -e "/tmp/.X$n-lock" ]; then
      Xvfb ":$n" -screen 0 1600x1000x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
      xvfb_pid=$!
      export DISPLAY=":$n"
      for _ in $(seq 1 50); do xdpyinfo >/dev/null 2>&1 && return 0; sleep 0.1; done
      echo "Xvfb :$n did not start: $(cat "$work/xvfb.log")" >&2; exit 2
    fi
  done
  echo "no free X display between :$first and :$((first + 29))" >&2; exit 2
}

# wait_for_window PID TIMEOUT_S: prints the id of the visible window titled exactly RayLens once it appears; prints
# nothing if PID ends first or the time runs out.
wait_for_window() {
  local pid="$1" deadline=$(( $(date +%s) + $2 )) window=""
  while [ "$(date +%s)" -lt "$deadline" ]; do
    window="$(xdotool search --onlyvisible --name '^RayLens$' 2>/dev/null | head -1 || true)"
    [ -n "$window" ] && { echo "$window"; return 0; }
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.05
  done
}

# close_and_wait PID WINDOW LIMIT_MS: sends one close request (WM_DELETE_WINDOW, what a window manager's close button
# sends) and waits up to LIMIT_MS for PID to end. Sets close_ms (delivered request to exit, or empty if still running) and
# close_status (the exit status, or empty).
close_and_wait() {
  local pid="$1" window="$2" limit="$3" t0
  close_ms="" close_status=""
  # The clock starts once the request is delivered: close-window.py returns after the X server has processed it
  # (its sync), so the python start-up of the sender (0.15-0.35 s here) is not counted against the app.
  /usr/bin/python3 "$x11_lib_dir/close-window.py" "$window" || true
  t0=$(date +%s%3N)
  while [ $(( $(date +%s%3N) - t0 )) -le "$limit" ]; do
    if ! kill -0 "$pid" 2>/dev/null; then
      close_ms=$(( $(date +%s%3N) - t0 ))
      wait "$pid" && close_status=0 || close_status=$?
      return 0
    fi
    sleep 0.02
  done
}

# dump_raylens_threads PID: prints the Java threads of the JVMs in PID's process tree (the window that did not
# close), not of every java on the machine: another RayLens run on the same host must not be mistaken for it.
dump_raylens_threads() {
  command -v jstack >/dev/null 2>&1 || return 0
  local root="$1" tree jpid
  tree="$root"
  for jpid in $(descendants "$root"); do tree="$tree $jpid"; done
  for jpid in $tree; do
    [ "$(ps -o comm= -p "$jpid" 2>/dev/null)" = java ] || continue
    jstack "$jpid" 2>/dev/null | sed 's/^/    /' >&2 || true
  done
}

# descendants PID: every process below PID, children first.
descendants() {
  local child
  for child in $(ps -o pid= --ppid "$1" 2>/dev/null); do
    echo "$child"
    descendants "$child"
  done
}
