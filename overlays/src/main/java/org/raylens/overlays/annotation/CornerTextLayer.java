package org.raylens.overlays.annotation;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.raylens.overlays.layer.Layer;
import org.raylens.viewer.annotation.Corner;
import org.raylens.viewer.annotation.CornerText;
import org.raylens.viewer.image.ViewTransform;
import org.raylens.viewer.overlay.Overlay;
import org.raylens.viewer.overlay.OverlayCanvas;
import org.raylens.viewer.overlay.OverlayCanvas.TextAlign;

/**
 * The four corners of text over the image (patient, study, window, zoom, map), asked from a supplier on every paint
 * so they follow the image and the view.
 *
 * <p>Exports: {@link #forExport(boolean)} gives what a figure or Secondary Capture should draw. By default
 * ({@link #includedInExports()} false) that is nothing, so corner text is never burnt into an exported image unless
 * asked; when included, the lines that name the patient are dropped unless identified output is asked for.
 */
public final class CornerTextLayer extends Layer {

    static final double FONT_SIZE_PX = 13;
    static final double LINE_HEIGHT_PX = 16;
    static final double MARGIN_PX = 8;
    /** Longer lines are cut with an ellipsis, so a long study description cannot run into the orientation letter. */
    static final int MAX_CHARS = 40;

    private final Supplier<CornerText> text;
    private boolean deidentified;
    private boolean includedInExports;
    private FurnitureLayout layout;

    /** @param text the text to show now; asked on every paint */
    public CornerTextLayer(Supplier<CornerText> text) {
        super("Corner text");
        this.text = Objects.requireNonNull(text, "text");
    }

    /** Places the text by {@code layout}'s rule, clear of the badge, the letters and the colorbar. */
    public void placeWith(FurnitureLayout layout) {
        this.layout = layout;
    }

    /** True when this layer drops the patient's name, ID and birth date (on screen; exports have their own say). */
    public boolean isDeidentified() {
        return deidentified;
    }

    public void setDeidentified(boolean deidentified) {
        this.deidentified = deidentified;
    }

    /** Whether exports draw the corner text at all (false by default: nothing burnt in unless asked). */
    public boolean includedInExports() {
        return includedInExports;
    }

    public void setIncludedInExports(boolean include) {
        this.includedInExports = include;
    }

    /** The text this layer paints now (after de-identification), for tests and a status line. */
    public CornerText shownText() {
        CornerText t = text.get();
        t = t == null ? CornerText.empty() : t;
        return deidentified ? t.deidentified() : t;
    }

    /**
     * What an export paints for this layer: nothing when corner text is not included in exports or the layer is
     * hidden; otherwise the text, de-identified unless {@code identified} is true.
     */
    public Overlay forExport(boolean identified) {
        return (g, view) -> {
            if (includedInExports && isVisible()) {
                CornerText t = text.get();
                if (t != null) {
                    paintText(g, view, identified ? t : t.deidentified());
                }
            }
        };
    }

    @Override
    protected void paintVisible(OverlayCanvas g, ViewTransform view) {
        paintText(g, view, shownText());
    }

    static String shortened(String text) {
        return text.length() <= MAX_CHARS ? text : text.substring(0, MAX_CHARS - 1) + "\u2026";
    }

    private void paintText(OverlayCanvas g, ViewTransform view, CornerText t) {
        var placement = layout == null ? null : layout.place(g, view, t, false);
        g.setFontSize(FONT_SIZE_PX);
        int colour = faded(ShadowedText.TEXT_COLOR);
        for (Corner corner : Corner.values()) {
            List<CornerText.Line> lines = t.in(corner);
            boolean left = corner == Corner.TOP_LEFT || corner == Corner.BOTTOM_LEFT;
            boolean top = corner == Corner.TOP_LEFT || corner == Corner.TOP_RIGHT;
            TextAlign align = left ? TextAlign.LEFT : TextAlign.RIGHT;
            if (placement != null) {
                var box = placement.corners().get(corner);
                if (box.isEmpty()) {
                    continue; // no room clear of the rest: left out rather than drawn over it
                }
                double x = left ? box.get().x() : box.get().right();
                for (int i = 0; i < lines.size(); i++) {
                    double y = box.get().y() + FONT_SIZE_PX + i * LINE_HEIGHT_PX;
                    ShadowedText.draw(g, shortened(lines.get(i).text()), x, y, align, colour);
                }
                continue;
            }
            double x = left ? MARGIN_PX : g.width() - MARGIN_PX;
            for (int i = 0; i < lines.size(); i++) {
                // bottom corners stack upwards from the bottom edge, leaving room for the scale bar on the left
                double y = top ? MARGIN_PX + FONT_SIZE_PX + i * LINE_HEIGHT_PX
                        : g.height() - MARGIN_PX - (left ? 40 : 0) - (lines.size() - 1 - i) * LINE_HEIGHT_PX;
                ShadowedText.draw(g, shortened(lines.get(i).text()), x, y, align, colour);
            }
        }
    }
}
