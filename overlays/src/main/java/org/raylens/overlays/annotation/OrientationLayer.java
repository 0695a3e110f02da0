package org.raylens.overlays.annotation;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.raylens.overlays.layer.Layer;
import org.raylens.viewer.annotation.PatientOrientation;
import org.raylens.viewer.image.ViewTransform;
import org.raylens.viewer.overlay.OverlayCanvas;
import org.raylens.viewer.overlay.OverlayCanvas.TextAlign;

/**
 * Orientation letters at the middle of each edge of the view (which side is the patient's left, which their feet)
 * and a boxed L/R laterality marker, both from the header. The letters are worked out from the view transform on
 * every paint, so they follow rotation and flips; an image whose header states no orientation gets no letters (a
 * guessed "L" would be worse than none).
 */
public final class OrientationLayer extends Layer {

    static final double FONT_SIZE_PX = 15;
    static final double MARGIN_PX = 8;
    static final double MARKER_FONT_SIZE_PX = 22;
    private static final int MARKER_COLOR = 0xFFFFD54F;

    private final Supplier<Optional<PatientOrientation>> orientation;
    private final Supplier<Optional<String>> laterality;
    private FurnitureLayout layout;

    public OrientationLayer(Supplier<Optional<PatientOrientation>> orientation, Supplier<Optional<String>> laterality) {
        super("Orientation markers");
        this.orientation = Objects.requireNonNull(orientation, "orientation");
        this.laterality = Objects.requireNonNull(laterality, "laterality");
    }

    /** Places the letters by {@code layout}'s rule, clear of the badge, the corner text and the colorbar. */
    public void placeWith(FurnitureLayout layout) {
        this.layout = layout;
    }

    /** The edge labels for {@code view}, or empty when the image states no orientation. */
    public Optional<PatientOrientation.Edges> edges(ViewTransform view) {
        return orientation.get().map(o -> o.edges(view));
    }

    /** "L" or "R" when the image states its side. */
    public Optional<String> lateralityMarker() {
        return laterality.get();
    }

    @Override
    protected void paintVisible(OverlayCanvas g, ViewTransform view) {
        int colour = faded(ShadowedText.TEXT_COLOR);
        if (layout != null) {
            paintPlaced(g, view, layout.place(g, view, false), colour);
            return;
        }
        g.setFontSize(FONT_SIZE_PX);
        edges(view).ifPresent(e -> {
            double w = g.width();
            double h = g.height();
            double midY = h / 2 + FONT_SIZE_PX / 3;
            ShadowedText.draw(g, e.left(), MARGIN_PX, midY, TextAlign.LEFT, colour);
            ShadowedText.draw(g, e.right(), w - MARGIN_PX, midY, TextAlign.RIGHT, colour);
            ShadowedText.draw(g, e.top(), w / 2, MARGIN_PX + FONT_SIZE_PX, TextAlign.CENTER, colour);
            ShadowedText.draw(g, e.bottom(), w / 2, h - MARGIN_PX, TextAlign.CENTER, colour);
        });
        lateralityMarker().ifPresent(side -> {
            g.setFontSize(MARKER_FONT_SIZE_PX);
            double box = MARKER_FONT_SIZE_PX + 8;
            double x = g.width() / 2 + 3 * FONT_SIZE_PX;
            double y = MARGIN_PX;
            g.setLineWidth(2);
            g.setStrokeColor(faded(MARKER_COLOR));
            g.strokeRect(x, y, box, box);
            ShadowedText.draw(g, side, x + box / 2, y + box - 7, TextAlign.CENTER, faded(MARKER_COLOR));
        });
    }

    private void paintPlaced(OverlayCanvas g, ViewTransform view, ViewportFurniture.Placement p, int colour) {
        g.setFontSize(FONT_SIZE_PX);
        edges(view).ifPresent(e -> {
            letter(g, e.top(), p.top(), colour);
            letter(g, e.bottom(), p.bottom(), colour);
            letter(g, e.left(), p.left(), colour);
            letter(g, e.right(), p.right(), colour);
        });
        lateralityMarker().ifPresent(side -> p.laterality().ifPresent(b -> {
            g.setFontSize(MARKER_FONT_SIZE_PX);
            g.setLineWidth(2);
            g.setStrokeColor(faded(MARKER_COLOR));
            g.strokeRect(b.x(), b.y(), b.width(), b.height());
            ShadowedText.draw(g, side, b.x() + b.width() / 2, b.bottom() - 7, TextAlign.CENTER, faded(MARKER_COLOR));
        }));
    }

    private static void letter(OverlayCanvas g, String text, Optional<ViewportFurniture.Box> box, int colour) {
        box.ifPresent(b -> ShadowedText.draw(g, text, b.x(), b.y() + 0.85 * FONT_SIZE_PX, TextAlign.LEFT, colour));
    }
}
