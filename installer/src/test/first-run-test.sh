#!/usr/bin/env bash
# First-run check of the README's run command. From a clean home folder (no ~/.openjfx cache, no RayLens data or
# preferences) under Xvfb, `mvn -q -pl app -am compile javafx:run` must open the RayLens window, and one close request
# must end it (Maven included) within a few seconds. JavaFX's native libraries must come from RayLens's own cache
# under its data folder, written atomically before JavaFX loads (JavaFxNativeCache), not from ~/.openjfx.
#
# The local Maven repository stays the caller's (-Dmaven.repo.local), so nothing is downloaded that a build has not
# already fetched.
#
# Usage: installer/src/test/first-run-test.sh
# Environment: MVN (default "mvn -B -q"), FIRST_RUN_TIMEOUT (seconds until the window must appear, default 240),
#   M2_DIR (default ~/.m2 of the caller).
# Needs (Debian): xvfb x11-utils xdotool python3-xlib libgtk-3-0 libxtst6.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
mvn_cmd="${MVN:-mvn -B -q}"
timeout_s="${FIRST_RUN_TIMEOUT:-240}"
m2="${M2_DIR:-$HOME/.m2}"
exit_limit_ms=5000

say() { printf '[first-run] %s\n' "$*"; }
for tool in Xvfb xdotool xdpyinfo; do
  command -v "$tool" >/dev/null || { echo "[first-run] missing $tool (see the header of $0)" >&2; exit 2; }
done
/usr/bin/python3 -c 'import Xlib' 2>/dev/null || { echo "[first-run] missing python3-xlib" >&2; exit 2; }

work="$(mktemp -d "${TMPDIR:-/tmp}/raylens-first-run.XXXXXX")"
home="$work/home"
mkdir -p "$home"
xvfb_pid="" pid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
# shellcheck source=x11-lib.sh
. "$here/x11-lib.sh"
start_xvfb 150

settings=()
[ -f "$m2/settings.xml" ] && settings=(-s "$m2/settings.xml")
say "running the README's command from a clean home ($home) on $DISPLAY"
t0=$(date +%s%3N)
# Java takes user.home from the password database, not from $HOME: JAVA_TOOL_OPTIONS moves it for Maven and the
# JVM that javafx:run starts.
( cd "$root" && exec env -u XDG_DATA_HOME -u XDG_CONFIG_HOME -u JDK_JAVA_OPTIONS HOME="$home" \
    JAVA_TOOL_OPTIONS="-Duser.home=$home" $mvn_cmd "${settings[@]}" -Dmaven.repo.local="$m2/repository" \
    -pl app -am compile javafx:run ) >"$work/run.log" 2>&1 &
pid=$!
window="$(wait_for_window "$pid" "$timeout_s")"
elapsed=$(( $(date +%s%3N) - t0 ))
fail=0
if [ -z "$window" ]; then
  echo "[first-run] FAIL: no RayLens window within $timeout_s s" >&2
  sed 's/^/    /' "$work/run.log" >&2
  exit 1
fi
say "window $window after $elapsed ms (build check and start)"

# Let start-up work get going (sample generation, thumbnails, the GPU probe), then close as a user would.
sleep 1
close_and_wait "$pid" "$window" "$exit_limit_ms"
if [ -z "$close_ms" ]; then
  echo "[first-run] FAIL: still running $exit_limit_ms ms after the close request" >&2
  dump_raylens_threads "$pid"
  fail=1
elif [ "$close_status" != 0 ]; then
  echo "[first-run] FAIL: exit status $close_status after the close request" >&2
  sed 's/^/    /' "$work/run.log" >&2
  fail=1
else
  pid=""
  say "closed: Maven and the app ended $close_ms ms after the close request"
fi

data="$home/.local/share/raylens"
if ls "$data"/javafx-natives/*/*/libglass.so >/dev/null 2>&1; then
  say "JavaFX natives came from $(dirname "$(ls "$data"/javafx-natives/*/*/libglass.so | head -1)")"
else
  echo "[first-run] FAIL: JavaFX's native libraries were not prepared under $data/javafx-natives" >&2; fail=1
fi
if [ -e "$home/.openjfx" ]; then
  echo "[first-run] FAIL: JavaFX extracted into ~/.openjfx despite RayLens's cache" >&2; fail=1
fi
if grep -q "Unable to load glass" "$work/run.log"; then
  echo "[first-run] FAIL: glass did not load:" >&2; sed 's/^/    /' "$work/run.log" >&2; fail=1
fi
[ "$fail" = 0 ] && say "PASS ($(( ($(date +%s%3N) - t0) / 1000 )) s)"
exit "$fail"
