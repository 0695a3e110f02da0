#!/usr/bin/env bash
# Screenshots of the real RayLens window under Xvfb, for the README (docs/screenshots/*.png).
# Needs: apt-get install -y xvfb xauth libgtk-3-0 libxtst6 fontconfig fonts-dejavu-core imagemagick x11-utils xdotool
# Usage: docs/screenshots.sh            (from the repository root; builds the app first)
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=docs/screenshots
mkdir -p "$OUT"
if [ "${SKIP_BUILD:-}" != 1 ]; then
  mvn -o -q -pl app -am package -DskipTests
fi
JFX=$(ls app/target/lib/javafx-*linux.jar | tr '\n' ':')
CP=app/target/raylens-app-0.1.0-SNAPSHOT.jar
DISPLAY_NUM=:${SCREEN_DISPLAY:-91}
WORK=$(mktemp -d)
trap 'kill $XVFB 2>/dev/null || true; rm -rf "$WORK"' EXIT
Xvfb "$DISPLAY_NUM" -screen 0 1280x860x24 -nolisten tcp >/dev/null 2>&1 &
XVFB=$!
sleep 1
export DISPLAY=$DISPLAY_NUM
# A private home: fresh preferences, the sample study generated in it, nothing from the user's own setup; but
# libtorch's extracted natives (~430 MB) are reused from the real cache.
export DJL_CACHE_DIR="${DJL_CACHE_DIR:-$HOME/.djl.ai}"
export HOME="$WORK/home" XDG_CONFIG_HOME="$WORK/home/.config" XDG_DATA_HOME="$WORK/home/.local/share"
mkdir -p "$HOME"
CONVERT=/usr/bin/convert

# shot NAME WAIT_SECONDS ARGS...: start the app with ARGS, wait, capture, stop it.
shot() {
  local name=$1 wait=$2
  shift 2
  java -Dai.djl.offline=true -Dprism.order=sw -Djava.awt.headless=true --module-path "$JFX" \
    --add-modules javafx.controls -cp "$CP" org.raylens.app.RayLensLauncher "$@" >"$WORK/$name.log" 2>&1 &
  local app=$!
  for _ in $(seq 1 60); do
    xdotool search --name RayLens >/dev/null 2>&1 && break
    sleep 1
  done
  sleep "$wait"
  if [ -n "${ACTIONS:-}" ]; then
    eval "$ACTIONS"
    sleep 2
  fi
  import -window root "$WORK/$name-full.png"
  kill "$app" 2>/dev/null || true
  wait "$app" 2>/dev/null || true
  $CONVERT "$WORK/$name-full.png" -resize 1100x -colors 255 -strip "PNG8:$OUT/$name.png"
  echo "$OUT/$name.png $(stat -c %s "$OUT/$name.png") bytes"
}

# SHOTS=pacs docs/screenshots.sh: the PACS tab against a real Orthanc (Debian's orthanc + orthanc-dicomweb, started
# here on a free loopback port from a temporary folder, loaded with ../shared's CXR and dcmqi's SEG example): Search,
# the DX study chosen, Open study (the browser fills from WADO-RS metadata, the image is fetched when shown).
# SHOTS=derived: a RayLens SEG (two segments) and Parametric Map, written by RayLens's own writers over a ../shared
# radiograph (DerivedScreenshotFixture, synthetic values), re-opened as layers; thresholds dragged so the low values
# are transparent. Both click at fixed places of the 1280x860 screen.
SHARED=${SHARED:-../shared}
if [ "${SHOTS:-all}" = pacs ]; then
  PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  mkdir -p "$WORK/orthanc/db" "$XDG_CONFIG_HOME/raylens"
  cat >"$WORK/orthanc/orthanc.json" <<JSON
{ "Name": "RayLens screenshots", "StorageDirectory": "$WORK/orthanc/db", "IndexDirectory": "$WORK/orthanc/db",
  "HttpPort": $PORT, "DicomServerEnabled": false, "DicomPort": 0, "RemoteAccessAllowed": false,
  "AuthenticationEnabled": false, "Plugins": [ "/usr/share/orthanc/plugins/libOrthancDicomWeb.so" ],
  "DicomWeb": { "Enable": true, "Root": "/dicom-web/" } }
JSON
  /usr/sbin/Orthanc "$WORK/orthanc/orthanc.json" >"$WORK/orthanc/log" 2>&1 &
  ORTHANC=$!
  trap 'kill $ORTHANC $XVFB 2>/dev/null || true; rm -rf "$WORK"' EXIT
  for _ in $(seq 1 30); do curl -sf "http://127.0.0.1:$PORT/system" >/dev/null && break; sleep 1; done
  for f in "$SHARED"/data/dicom-derived/seg-24x38x3/image/*.dcm "$SHARED"/data/dicom-derived/seg-24x38x3/seg/label.seg \
      "$SHARED"/data/cxr/dicom/NIH_00000002_000_gcp.dcm "$SHARED"/data/cxr/dicom/CR-MONO1-10-chest.dcm \
      "$SHARED"/data/cxr/dicom/RG1_J2KI.dcm; do
    curl -sf -X POST --data-binary "@$f" "http://127.0.0.1:$PORT/instances" >/dev/null
  done
  cat >"$XDG_CONFIG_HOME/raylens/preferences.json" <<JSON
{ "window": { "leftDivider": 0.2, "rightDivider": 0.64 },
  "pacsServers": [ { "name": "Orthanc (local)", "baseUrl": "http://127.0.0.1:$PORT/dicom-web", "auth": "none" } ] }
JSON
  ACTIONS='xdotool mousemove 1185 85 click 1 sleep 2 mousemove 864 307 click 1 sleep 10;
    xdotool mousemove 990 420 click 1 sleep 8 mousemove 878 660 click 1 sleep 15' \
    shot pacs-search 25
  exit 0
fi
if [ "${SHOTS:-all}" = derived ]; then
  mkdir -p "$WORK/derived" "$XDG_CONFIG_HOME/raylens"
  cp "$SHARED/data/cxr/dicom/NIH_00000002_000_gcp.dcm" "$WORK/derived/"
  mvn -o -q -pl app -am test-compile
  java -cp "$CP:app/target/test-classes" org.raylens.app.export.DerivedScreenshotFixture \
    "$WORK/derived/NIH_00000002_000_gcp.dcm" "$WORK/derived"
  echo '{ "window": { "leftDivider": 0.2, "rightDivider": 0.64 } }' >"$XDG_CONFIG_HOME/raylens/preferences.json"
  ACTIONS='xdotool mousemove 1040 500; for i in $(seq 1 25); do xdotool click 5; done; sleep 1;
    for d in "901 1006 789" "901 1076 664" "901 1076 540"; do set -- $d;
      xdotool mousemove $1 $3 mousedown 1 sleep 0.2 mousemove $2 $3 sleep 0.2 mouseup 1; sleep 0.5; done' \
    shot derived-layers 25 "$WORK/derived"
  exit 0
fi
# SHOTS=measure docs/screenshots.sh makes only the last two (measure-roi, hanging-pa-lateral); the others need a
# quiet machine: the demo run must finish within their waits.
SHOTS=${SHOTS:-all}
if [ "$SHOTS" = all ]; then
# 1. The sample study with attention and Grad-CAM over the PA, the scores panel beside it.
shot window-attention-gradcam 20 --demo-run --layers=attention,gradcam --show-panel=scores
# 2. The layers panel with its colormaps and colorbars.
shot layers-panel 20 --demo-run --layers=attention,rollout --show-panel=layers
# 3. An exported multi-panel figure (original | attention | Grad-CAM), written by the app's own export.
shot figure-export-run 30 --demo-run --layers=attention "--export-multipanel=$WORK/figure.png"
rm -f "$OUT/figure-export-run.png"
$CONVERT "$WORK/figure.png" -resize 1400x -colors 255 -strip "PNG8:$OUT/figure-multipanel.png"
echo "$OUT/figure-multipanel.png $(stat -c %s "$OUT/figure-multipanel.png") bytes"
fi
# 6. An imported CNN explained, with the faithfulness metrics under the class map's layer. The CNN is small and its
#    weights are set by hand, not trained, so that its maps can be checked by eye: three strided convolutions average
#    how dark (channel 0) and how bright (channel 1) each region is into a 32 x 28 x 28 feature map, global average
#    pooling and a linear layer read them as two logits, "Lucent" and "Dense". Grad-CAM and RISE of "Lucent" must
#    light the air-filled lungs and nothing else. Exported here by Debian's python3-torch as TorchScript with its
#    feature map as a second output and its linear head named in model.json (what Grad-CAM of an imported model
#    needs; docs/model-format.md). Then an occlusion map of the golden TorchXRayVision-style CNN (random weights,
#    ../shared/golden/import/xrv_cnn) run from its ONNX file: ONNX gives no gradients, so occlusion and RISE are what
#    explain it.
if [ "$SHOTS" = all ] || [ "$SHOTS" = imported ] || [ "$SHOTS" = imported-gradcam ]; then
  if /usr/bin/python3 -c 'import torch' 2>/dev/null; then
    mkdir -p "$WORK/cnn"
    /usr/bin/python3 - "$WORK/cnn" <<'PY'
import json, os, sys
import torch
from torch import nn
out = sys.argv[1]
class Cnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(1, 8, 5, stride=2, padding=2)
        self.c2 = nn.Conv2d(8, 16, 3, stride=2, padding=1)
        self.c3 = nn.Conv2d(16, 32, 3, stride=2, padding=1)
        self.fc = nn.Linear(32, 2)
    def forward(self, x):
        a = torch.relu(self.c3(torch.relu(self.c2(torch.relu(self.c1(x))))))
        return self.fc(a.mean(dim=(2, 3))), a
m = Cnn().eval()
with torch.no_grad():
    for p in m.parameters():
        p.zero_()
    # Channel 0 averages darkness (grey below the 0.5 mean), channel 1 brightness; each layer keeps averaging them.
    m.c1.weight[0, 0] = -1.0 / 25
    m.c1.weight[1, 0] = 1.0 / 25
    for conv in (m.c2, m.c3):
        conv.weight[0, 0] = 1.0 / 9
        conv.weight[1, 1] = 1.0 / 9
    m.fc.weight[0, 0] = 8.0
    m.fc.weight[1, 1] = 8.0
    m.fc.bias[:] = -1.0
torch.jit.trace(m, torch.randn(1, 1, 224, 224)).save(os.path.join(out, "model.pt"))
json.dump({"format": "model-import/1", "name": "hand-set-cnn",
           "description": "small CNN with hand-set weights for the screenshots: 'Lucent' reads how dark regions are, "
                          "'Dense' how bright (NOT a trained model)",
           "files": {"torchscript": "model.pt"},
           "input": {"name": "input", "channels": 1, "height": 224, "width": 224, "dynamic_batch": False},
           "preprocess": {"mean": [0.5], "std": [0.25]},
           "outputs": [{"name": "logits", "index": 0, "kind": "logits", "shape": [1, 2], "activation": "sigmoid",
                        "labels": ["Lucent", "Dense"]},
                       {"name": "feature_map", "index": 1, "kind": "feature-map", "shape": [1, 32, 28, 28]}],
           "head": {"kind": "linear", "weight": "fc.weight", "bias": "fc.bias", "logits": "logits"}},
          open(os.path.join(out, "model.json"), "w"), indent=1)
PY
    shot imported-cnn-gradcam-metrics 60 --demo-run "--import-model=$WORK/cnn" --class-map=gradcam --class=Lucent \
      --metrics --layers=gradcam --show-panel=layers
    shot imported-cnn-rise-metrics 90 --demo-run "--import-model=$WORK/cnn" "--class-map=rise:masks=1000" \
      --class=Lucent --metrics --layers=gradcam --show-panel=layers
  else
    echo "skipping the imported Grad-CAM and RISE shots: Debian's python3-torch is absent"
  fi
fi
XRV=${XRV:-../shared/golden/import/xrv_cnn}
if [ "$SHOTS" = all ] || [ "$SHOTS" = imported ]; then
  if [ -d "$XRV" ]; then
    mkdir -p "$WORK/xrv_cnn"
    cp "$XRV/model.onnx" "$WORK/xrv_cnn/"
    python3 -c 'import json,sys; m=json.load(open(sys.argv[1])); m["files"].pop("torchscript"); m["files"]["sha256"].pop("model.pt"); json.dump(m, open(sys.argv[2], "w"), indent=1)' \
      "$XRV/model.json" "$WORK/xrv_cnn/model.json"
    shot imported-cnn-occlusion-metrics 120 --demo-run "--import-model=$WORK/xrv_cnn" \
      "--class-map=occlusion:window=32,stride=16" --class=Effusion --metrics --layers=gradcam --show-panel=layers
  else
    echo "skipping the imported ONNX occlusion shot: $XRV is absent"
  fi
fi
[ "$SHOTS" = imported ] || [ "$SHOTS" = imported-gradcam ] && exit 0
# 4. Corner text, orientation letters, an ellipse ROI with the image's and the attention map's statistics, an angle
#    (three clicks) and a distance, all drawn with the mouse; M walks the tools: distance, rectangle, ellipse, angle,
#    freehand, off.
ACTIONS='xdotool mousemove 640 420 click 1 sleep 0.3 key m key m key m sleep 0.3;
  xdotool mousemove 560 330 mousedown 1 sleep 0.2 mousemove 600 380 sleep 0.2 mousemove 660 430 sleep 0.2 mouseup 1;
  sleep 1; xdotool key m sleep 0.3 mousemove 330 700 click 1 sleep 0.4 mousemove 400 640 click 1 sleep 0.4 \
  mousemove 320 600 click 1 sleep 1;
  xdotool key m key m key m sleep 0.3 mousemove 470 560 mousedown 1 sleep 0.2 mousemove 600 600 sleep 0.2 \
  mousemove 720 640 sleep 0.2 mouseup 1' \
  shot measure-roi 45 --demo-run --layers=attention --show-panel=layers
# 5. The PA + lateral hanging (L): the lateral pinned on the left, the PA on the right, linked in zoom, pan and
#    window; Ctrl+R analyses the PA and the lateral gets the same attention layer, computed for its own image.
ACTIONS='xdotool mousemove 640 420 click 1 sleep 0.3 key l; sleep 4; xdotool key ctrl+r; sleep 40' \
  shot hanging-pa-lateral 45 --demo-run --layers=attention --show-panel=layers
