package org.raylens.app.export;

import java.util.List;
import org.raylens.viewer.image.DisplayableImage;
import org.raylens.viewer.image.ViewTransform;
import org.raylens.viewer.image.VoiWindow;
import org.raylens.viewer.overlay.Overlay;
import org.raylens.viewer.source.ImageSource;

/**
 * The viewport's state at the moment the user asked for an export: what an exported figure reproduces. Taken on the
 * FX thread; the export then runs in the background from this copy.
 *
 * @param source   the image shown, by its source (its URI names it in provenance; its kept header gives the patient
 *                 identity and the study for Secondary Capture), or null for an image without a source
 * @param overlays the overlays painted over the image, bottom to top, as on screen: the window's own layer objects
 */
public record ViewSnapshot(ImageSource source, DisplayableImage image, VoiWindow window, boolean invert,
        ViewTransform view, int width, int height, List<Overlay> overlays) {

    public ViewSnapshot {
        overlays = List.copyOf(overlays);
    }

    /** The overlays as an export reads them. */
    public ScreenLayers layers() {
        return new ScreenLayers(overlays);
    }
}
