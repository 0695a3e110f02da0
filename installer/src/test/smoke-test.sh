#!/usr/bin/env bash
# Packaging smoke test: builds the jpackage app-image and the .deb, then proves that each runs on its own, offline:
#   - the command line prints the version and embeds the synthetic sample study with a synthetic tiny encoder;
#   - the window opens under Xvfb, shows the sample study (screenshot), and exits with status 0 within 2 s of one
#     close request (a WM_DELETE_WINDOW message, what a window manager's close button sends);
#   - (app-image) a close request sent at several moments of start-up (0 ms to 2 s after the window appears) ends the
#     process within 2 s every time.
# The .deb is unpacked with dpkg-deb -x and its launchers are run the same way. Sizes and launch-to-window times
# are printed at the end.
#
# Usage: installer/src/test/smoke-test.sh [--no-build] [--rpm] [--keep]
#   --no-build  test the packages already in installer/target/dist
#   --rpm       also build the .rpm (-Prpm), unpack it with rpm2cpio and run its command line
#   --keep      keep the work folder (temporary homes, model, sample) for inspection
# Environment: MVN (default "mvn -B -q"), SMOKE_OUT (default installer/target/smoke: screenshots, report),
#   SMOKE_SIZE_STRICT=0 to report oversize packages without failing.
# Needs (Debian): xvfb x11-utils xdotool imagemagick python3-xlib libgtk-3-0 libxtst6 fontconfig fonts-dejavu-core
#   fakeroot dpkg-dev binutils (jpackage's .deb), util-linux (unshare); rpm for --rpm.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
dist="$root/installer/target/dist"
out="${SMOKE_OUT:-$root/installer/target/smoke}"
mvn_cmd="${MVN:-mvn -B -q}"
build=1 rpm=0 keep=0
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    --rpm) rpm=1 ;;
    --keep) keep=1 ;;
    *) echo "usage: $0 [--no-build] [--rpm] [--keep]" >&2; exit 64 ;;
  esac
done

app_goal_mib=200
deb_goal_mib=180
failures=0
report=()

say() { printf '[smoke] %s\n' "$*"; }
fail() { printf '[smoke] FAIL: %s\n' "$*" >&2; failures=$((failures + 1)); }
now_ms() { date +%s%3N; }

# shellcheck source=x11-lib.sh
. "$here/x11-lib.sh"
close_limit_ms=2000

for tool in Xvfb xdotool import xwininfo dpkg-deb; do
  command -v "$tool" >/dev/null || { echo "[smoke] missing $tool (see the header of $0)" >&2; exit 2; }
done
/usr/bin/python3 -c 'import Xlib' 2>/dev/null || { echo "[smoke] missing python3-xlib" >&2; exit 2; }

version="$(sed -n '/<version>/{s:.*<version>\(.*\)<\/version>.*:\1:p;q}' "$root/pom.xml")"
numeric_version="${version%%-*}"

# ---------------------------------------------------------------------------------------------------------- build
if [ "$build" = 1 ]; then
  profiles="deb"
  [ "$rpm" = 1 ] && profiles="deb,rpm"
  say "building the app-image and packages ($profiles) with: $mvn_cmd -P$profiles -DskipTests package -pl installer -am"
  t0=$(now_ms)
  (cd "$root" && $mvn_cmd -P"$profiles" -DskipTests package -pl installer -am)
  report+=("build (-P$profiles, tests skipped): $(( ($(now_ms) - t0) / 1000 )) s")
fi
app="$dist/RayLens"
deb="$(ls "$dist"/raylens_"$numeric_version"-*_*.deb 2>/dev/null | head -1 || true)"
[ -x "$app/bin/RayLens" ] || { echo "[smoke] no app-image at $app (build with -Pdist)" >&2; exit 2; }
[ -n "$deb" ] || { echo "[smoke] no .deb in $dist (build with -Pdeb)" >&2; exit 2; }

work="$(mktemp -d "${TMPDIR:-/tmp}/raylens-smoke.XXXXXX")"
rm -rf "$out" && mkdir -p "$out"
xvfb_pid=""
cleanup() {
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  if [ "$keep" = 1 ]; then say "work folder kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

# ------------------------------------------------------------------------------------------------------- offline
# A new network namespace has only a down loopback: nothing can be downloaded. As root plain unshare -n works;
# otherwise a user namespace (-r) allows it where the kernel permits.
offline=()
if unshare -n true 2>/dev/null; then
  offline=(unshare -n)
elif unshare -rn true 2>/dev/null; then
  offline=(unshare -rn)
else
  say "unshare -n is not available here: running with the network (DJL still runs with -Dai.djl.offline=true)"
fi
if [ ${#offline[@]} -gt 0 ]; then say "offline runs use: ${offline[*]}"; fi

# Each package gets a fresh home, so DJL extracts libtorch from the bundled jar and nothing comes from this machine.
# Java takes user.home from the password database, not from $HOME: JAVA_TOOL_OPTIONS moves it (the JVM then notes
# "Picked up JAVA_TOOL_OPTIONS" on stderr, which is filtered out).
run_in_home() { # home, command...
  local home="$1"; shift
  env -u XDG_DATA_HOME -u DJL_CACHE_DIR -u ENGINE_CACHE_DIR -u JDK_JAVA_OPTIONS \
      HOME="$home" JAVA_TOOL_OPTIONS="-Duser.home=$home" "${offline[@]}" "$@" \
      2> >(grep -v '^Picked up JAVA_TOOL_OPTIONS' >&2)
}
# The same, replacing the calling (sub)shell, so that $! of "( exec_in_home ... ) &" is the application itself.
exec_in_home() { # home, command...
  local home="$1"; shift
  exec env -u XDG_DATA_HOME -u DJL_CACHE_DIR -u ENGINE_CACHE_DIR -u JDK_JAVA_OPTIONS \
      HOME="$home" JAVA_TOOL_OPTIONS="-Duser.home=$home" "${offline[@]}" "$@"
}

# ---------------------------------------------------------------------------------------------------------- CLI
check_cli() { # label, cli launcher, home
  local label="$1" cli="$2" home="$3"
  local data="$home/.local/share/raylens"
  mkdir -p "$home"
  say "$label: $cli --version"
  local v
  if ! v="$(run_in_home "$home" "$cli" --version 2>&1)"; then fail "$label: --version exited non-zero: $v"; return; fi
  printf '%s\n' "$v" | sed 's/^/    /'
  grep -q "^RayLens $version\$" <<<"$v" || fail "$label: --version does not print RayLens $version"
  grep -q "DJL .* libtorch " <<<"$v" || fail "$label: --version does not name the DJL and libtorch versions"

  say "$label: sample study, synthetic tiny encoder, embed (offline)"
  local sample="$work/$label-sample" model="$work/$label-model" csv="$work/$label-embeddings.csv"
  local files
  files="$(run_in_home "$home" "$cli" sample --out "$sample")" || { fail "$label: raylens sample failed"; return; }
  [ "$(wc -l <<<"$files")" -eq 3 ] || fail "$label: raylens sample printed $(wc -l <<<"$files") files, expected 3"
  run_in_home "$home" "$cli" model synthetic --out "$model" --size tiny >/dev/null \
      || { fail "$label: raylens model synthetic failed"; return; }
  local t0 log="$work/$label-embed.log"
  t0=$(now_ms)
  if ! run_in_home "$home" "$cli" embed "$sample" --model "$model" --out "$csv" >"$log" 2>&1; then
    fail "$label: raylens embed failed:"; sed 's/^/    /' "$log" >&2; return
  fi
  local rows
  rows=$(($(wc -l <"$csv") - 1))
  [ "$rows" -eq 3 ] || fail "$label: embeddings.csv has $rows rows, expected 3"
  report+=("$label: embed of the 3-image sample with the tiny encoder, first run (libtorch extraction included): $(( $(now_ms) - t0 )) ms")
  grep '^embedded' "$log" | sed 's/^/    /' || true

  # DJL's cache and the log file belong in RayLens's data folder, not in ~/.djl.ai.
  if ls -d "$data"/djl/pytorch/* >/dev/null 2>&1; then :; else fail "$label: libtorch was not extracted under $data/djl"; fi
  [ -e "$home/.djl.ai" ] && fail "$label: DJL wrote ~/.djl.ai despite the data-folder default"
  grep -q "RayLens $version starting" "$data/logs/raylens.0.log" 2>/dev/null \
      || fail "$label: no start line in $data/logs/raylens.0.log"
}

# ---------------------------------------------------------------------------------------------------------- GUI
check_gui() { # label, window launcher, home
  local label="$1" gui="$2" home="$3"
  local data="$home/.local/share/raylens"
  mkdir -p "$home"
  say "$label: starting the window (offline) on $DISPLAY"
  local t0 window="" pid elapsed
  t0=$(now_ms)
  ( exec_in_home "$home" "$gui" ) >"$work/$label-gui.log" 2>&1 &
  pid=$!
  window="$(wait_for_window "$pid" 60)"
  elapsed=$(( $(now_ms) - t0 ))
  if [ -z "$window" ]; then
    fail "$label: no RayLens window within 60 s"; sed 's/^/    /' "$work/$label-gui.log" >&2
    kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; return
  fi
  report+=("$label: launch to window: $elapsed ms")
  say "$label: window $window after $elapsed ms"

  # With no arguments the window opens the sample study, generated on first start: wait for it, then for painting.
  for _ in $(seq 1 600); do [ -e "$data/sample-study/.raylens-sample-version" ] && break; sleep 0.1; done
  [ -e "$data/sample-study/.raylens-sample-version" ] || fail "$label: the window did not generate the sample study"
  sleep 3
  local shot="$out/screenshot-$label.png"
  import -window root "$shot"
  local spread
  spread="$(/usr/bin/convert "$shot" -colorspace Gray -format '%[fx:standard_deviation]' info:)"
  awk -v s="$spread" 'BEGIN { exit !(s > 0.05) }' || fail "$label: the screenshot is nearly uniform (sd $spread)"
  say "$label: screenshot $shot (grey-level sd $spread)"

  # One close request must do: the window honours it at any moment (docs/decisions/close-requests.md).
  close_and_wait "$pid" "$window" "$close_limit_ms"
  if [ -z "$close_ms" ]; then
    fail "$label: still running $close_limit_ms ms after the close request"
    dump_raylens_threads "$pid"
    kill "$pid" 2>/dev/null || true; wait "$pid" || true
  elif [ "$close_status" != 0 ]; then
    fail "$label: exited with status $close_status after the close request"; sed 's/^/    /' "$work/$label-gui.log" >&2
  else
    report+=("$label: close request to exit: $close_ms ms")
    say "$label: closed cleanly (exit status 0) $close_ms ms after the close request"
  fi
}

# Closes the window at several moments of start-up (sample generation, thumbnails and the GPU probe still running);
# each time the process must end, with status 0, within $close_limit_ms ms of the request.
check_close_during_startup() { # label, window launcher, home
  local label="$1" gui="$2" home="$3" delay pid window times=()
  for delay in 0 0.05 0.2 0.5 2; do
    rm -rf "$home/.local/share/raylens/sample-study" # regenerated at start: start-up work in flight
    ( exec_in_home "$home" "$gui" ) >"$work/$label-close-$delay.log" 2>&1 &
    pid=$!
    window="$(wait_for_window "$pid" 60)"
    if [ -z "$window" ]; then
      fail "$label: no window within 60 s (close after $delay s)"; kill "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true; continue
    fi
    sleep "$delay"
    close_and_wait "$pid" "$window" "$close_limit_ms"
    if [ -z "$close_ms" ]; then
      fail "$label: closed $delay s after the window appeared, still running $close_limit_ms ms later"
      dump_raylens_threads "$pid"
      kill "$pid" 2>/dev/null || true; wait "$pid" || true
    elif [ "$close_status" != 0 ]; then
      fail "$label: closed $delay s after the window appeared, exit status $close_status"
    else
      times+=("${delay}s:${close_ms}ms")
    fi
  done
  report+=("$label: close request to exit, by moment of start-up: ${times[*]}")
  say "$label: close during start-up: ${times[*]}"
}

# ----------------------------------------------------------------------------------------------------- the tests
start_xvfb

check_cli app-image "$app/bin/raylens" "$work/home-app-image"
check_gui app-image "$app/bin/RayLens" "$work/home-app-image"
check_close_during_startup app-image "$app/bin/RayLens" "$work/home-app-image"

say "deb: $(basename "$deb")"
deb_root="$work/deb-root"
dpkg-deb -x "$deb" "$deb_root"
depends="$(dpkg-deb -f "$deb" Depends)"
grep -q 'libgtk-3-0' <<<"$depends" || fail "deb: Depends lacks libgtk-3-0: $depends"
desktop="$deb_root/opt/raylens/lib/raylens-RayLens.desktop"
if [ -f "$desktop" ]; then
  grep -q '^Categories=Science;MedicalSoftware;' "$desktop" || fail "deb: desktop entry is not in the Science menu"
  grep -q '^MimeType=application/dicom;' "$desktop" || fail "deb: desktop entry does not open application/dicom"
  grep -q '^Exec=/opt/raylens/bin/RayLens %F' "$desktop" || fail "deb: desktop entry does not pass files to RayLens"
else
  fail "deb: no desktop entry at /opt/raylens/lib/raylens-RayLens.desktop"
fi
grep -q 'NoDisplay=true' "$deb_root/opt/raylens/lib/raylens-raylens.desktop" 2>/dev/null \
    || fail "deb: the command-line launcher would show up in the menu"
grep -q 'pattern="\*.dcm"' "$deb_root"/opt/raylens/lib/*MimeInfo.xml 2>/dev/null || fail "deb: no *.dcm MIME glob"
postinst="$(dpkg-deb -I "$deb" postinst 2>/dev/null || true)"
grep -q 'xdg-mime install' <<<"$postinst" || fail "deb: postinst does not register the DICOM type"

check_cli deb "$deb_root/opt/raylens/bin/raylens" "$work/home-deb"
check_gui deb "$deb_root/opt/raylens/bin/RayLens" "$work/home-deb"

if [ "$rpm" = 1 ]; then
  rpmfile="$(ls "$dist"/raylens-"$numeric_version"-*.rpm 2>/dev/null | head -1 || true)"
  if [ -z "$rpmfile" ]; then
    fail "rpm: no .rpm in $dist"
  else
    say "rpm: $(basename "$rpmfile")"
    grep -q 'libgtk-3' <<<"$(rpm -qp --requires "$rpmfile" 2>/dev/null)" || fail "rpm: does not require GTK 3"
    mkdir -p "$work/rpm-root"
    # rpm2archive (part of rpm) turns the payload into a tar stream; no cpio needed.
    if rpm2archive - <"$rpmfile" | tar -xz -C "$work/rpm-root"; then
      v="$(run_in_home "$work/home-rpm" "$work/rpm-root/opt/raylens/bin/raylens" --version 2>&1)" \
          && grep -q "^RayLens $version\$" <<<"$v" || fail "rpm: --version failed: $v"
    else
      fail "rpm: cannot unpack $rpmfile"
    fi
    report+=("rpm: $(( $(stat -c %s "$rpmfile") / 1048576 )) MiB")
  fi
fi

# ------------------------------------------------------------------------------------------------------ summary
app_mib=$(( $(du -sb "$app" | cut -f1) / 1048576 ))
deb_mib=$(( $(stat -c %s "$deb") / 1048576 ))
report+=("app-image: $app_mib MiB (goal <= $app_goal_mib; runtime $(( $(du -sb "$app/lib/runtime" | cut -f1) / 1048576 )) MiB, app jars $(( $(du -sb "$app/lib/app" | cut -f1) / 1048576 )) MiB)")
report+=(".deb (gzip): $deb_mib MiB (goal <= $deb_goal_mib)")
if [ "${SMOKE_SIZE_STRICT:-1}" = 1 ]; then
  [ "$app_mib" -le "$app_goal_mib" ] || fail "app-image is $app_mib MiB, over the $app_goal_mib MiB goal"
  [ "$deb_mib" -le "$deb_goal_mib" ] || fail ".deb is $deb_mib MiB, over the $deb_goal_mib MiB goal"
fi

{
  echo "RayLens $version packaging smoke test, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores"
  printf '  %s\n' "${report[@]}"
  [ "$failures" = 0 ] && echo "  result: PASS" || echo "  result: FAIL ($failures problem(s))"
} | tee "$out/report.txt"
[ "$failures" = 0 ]
