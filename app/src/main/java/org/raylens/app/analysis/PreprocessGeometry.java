package org.raylens.app.analysis;

import org.raylens.inference.explain.MapGeometry;
import org.raylens.inference.model.PreprocessorConfig;

/**
 * The {@link MapGeometry} of a HF BitImageProcessor run (shortest-edge resize with the long side truncated as HF
 * does, then a centre crop), so a patch grid lands on the source pixels it came from. Mirrors
 * {@code BitImageProcessor.resizeAndCrop} step for step; a test compares the two on odd sizes.
 */
public final class PreprocessGeometry {

    private PreprocessGeometry() {
    }

    public static MapGeometry of(PreprocessorConfig config, int sourceWidth, int sourceHeight, int patchSize) {
        int rw = sourceWidth;
        int rh = sourceHeight;
        if (config.doResize()) {
            int s = config.shortestEdge();
            if (sourceWidth <= sourceHeight) {
                rw = s;
                rh = (int) ((double) s * sourceHeight / sourceWidth);
            } else {
                rh = s;
                rw = (int) ((double) s * sourceWidth / sourceHeight);
            }
        }
        int cropLeft = 0;
        int cropTop = 0;
        int iw = rw;
        int ih = rh;
        if (config.doCenterCrop()) {
            iw = config.cropWidth();
            ih = config.cropHeight();
            cropLeft = (rw - iw) / 2;
            cropTop = (rh - ih) / 2;
        }
        return new MapGeometry(sourceWidth, sourceHeight, rw, rh, cropLeft, cropTop, iw, ih, patchSize,
                ih / patchSize, iw / patchSize);
    }
}
