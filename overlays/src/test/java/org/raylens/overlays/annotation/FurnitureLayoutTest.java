package org.raylens.overlays.annotation;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.raylens.core.result.MapGeometry;
import org.raylens.core.result.PatchMap;
import org.raylens.overlays.annotation.ViewportFurniture.Box;
import org.raylens.overlays.annotation.ViewportFurniture.Placement;
import org.raylens.overlays.chart.ColorbarOverlay;
import org.raylens.overlays.layer.CapturingCanvas;
import org.raylens.overlays.layer.DemoBadgeLayer;
import org.raylens.overlays.layer.HeatmapLayer;
import org.raylens.viewer.annotation.Corner;
import org.raylens.viewer.annotation.CornerField;
import org.raylens.viewer.annotation.CornerText;
import org.raylens.viewer.annotation.PatientOrientation;
import org.raylens.viewer.image.ViewTransform;

/**
 * The viewport's furniture never overlaps (issue 19's screenshots: the colorbar over the top-right text, the DEMO
 * badge over the "H" letter): at sizes from a thumbnail to a full screen, with four lines in every corner, the four
 * letters, a laterality marker and a colorbar, no two placed boxes intersect and all lie in the view; at a usual
 * window size every piece is there.
 */
class FurnitureLayoutTest {

    private static final CornerText FULL = new CornerText(Map.of(
            Corner.TOP_LEFT, lines("Doe, Jane", "ID 42", "1970-01-01 F", "CHEST PA AND LATERAL VIEWS"),
            Corner.TOP_RIGHT, lines("2024-01-02", "Chest 2 views", "Series 1 Image 1", "DX PA"),
            Corner.BOTTOM_LEFT, lines("W 4096 C 2048", "Zoom 0.53"),
            Corner.BOTTOM_RIGHT, lines("Attention (CLS), layer 12", "RAD-DINO")));

    private static List<CornerText.Line> lines(String... texts) {
        List<CornerText.Line> out = new ArrayList<>();
        for (String t : texts) {
            out.add(new CornerText.Line(CornerField.STUDY_DESCRIPTION, t));
        }
        return out;
    }

    private static FurnitureLayout layout() {
        CornerTextLayer corners = new CornerTextLayer(() -> FULL);
        OrientationLayer orientation = new OrientationLayer(() -> Optional.of(new PatientOrientation("L", "F")),
                () -> Optional.of("L"));
        return new FurnitureLayout(corners, orientation);
    }

    @ParameterizedTest(name = "{0} x {1}")
    @CsvSource({"160, 120", "320, 240", "420, 330", "640, 480", "800, 450", "1100, 860", "1280, 860", "1920, 1080",
            "600, 1400"})
    void noTwoPiecesOverlapAtAnySize(double w, double h) {
        Placement p = layout().place(new CapturingCanvas(w, h), ViewTransform.zoomPan(1, 0, 0), true);
        List<Box> all = new ArrayList<>(p.all());
        all.add(new Box(ViewportFurniture.MARGIN_PX, h - 36, 150, 28)); // the scale bar and its label
        for (int i = 0; i < all.size(); i++) {
            Box a = all.get(i);
            if (i > 0 && i < all.size() - 1) { // the badge and scale bar may be wider than a thumbnail-sized view; it shrinks its text instead
                assertTrue(a.x() >= 0 && a.y() >= 0 && a.right() <= w && a.bottom() <= h, a + " outside the view");
            }
            for (int j = i + 1; j < all.size(); j++) {
                assertFalse(a.intersects(all.get(j)), a + " overlaps " + all.get(j) + " at " + w + " x " + h);
            }
        }
        if (w >= 640 && h >= 480) {
            assertTrue(p.corners().values().stream().allMatch(Optional::isPresent), "every corner at " + w);
            assertTrue(p.top().isPresent() && p.bottom().isPresent() && p.left().isPresent()
                    && p.right().isPresent() && p.laterality().isPresent(), "every letter at " + w);
            assertTrue(p.colorbar().isPresent(), "the colorbar at " + w + " x " + h);
        }
    }

    @Test
    void theTopLetterSitsBelowTheBadgeAndTheColorbarBelowTheTopRightText() {
        CapturingCanvas g = new CapturingCanvas(1280, 860);
        Placement p = layout().place(g, ViewTransform.zoomPan(1, 0, 0), true);
        double[] badge = DemoBadgeLayer.bounds(g);
        assertTrue(p.top().orElseThrow().y() >= badge[1] + badge[3], "the H letter under the DEMO badge");
        assertTrue(p.colorbar().orElseThrow().y() >= p.corners().get(Corner.TOP_RIGHT).orElseThrow().bottom(),
                "the colorbar card under the top-right text");
    }

    @Test
    void theLayersPaintWhereThePlacementSays() {
        FurnitureLayout layout = layout();
        CapturingCanvas g = new CapturingCanvas(1280, 860);
        HeatmapLayer map = new HeatmapLayer("map", new PatchMap("attention", "t", 2, 2, 1, new float[] {1, 2, 3, 4},
                MapGeometry.identity(8, 8, 4), "t"));
        ColorbarOverlay bar = new ColorbarOverlay(map);
        bar.placeWith(layout::colorbar);
        bar.paint(g, ViewTransform.zoomPan(1, 0, 0));
        double[] card = g.filledRects.get(0);
        Box expected = layout.place(g, ViewTransform.zoomPan(1, 0, 0), true).colorbar().orElseThrow();
        assertTrue(card[0] == expected.x() && card[1] == expected.y() && card[3] == expected.height(),
                "the card is painted at its placed box");
        Box topRight = layout.place(g, ViewTransform.zoomPan(1, 0, 0), true).corners().get(Corner.TOP_RIGHT).orElseThrow();
        assertFalse(new Box(card[0], card[1], card[2], card[3]).intersects(topRight));
    }
}
