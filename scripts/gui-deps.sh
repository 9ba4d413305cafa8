#!/usr/bin/env bash
# Debian packages the explorer needs at run time (X11 + Mesa software GL) and that the
# screenshot script needs (Xvfb, ImageMagick's `import`, xdotool). The headless UI tests
# (tests/ui.rs, egui_kittest without a renderer) need none of them; building needs none either
# (winit and glutin load the X11/GL libraries at run time).
# Idempotent and quiet: installs only what is missing.
set -euo pipefail
pkgs=(xvfb x11-apps imagemagick xdotool libgl1-mesa-dri libegl1 libgl1 libxkbcommon-x11-0
      libxcursor1 libxrandr2 libxi6 fonts-dejavu-core)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  log=$(mktemp)
  if ! { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
    cat "$log" >&2
    exit 1
  fi
  rm -f "$log"
fi
