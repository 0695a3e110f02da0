package org.raylens.overlays.annotation;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.raylens.viewer.annotation.Corner;

/**
 * Where the viewport's fixed furniture goes, so that no two pieces ever overlap at any view size: the DEMO badge
 * (top centre), the four blocks of corner text, the four orientation letters, the laterality marker and a map's
 * colorbar card. One rule, in order of importance, each piece placed clear of everything placed before it:
 * <ol>
 *   <li>the badge, top centre (its band is reserved whether or not a badge shows, so nothing jumps when results
 *       change source);</li>
 *   <li>the corner text: top blocks move below the badge band where they would reach under it, the right block
 *       below the left where the two would meet, the bottom-left above the scale bar, the bottom-right above the
 *       scale bar or the bottom-left block where it would reach them;</li>
 *   <li>the orientation letters: the top one below the badge band, the side ones at mid-height, the bottom one at
 *       the bottom edge;</li>
 *   <li>the laterality marker beside the top letter;</li>
 *   <li>the colorbar card in the right column (left of the right-hand letter), from below the top-right text to
 *       above the bottom-right text, shortened to fit.</li>
 * </ol>
 * A piece that cannot be placed clear of the others (a tiny view) is left out rather than drawn over them.
 * Pure geometry: the layers measure their text and paint where this says.
 */
public final class ViewportFurniture {

    static final double MARGIN_PX = 8;
    static final double GAP_PX = 4;
    /** The scale bar's room above the bottom-left corner. */
    static final double SCALE_BAR_PX = 40;
    /** The scale bar's width with its label (a bar of at most 120 px, 16 px in, its label centred on it). */
    static final double SCALE_BAR_WIDTH_PX = 150;

    private ViewportFurniture() {
    }

    /** An axis-aligned box in view pixels. */
    public record Box(double x, double y, double width, double height) {
        public double right() {
            return x + width;
        }

        public double bottom() {
            return y + height;
        }

        /** True when the two boxes share interior (touching edges do not count). */
        public boolean intersects(Box o) {
            return x < o.right() && o.x < right() && y < o.bottom() && o.y < bottom();
        }

        boolean inside(double w, double h) {
            return x >= 0 && y >= 0 && right() <= w && bottom() <= h;
        }
    }

    /** A width and height to place (text measured by the caller). */
    public record Size(double width, double height) {
        public static final Size NONE = new Size(0, 0);

        boolean isEmpty() {
            return width <= 0 || height <= 0;
        }
    }

    /**
     * What to place.
     *
     * @param badge      the badge's size (reserved even when no badge is shown)
     * @param corners    each corner block's size ({@link Size#NONE} for an empty corner)
     * @param top        the top orientation letter's size, NONE when the image states no orientation; likewise
     *                   {@code bottom}, {@code left}, {@code right}
     * @param laterality the laterality marker's box size, NONE when none
     * @param colorbar   the colorbar card's width and preferred height, NONE when no map shows one
     * @param colorbarMinHeight the least height worth drawing a card at
     */
    public record Request(double width, double height, Size badge, Map<Corner, Size> corners, Size top, Size bottom,
            Size left, Size right, Size laterality, Size colorbar, double colorbarMinHeight) {}

    /** Where each piece goes; empty for a piece left out (or not asked for). */
    public record Placement(Box badge, Map<Corner, Optional<Box>> corners, Optional<Box> top, Optional<Box> bottom,
            Optional<Box> left, Optional<Box> right, Optional<Box> laterality, Optional<Box> colorbar) {

        /** Every placed box, for the no-overlap check. */
        public List<Box> all() {
            List<Box> out = new ArrayList<>(List.of(badge));
            corners.values().forEach(b -> b.ifPresent(out::add));
            for (Optional<Box> b : List.of(top, bottom, left, right, laterality, colorbar)) {
                b.ifPresent(out::add);
            }
            return out;
        }
    }

    public static Placement place(Request r) {
        double w = r.width();
        double h = r.height();
        List<Box> placed = new ArrayList<>();
        Box badge = new Box((w - r.badge().width()) / 2, MARGIN_PX, r.badge().width(), r.badge().height());
        placed.add(badge);
        // the scale bar (painted by the viewer) is reserved, not placed: nothing else may cover it
        Box scaleBar = new Box(MARGIN_PX, h - MARGIN_PX - SCALE_BAR_PX + GAP_PX, SCALE_BAR_WIDTH_PX,
                SCALE_BAR_PX - GAP_PX);
        placed.add(scaleBar);
        double belowBadge = badge.bottom() + GAP_PX;

        Map<Corner, Optional<Box>> corners = new EnumMap<>(Corner.class);
        Box tl = cornerBox(r, Corner.TOP_LEFT, MARGIN_PX, MARGIN_PX);
        if (tl != null && tl.intersects(badge)) {
            tl = new Box(tl.x(), belowBadge, tl.width(), tl.height());
        }
        corners.put(Corner.TOP_LEFT, keep(tl, placed, w, h));
        Box tr = cornerBox(r, Corner.TOP_RIGHT, w - MARGIN_PX - r.corners().getOrDefault(Corner.TOP_RIGHT,
                Size.NONE).width(), MARGIN_PX);
        if (tr != null && tr.intersects(badge)) {
            tr = new Box(tr.x(), belowBadge, tr.width(), tr.height());
        }
        Box tlPlaced = corners.get(Corner.TOP_LEFT).orElse(null);
        if (tr != null && tlPlaced != null && tr.intersects(tlPlaced)) {
            tr = new Box(tr.x(), tlPlaced.bottom() + GAP_PX, tr.width(), tr.height());
        }
        corners.put(Corner.TOP_RIGHT, keep(tr, placed, w, h));
        Size blSize = r.corners().getOrDefault(Corner.BOTTOM_LEFT, Size.NONE);
        Box bl = cornerBox(r, Corner.BOTTOM_LEFT, MARGIN_PX, h - MARGIN_PX - SCALE_BAR_PX - blSize.height());
        corners.put(Corner.BOTTOM_LEFT, keep(bl, placed, w, h));
        Size brSize = r.corners().getOrDefault(Corner.BOTTOM_RIGHT, Size.NONE);
        Box br = cornerBox(r, Corner.BOTTOM_RIGHT, w - MARGIN_PX - brSize.width(), h - MARGIN_PX - brSize.height());
        if (br != null && br.intersects(scaleBar)) {
            br = new Box(br.x(), scaleBar.y() - GAP_PX - br.height(), br.width(), br.height());
        }
        Box blPlaced = corners.get(Corner.BOTTOM_LEFT).orElse(null);
        if (br != null && blPlaced != null && br.intersects(blPlaced)) {
            br = new Box(br.x(), blPlaced.y() - GAP_PX - br.height(), br.width(), br.height());
        }
        corners.put(Corner.BOTTOM_RIGHT, keep(br, placed, w, h));

        Optional<Box> top = keep(sized(r.top(), (w - r.top().width()) / 2, belowBadge), placed, w, h);
        Optional<Box> bottom = keep(sized(r.bottom(), (w - r.bottom().width()) / 2,
                h - MARGIN_PX - r.bottom().height()), placed, w, h);
        Optional<Box> left = keep(sized(r.left(), MARGIN_PX, (h - r.left().height()) / 2), placed, w, h);
        Optional<Box> right = keep(sized(r.right(), w - MARGIN_PX - r.right().width(),
                (h - r.right().height()) / 2), placed, w, h);
        double topLetterRight = top.map(Box::right).orElse(w / 2);
        Optional<Box> laterality = keep(sized(r.laterality(), topLetterRight + 3 * GAP_PX, belowBadge), placed, w, h);
        Optional<Box> colorbar = colorbar(r, placed, corners, right, w, h);
        return new Placement(badge, corners, top, bottom, left, right, laterality, colorbar);
    }

    private static Optional<Box> colorbar(Request r, List<Box> placed, Map<Corner, Optional<Box>> corners,
            Optional<Box> rightLetter, double w, double h) {
        if (r.colorbar().isEmpty()) {
            return Optional.empty();
        }
        double cardW = r.colorbar().width();
        double x = rightLetter.map(b -> b.x() - 2 * GAP_PX).orElse(w - MARGIN_PX) - cardW;
        double top = MARGIN_PX;
        double bottom = h - MARGIN_PX;
        Box column = new Box(x, 0, cardW, h);
        // the card's column runs from below whatever sits above it to above whatever sits below it
        for (Box b : placed) {
            if (b.x() < column.right() && column.x() < b.right()) {
                if (b.y() + b.height() / 2 < h / 2) {
                    top = Math.max(top, b.bottom() + GAP_PX);
                } else {
                    bottom = Math.min(bottom, b.y() - GAP_PX);
                }
            }
        }
        double height = Math.min(r.colorbar().height(), bottom - top);
        if (height < r.colorbarMinHeight()) {
            return Optional.empty();
        }
        return keep(new Box(x, top, cardW, height), placed, w, h);
    }

    private static Box cornerBox(Request r, Corner corner, double x, double y) {
        return sized(r.corners().getOrDefault(corner, Size.NONE), x, y);
    }

    private static Box sized(Size s, double x, double y) {
        return s.isEmpty() ? null : new Box(x, y, s.width(), s.height());
    }

    /** Keeps {@code b} when it lies in the view clear of everything placed so far. */
    private static Optional<Box> keep(Box b, List<Box> placed, double w, double h) {
        if (b == null || !b.inside(w, h)) {
            return Optional.empty();
        }
        for (Box p : placed) {
            if (p.intersects(b)) {
                return Optional.empty();
            }
        }
        placed.add(b);
        return Optional.of(b);
    }
}
