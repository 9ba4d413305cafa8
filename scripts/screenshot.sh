#!/usr/bin/env bash
# Runs the real explorer on the bundled demo corpus under Xvfb and saves a screenshot.
#   scripts/screenshot.sh OUT.png [--release]
# The README's picture: SCREENSHOT_CLICK="870 116" scripts/screenshot.sh assets/screenshot.png --release
# (clicks Gaza in the "Most mentioned places" list).
# Installs what it needs (scripts/gui-deps.sh), builds the binary, opens the window on a
# virtual display, waits for the corpus to load, optionally clicks a pin, and saves the screen.
set -euo pipefail
out=${1:?usage: scripts/screenshot.sh OUT.png [--release]}
profile=debug; flag=""
if [[ ${2:-} == --release ]]; then profile=release; flag=--release; fi
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/gui-deps.sh"
cd "$root"
target=${CARGO_TARGET_DIR:-$root/target}
cargo build -q $flag --bin placemap
bin="$target/$profile/placemap"

display=:$((90 + RANDOM % 9))
# The screen is the window's size (no window manager): nothing but the app in the picture.
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
app=""
cleanup() { [[ -n $app ]] && kill "$app" 2>/dev/null; kill "$xvfb" 2>/dev/null || true; }
trap cleanup EXIT
sleep 1
# A fresh config dir so persisted UI state from earlier runs does not change the picture.
export XDG_DATA_HOME=$(mktemp -d) XDG_CONFIG_HOME=$(mktemp -d)
log=$(mktemp)
start_ms=$(date +%s%3N)
DISPLAY=$display LIBGL_ALWAYS_SOFTWARE=1 RUST_LOG=placemap=info "$bin" open data/demo/dispatches 2>"$log" &
app=$!
sleep "${SCREENSHOT_WAIT:-6}"
# Optionally click somewhere first (SCREENSHOT_CLICK="X Y"; several clicks: "X Y;X Y"), e.g. a
# place in the "Most mentioned places" list so the passages panel has content.
if [[ -n ${SCREENSHOT_CLICK:-} ]]; then
  IFS=';' read -ra clicks <<<"$SCREENSHOT_CLICK"
  for c in "${clicks[@]}"; do
    DISPLAY=$display xdotool mousemove $c click 1
    sleep 2
  done
fi
# Park the pointer where it raises no tooltip.
DISPLAY=$display xdotool mousemove 1270 5
sleep 1
DISPLAY=$display import -window root "$out"
echo "saved $out"
# Startup to first frame (process launch to the end of the first egui pass).
first=$(grep -o 'unix ms [0-9]*' "$log" | head -1 | grep -o '[0-9]*$' || true)
[[ -n $first ]] && echo "startup_to_first_frame_ms=$((first - start_ms))"
grep -o 'gazetteer ready [0-9]* ms' "$log" | head -1 | sed 's/.* \([0-9]*\) ms/gazetteer_ready_ms=\1/' || true
grep -o 'corpus loaded [0-9]* ms' "$log" | head -1 | sed 's/.* \([0-9]*\) ms/corpus_loaded_ms=\1/' || true
grep -v '^$' "$log" | tail -5 >&2 || true
