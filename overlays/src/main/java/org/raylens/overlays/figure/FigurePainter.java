package org.raylens.overlays.figure;

import java.util.List;
import org.raylens.overlays.layer.DemoBadgeLayer;
import org.raylens.viewer.image.ViewTransform;
import org.raylens.viewer.overlay.Overlay;
import org.raylens.viewer.overlay.OverlayCanvas;

/**
 * Paints a whole figure through {@link OverlayCanvas}: every export format (PNG, SVG, PDF, DICOM) is this one paint
 * on a different canvas. A panel is the same two steps the viewport takes: {@code DisplayableImage.render} into an
 * ARGB buffer at the canvas's pixel scale, then each overlay's {@code paint} with the panel's view transform on a
 * canvas whose origin is the panel's corner.
 */
public final class FigurePainter {

    /** The viewport's background outside the image, so an exported panel matches the screen pixel for pixel. */
    public static final int PANEL_BACKGROUND = 0xFF101010;
    private static final int PAPER = 0xFFFFFFFF;
    private static final int INK = 0xFF000000;
    private static final int DEMO_INK = 0xFFB00020;

    private FigurePainter() {}

    /** Paints the figure; {@code includeFooter} false leaves the footer area blank (for PDF's real text). */
    public static void paint(Figure figure, FigureLayout layout, OverlayCanvas g, boolean includeFooter) {
        g.setFillColor(PAPER);
        g.fillRect(0, 0, layout.width(), layout.height());
        if (layout.patientLine() != null) {
            g.setFontSize(FigureLayout.HEADER_FONT);
            g.setFillColor(INK);
            g.fillText(figure.patientLine(), layout.patientLine()[0], layout.patientLine()[1],
                    OverlayCanvas.TextAlign.LEFT);
        }
        for (int i = 0; i < figure.panels().size(); i++) {
            FigurePanel panel = figure.panels().get(i);
            double[] title = layout.titleBaselines().get(i);
            g.setFontSize(FigureLayout.TITLE_FONT);
            g.setFillColor(INK);
            double[] r = layout.panelRects().get(i);
            // A layer's label can be long ("Attention (CLS) — CLS → patches, layer 12/12, mean of 12 heads"): cut to
            // the panel's width so it never runs over the next panel; the full label is the colorbar's title.
            g.fillText(TextMetrics.elide(panel.title(), FigureLayout.TITLE_FONT, r[2]), title[0], title[1],
                    OverlayCanvas.TextAlign.LEFT);
            OffsetCanvas sub = new OffsetCanvas(g, r[0], r[1], r[2], r[3]);
            sub.pushClip(0, 0, r[2], r[3]);
            try {
                paintPanel(panel, sub, figure.provenance().demo());
            } finally {
                sub.popClip();
            }
        }
        for (int i = 0; i < figure.colorbars().size(); i++) {
            double[] r = layout.colorbarRects().get(i);
            figure.colorbars().get(i).paint(g, r[0], r[1], r[2], r[3]);
        }
        if (layout.legendRect() != null) {
            double[] r = layout.legendRect();
            figure.legend().paint(g, r[0], r[1], r[2]);
        }
        if (layout.scoresRect() != null) {
            double[] r = layout.scoresRect();
            figure.scores().paint(g, r[0], r[1], r[2]);
        }
        if (includeFooter) {
            paintFooter(figure, layout, g);
        }
    }

    /**
     * Paints one panel (image, then overlays) on a canvas of the panel's size: what the viewport shows. When the
     * results are from the demo encoder and the panel has no active badge, one is added: a demo figure can never
     * leave RayLens without it.
     */
    public static void paintPanel(FigurePanel panel, OverlayCanvas g, boolean demo) {
        double scale = g.pixelScale() > 0 ? g.pixelScale() : 1;
        paintPanel(panel, g, demo, (int) Math.ceil(panel.width() * scale - 1e-9),
                (int) Math.ceil(panel.height() * scale - 1e-9));
    }

    /**
     * As {@link #paintPanel(FigurePanel, OverlayCanvas, boolean)} into a raster of exactly {@code bw × bh} device
     * pixels (a Secondary Capture of a source's full size, whose view size in view units need not be whole).
     */
    public static void paintPanel(FigurePanel panel, OverlayCanvas g, boolean demo, int bw, int bh) {
        double scale = g.pixelScale() > 0 ? g.pixelScale() : 1;
        int[] pixels = new int[bw * bh];
        panel.image().render(panel.window(), panel.invert(), bufferTransform(panel.view(), scale), pixels, bw, bh,
                PANEL_BACKGROUND);
        g.drawArgb(pixels, bw, bh, 0, 0, bw / scale, bh / scale);
        boolean badged = false;
        for (Overlay overlay : panel.overlays()) {
            overlay.paint(g, panel.view());
            badged |= overlay instanceof DemoBadgeLayer badge && badge.isActive();
        }
        if (demo && !badged) {
            new DemoBadgeLayer(true).paint(g, panel.view());
        }
    }

    private static void paintFooter(Figure figure, FigureLayout layout, OverlayCanvas g) {
        g.setFontSize(FigureLayout.FOOTER_FONT);
        double y = layout.footerTop() + FigureLayout.FOOTER_FONT;
        List<String> lines = layout.footerLines();
        for (String line : lines) {
            g.setFillColor(line.startsWith("DEMO") ? DEMO_INK : INK);
            g.fillText(line, FigureLayout.MARGIN, y, OverlayCanvas.TextAlign.LEFT);
            y += FigureLayout.FOOTER_LINE;
        }
    }

    /** As the viewport: buffer pixel (bx, by) is view point (bx / scale, by / scale). */
    static ViewTransform bufferTransform(ViewTransform view, double scale) {
        if (scale == 1) {
            return view;
        }
        return new ViewTransform(view.a() / scale, view.b() / scale, view.c(), view.d() / scale, view.e() / scale,
                view.f());
    }
}
