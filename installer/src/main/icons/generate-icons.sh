#!/usr/bin/env bash
# Regenerates the committed installer icons from the one drawing in the resources module.
# Needs (Debian): librsvg2-bin (rsvg-convert), imagemagick (/usr/bin/convert), icnsutils (png2icns).
# Run it after changing raylens-icon.svg and commit the results; builds never run it.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../../.." && pwd)"
svg="$root/resources/src/main/resources/org/raylens/resources/raylens-icon.svg"
jp="$here/../jpackage"
mkdir -p "$here/png" "$jp/linux" "$jp/windows" "$jp/macos"

for size in 16 24 32 48 64 128 256 512; do
  rsvg-convert -w "$size" -h "$size" "$svg" -o "$here/png/raylens-$size.png"
done
cp "$here/png/raylens-256.png" "$jp/linux/RayLens.png"
# Windows: one .ico with the sizes Explorer and the taskbar ask for (256 is stored as PNG inside).
/usr/bin/convert "$here"/png/raylens-{16,24,32,48,64,128,256}.png "$jp/windows/RayLens.ico"
# macOS: png2icns picks the icns slot from each PNG's size (16, 32, 48, 128, 256, 512).
png2icns "$jp/macos/RayLens.icns" "$here"/png/raylens-{16,32,48,128,256,512}.png >/dev/null
ls -l "$here/png" "$jp/linux/RayLens.png" "$jp/windows/RayLens.ico" "$jp/macos/RayLens.icns"
