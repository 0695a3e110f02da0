package org.raylens.overlays.annotation;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.raylens.overlays.annotation.ViewportFurniture.Placement;
import org.raylens.overlays.annotation.ViewportFurniture.Size;
import org.raylens.overlays.layer.DemoBadgeLayer;
import org.raylens.viewer.annotation.Corner;
import org.raylens.viewer.annotation.CornerText;
import org.raylens.viewer.annotation.PatientOrientation;
import org.raylens.viewer.image.ViewTransform;
import org.raylens.viewer.overlay.OverlayCanvas;

/**
 * One viewport's {@link ViewportFurniture}, measured on the canvas being painted: the corner text and orientation
 * layers and the colorbar ask it where to paint, so each piece knows where the others go without depending on the
 * order they paint in. The same answer for the same canvas, text and view, on screen and in an export.
 */
public final class FurnitureLayout {

    /** The colorbar card: its width, preferred height and the least height worth drawing. */
    public static final double COLORBAR_WIDTH_PX = 140;
    public static final double COLORBAR_HEIGHT_PX = 200;
    public static final double COLORBAR_MIN_HEIGHT_PX = 90;

    private final CornerTextLayer cornerText;
    private final OrientationLayer orientation;

    public FurnitureLayout(CornerTextLayer cornerText, OrientationLayer orientation) {
        this.cornerText = Objects.requireNonNull(cornerText, "cornerText");
        this.orientation = Objects.requireNonNull(orientation, "orientation");
    }

    /** The placement with the corner text shown now (nothing when the layer is hidden). */
    public Placement place(OverlayCanvas g, ViewTransform view, boolean withColorbar) {
        return place(g, view, cornerText.isVisible() ? cornerText.shownText() : CornerText.empty(), withColorbar);
    }

    /** The placement with {@code text} in the corners (an export paints its own, de-identified text). */
    public Placement place(OverlayCanvas g, ViewTransform view, CornerText text, boolean withColorbar) {
        double fontBefore = g.fontSize();
        try {
            double[] badge = DemoBadgeLayer.bounds(g);
            g.setFontSize(CornerTextLayer.FONT_SIZE_PX);
            Map<Corner, Size> corners = new EnumMap<>(Corner.class);
            for (Corner c : Corner.values()) {
                corners.put(c, block(g, text.in(c)));
            }
            Size top = Size.NONE;
            Size bottom = Size.NONE;
            Size left = Size.NONE;
            Size right = Size.NONE;
            Size laterality = Size.NONE;
            if (orientation.isVisible()) {
                g.setFontSize(OrientationLayer.FONT_SIZE_PX);
                PatientOrientation.Edges e = orientation.edges(view).orElse(null);
                if (e != null) {
                    top = letter(g, e.top());
                    bottom = letter(g, e.bottom());
                    left = letter(g, e.left());
                    right = letter(g, e.right());
                }
                if (orientation.lateralityMarker().isPresent()) {
                    double box = OrientationLayer.MARKER_FONT_SIZE_PX + 8;
                    laterality = new Size(box, box);
                }
            }
            Size colorbar = withColorbar ? new Size(COLORBAR_WIDTH_PX, COLORBAR_HEIGHT_PX) : Size.NONE;
            return ViewportFurniture.place(new ViewportFurniture.Request(g.width(), g.height(),
                    new Size(badge[2], badge[3]), corners, top, bottom, left, right, laterality, colorbar,
                    COLORBAR_MIN_HEIGHT_PX));
        } finally {
            g.setFontSize(fontBefore);
        }
    }

    /** Where a colorbar card goes now: {x, y, width, height}, or empty where it does not fit clear of the rest. */
    public java.util.Optional<double[]> colorbar(OverlayCanvas g, ViewTransform view) {
        return place(g, view, true).colorbar().map(b -> new double[] {b.x(), b.y(), b.width(), b.height()});
    }

    private static Size block(OverlayCanvas g, List<CornerText.Line> lines) {
        if (lines.isEmpty()) {
            return Size.NONE;
        }
        double width = 0;
        for (CornerText.Line line : lines) {
            width = Math.max(width, g.textWidth(CornerTextLayer.shortened(line.text())));
        }
        return new Size(width, lines.size() * CornerTextLayer.LINE_HEIGHT_PX);
    }

    private static Size letter(OverlayCanvas g, String s) {
        return s == null || s.isEmpty() ? Size.NONE : new Size(g.textWidth(s), OrientationLayer.FONT_SIZE_PX);
    }
}
