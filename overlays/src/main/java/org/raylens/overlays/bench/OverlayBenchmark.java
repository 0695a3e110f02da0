package org.raylens.overlays.bench;

import java.util.Arrays;
import java.util.Locale;
import org.raylens.core.result.MapGeometry;
import org.raylens.core.result.PatchMap;
import org.raylens.overlays.layer.HeatmapLayer;
import org.raylens.overlays.layer.MaskLayer;
import org.raylens.overlays.layer.RgbMapLayer;
import org.raylens.viewer.image.ViewTransform;
import org.raylens.viewer.overlay.Overlay;
import org.raylens.viewer.overlay.OverlayCanvas;

/**
 * Times the FX-free part of an overlay redraw: sampling a heatmap (37 × 37 patches, RAD-DINO at 518) and a
 * source-resolution mask (and a 3-channel PCA map) over a 2 500 × 3 000 image into a full-screen view, without the toolkit's blit. Prints the
 * median and best of repeated paints per layer. Usage: {@code OverlayBenchmark [viewWidth viewHeight [repeats]]}.
 */
public final class OverlayBenchmark {

    private OverlayBenchmark() {}

    public static void main(String[] args) {
        int vw = args.length > 1 ? Integer.parseInt(args[0]) : 1600;
        int vh = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        int sw = 2500;
        int sh = 3000;
        // resize short side to 518: 518 × 622, centre crop 518 × 518 at y = 52
        MapGeometry geometry = new MapGeometry(sw, sh, 518, 622, 0, 52, 518, 518, 14, 37, 37);
        float[] values = new float[37 * 37];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) Math.sin(i * 0.37) * 0.5f + 0.5f;
        }
        HeatmapLayer heat = new HeatmapLayer("attention", new PatchMap("attention", "", 37, 37, 1, values, geometry,
                ""));
        heat.setThreshold(0.2);
        heat.setOpacity(0.6);
        float[] pca = new float[37 * 37 * 3];
        for (int i = 0; i < pca.length; i++) {
            pca[i] = (float) Math.cos(i * 0.11);
        }
        RgbMapLayer rgb = new RgbMapLayer("pca", new PatchMap("pca", "", 37, 37, 3, pca, geometry, ""));
        float[] mask = new float[sw * sh];
        for (int y = 800; y < 2200; y++) {
            Arrays.fill(mask, y * sw + 600, y * sw + 1900, 0.9f);
        }
        MaskLayer maskLayer = MaskLayer.probability("mask", sw, sh, sw, sh, mask);
        maskLayer.setStyle(MaskLayer.Style.CONTOUR);
        double scale = Math.min(vw / (double) sw, vh / (double) sh);
        ViewTransform view = ViewTransform.zoomPan(scale, 0, 0);
        System.out.printf(Locale.ROOT, "view %d×%d over a %d×%d source, %d repeats, %d cores%n", vw, vh, sw, sh,
                repeats, Runtime.getRuntime().availableProcessors());
        time("heatmap (bilinear, 37×37 patches)", heat, vw, vh, view, repeats);
        time("mask contour (source resolution)", maskLayer, vw, vh, view, repeats);
        time("PCA as RGB (3 channels, 37×37)", rgb, vw, vh, view, repeats);
    }

    private static void time(String name, Overlay overlay, int vw, int vh, ViewTransform view, int repeats) {
        OverlayCanvas sink = new NullCanvas(vw, vh);
        double[] ms = new double[repeats];
        for (int warm = 0; warm < 5; warm++) {
            overlay.paint(sink, view);
        }
        for (int r = 0; r < repeats; r++) {
            long t0 = System.nanoTime();
            overlay.paint(sink, view);
            ms[r] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "%-36s median %.1f ms, best %.1f ms%n", name, ms[repeats / 2], ms[0]);
    }

    /** A canvas that discards everything: measures the layer's own work. */
    private record NullCanvas(double width, double height) implements OverlayCanvas {
        @Override public void setStrokeColor(int argb) { }
        @Override public void setFillColor(int argb) { }
        @Override public void setLineWidth(double width) { }
        @Override public void setFontSize(double size) { }
        @Override public void strokeLine(double x1, double y1, double x2, double y2) { }
        @Override public void fillRect(double x, double y, double w, double h) { }
        @Override public void strokeRect(double x, double y, double w, double h) { }
        @Override public void fillText(String text, double x, double y, TextAlign align) { }
        @Override public void drawArgb(int[] argb, int rw, int rh, double x, double y, double w, double h) { }
    }
}
