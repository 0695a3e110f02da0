package org.raylens.overlays.figure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.raylens.core.result.MapGeometry;
import org.raylens.core.result.PatchMap;
import org.raylens.overlays.chart.Colorbar;
import org.raylens.overlays.chart.LegendEntry;
import org.raylens.overlays.layer.HeatmapLayer;
import org.raylens.overlays.layer.MaskLayer;
import org.raylens.overlays.layer.NotSeenBorderLayer;
import org.raylens.resources.colormap.Colormap;
import org.raylens.viewer.image.ColorImage;
import org.raylens.viewer.image.ViewTransform;

class FigureDecorationsTest {

    @Test
    void colorbarsAndLegendFollowTheVisibleLayers() {
        MapGeometry geometry = new MapGeometry(30, 20, 30, 20, 0, 0, 30, 20, 10, 2, 3);
        HeatmapLayer heat = new HeatmapLayer("Grad-CAM", new PatchMap("gradcam", "", 2, 3, 1,
                new float[] {0, 1, 2, 3, 4, 5}, geometry, ""));
        heat.setColormap(Colormap.MAGMA);
        heat.setThreshold(1.5);
        HeatmapLayer hidden = new HeatmapLayer("hidden", heat.map());
        hidden.setVisible(false);
        MaskLayer mask = MaskLayer.probability("Lungs", 30, 20, 30, 20, new float[600]);
        NotSeenBorderLayer border = new NotSeenBorderLayer(MapGeometry.identity(30, 25, 10));
        ColorImage image = new ColorImage(30, 20, new int[600], null);
        FigurePanel a = new FigurePanel("a", image, null, false, ViewTransform.zoomPan(1, 0, 0), 30, 20,
                List.of(heat, hidden, border));
        FigurePanel b = new FigurePanel("b", image, null, false, ViewTransform.zoomPan(1, 0, 0), 30, 20,
                List.of(heat, mask));
        List<Colorbar> bars = FigureDecorations.colorbars(List.of(a, b));
        assertEquals(List.of(new Colorbar(Colormap.MAGMA, 0, 5, 1.5, "Grad-CAM")), bars);
        List<LegendEntry> legend = FigureDecorations.legend(List.of(a, b)).entries();
        assertEquals(List.of("Grad-CAM: transparent below 1.5", NotSeenBorderLayer.TEXT, "Lungs (p \u2265 0.5)"),
                legend.stream().map(LegendEntry::text).toList());
    }
}
