package org.raylens.app.export;

import java.nio.file.Path;
import java.util.List;
import org.raylens.viewer.image.DisplayableImage;
import org.raylens.viewer.image.ViewTransform;
import org.raylens.viewer.image.VoiWindow;
import org.raylens.viewer.overlay.Overlay;

/**
 * The viewport's state at the moment the user asked for an export: what an exported figure reproduces. Taken on the
 * FX thread; the export then runs in the background from this copy.
 *
 * @param source   the file shown (its header gives the patient identity and the study for Secondary Capture), or
 *                 null for an image without a file
 * @param overlays the overlays painted over the image, bottom to top, as on screen
 */
public record ViewSnapshot(Path source, DisplayableImage image, VoiWindow window, boolean invert, ViewTransform view,
        int width, int height, List<Overlay> overlays) {

    public ViewSnapshot {
        overlays = List.copyOf(overlays);
    }
}
