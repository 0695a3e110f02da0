package org.raylens.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.app.layers.LayerKind;
import org.raylens.inference.encoder.ModelProvenance;
import org.raylens.core.result.MapGeometry;
import org.raylens.core.result.PatchMap;
import org.raylens.inference.preprocess.GreyImage8;
import org.raylens.overlays.chart.Colorbar;
import org.raylens.overlays.export.FigureExporter;
import org.raylens.overlays.figure.Figure;
import org.raylens.overlays.figure.FigureLayout;
import org.raylens.overlays.figure.FigurePanel;
import org.raylens.overlays.figure.Provenance;
import org.raylens.overlays.layer.DemoBadgeLayer;
import org.raylens.overlays.layer.HeatmapLayer;
import org.raylens.overlays.layer.NotSeenBorderLayer;
import org.raylens.resources.colormap.Colormap;
import org.raylens.viewer.image.ColorImage;
import org.raylens.viewer.image.ViewTransform;
import org.raylens.viewer.overlay.Overlay;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code explain --out map.png} is the overlays module's figure: the PNG equals, pixel for pixel, what the figure
 * exporter renders for an equivalent figure built directly from the overlays API with the window's defaults (grey
 * image at its own size, viridis heatmap at opacity 0.5, the not-seen border, the colorbar, the footer), and the
 * picture makes sense: colour where the map is high, the image itself below the threshold, the badge for random
 * weights.
 */
class MapOverlayPngTest {
    private static final int W = 120;
    private static final int H = 80;
    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");
    // source 120×80 → 84×56, crop 56×56 at x = 14: patch (1, 2) covers source x [60, 80), y [20, 40)
    private static final MapGeometry GEOMETRY = new MapGeometry(W, H, 84, 56, 14, 0, 56, 56, 14, 4, 4);

    @TempDir
    Path tmp;

    @Test
    void thePngIsWhatTheFigurePainterRendersForTheSameMapAndSettings() throws IOException {
        PatchMap map = hotPatch();
        ModelProvenance model = model(false);
        Path png = tmp.resolve("map.png");
        MapOverlayPng.write(png, MapOverlayPng.figure(background(), map,
                MapOverlayPng.Settings.windowDefaults(LayerKind.ATTENTION), MapOverlayPng.provenance(map, model, AT)));
        Figure expected = equivalentFigure(map, Colormap.VIRIDIS, Double.NEGATIVE_INFINITY,
                MapOverlayPng.provenance(map, model, AT));
        assertPixelsEqual(FigureExporter.render(expected, 96), ImageIO.read(png.toFile()), null);
    }

    @Test
    void theCommandLinesEntryPointPaintsThatPanelAndFooterLayout() throws IOException {
        PatchMap map = hotPatch();
        Path png = tmp.resolve("cli.png");
        MapOverlayPng.write(png, background(), map, model(false), null);
        // the footer's export time differs; the panel and the colorbar are the same pixels
        Figure expected = equivalentFigure(map, Colormap.VIRIDIS, Double.NEGATIVE_INFINITY,
                MapOverlayPng.provenance(map, model(false), AT));
        FigureLayout layout = FigureLayout.of(expected);
        BufferedImage written = ImageIO.read(png.toFile());
        assertEquals((int) layout.width(), written.getWidth());
        assertEquals((int) layout.height(), written.getHeight());
        assertPixelsEqual(FigureExporter.render(expected, 96), written, (int) Math.floor(layout.footerTop()));
        double[] panel = layout.panelRects().get(0);
        assertEquals(W, panel[2], "the image at its own resolution");
        assertEquals(H, panel[3]);
    }

    @Test
    void colourWhereTheMapIsHighTheImageItselfBelowTheThresholdAndADimmedUnseenBorder() throws IOException {
        PatchMap map = hotPatch();
        Figure figure = MapOverlayPng.figure(background(), map, new MapOverlayPng.Settings("viridis", 0.5, 0.5),
                MapOverlayPng.provenance(map, model(false), AT));
        Path png = tmp.resolve("t.png");
        MapOverlayPng.write(png, figure);
        BufferedImage img = ImageIO.read(png.toFile());
        double[] p = FigureLayout.of(figure).panelRects().get(0);
        int px = (int) p[0];
        int py = (int) p[1];
        // the hot patch's centre (70, 30): near the top of viridis (yellow), at half opacity over the grey
        HeatmapLayer heat = (HeatmapLayer) figure.panels().get(0).overlays().get(0);
        double value = heat.valueAt(70.5, 30.5);
        assertTrue(value > 0.9 * 5, "the pixel samples the hot patch: " + value);
        int colour = heat.colourOf(value);
        assertEquals(0x80, colour >>> 24, 1, "the window's default opacity");
        int[] hot = rgb(img.getRGB(px + 70, py + 30));
        int grey = grey(70, 30);
        for (int k = 0; k < 3; k++) {
            int c = (colour >> (16 - 8 * k)) & 0xff;
            assertEquals((grey + c) / 2.0, hot[k], 2, "hot channel " + k);
        }
        assertTrue(hot[0] > hot[2] + 40 && hot[1] > hot[2] + 40, "yellow-tinted: " + java.util.Arrays.toString(hot));
        // below the threshold the map is transparent: the image's own grey, untinted
        for (int[] at : new int[][] {{30, 70}, {90, 70}, {25, 5}}) {
            int[] c = rgb(img.getRGB(px + at[0], py + at[1]));
            int g = grey(at[0], at[1]);
            assertEquals(List.of(g, g, g), List.of(c[0], c[1], c[2]), "untinted at " + at[0] + "," + at[1]);
        }
        // the centre crop keeps source x in [20, 100): the left band is grey (dimmed, hatched), never coloured
        int[] band = rgb(img.getRGB(px + 5, py + 41));
        assertTrue(band[0] == band[1] && band[1] == band[2], "the unseen border is grey");
        assertTrue(band[0] != grey(5, 41), "the unseen border is not the bare image");
    }

    @Test
    void randomWeightsCarryTheDemoBadgeAndTrainedOnesDoNot() throws IOException {
        PatchMap map = hotPatch();
        for (boolean synthetic : new boolean[] {true, false}) {
            Figure figure = MapOverlayPng.figure(background(), map,
                    MapOverlayPng.Settings.windowDefaults(LayerKind.ATTENTION),
                    MapOverlayPng.provenance(map, model(synthetic), AT));
            assertEquals(synthetic, figure.provenance().demo());
            assertEquals(synthetic, figure.provenance().lines().get(0).startsWith("DEMO"), "footer line");
            Path png = tmp.resolve("demo-" + synthetic + ".png");
            MapOverlayPng.write(png, figure);
            BufferedImage img = ImageIO.read(png.toFile());
            double[] p = FigureLayout.of(figure).panelRects().get(0);
            int red = 0;
            for (int y = (int) p[1]; y < p[1] + 30; y++) {
                for (int x = (int) p[0]; x < p[0] + p[2]; x++) {
                    int[] c = rgb(img.getRGB(x, y));
                    red += c[0] > 140 && c[1] < 60 && c[2] < 80 ? 1 : 0;
                }
            }
            assertEquals(synthetic, red > 50, "badge pixels in the panel's top band: " + red);
        }
    }

    @Test
    void gradCamStartsWithJetAsInTheWindow() {
        PatchMap cam = new PatchMap("gradcam", "class 1", 4, 4, 1, new float[16], GEOMETRY, "test");
        assertEquals(LayerKind.GRADCAM, MapOverlayPng.kindOf(cam));
        assertEquals("jet", MapOverlayPng.Settings.windowDefaults(LayerKind.GRADCAM).colormap());
        Figure f = MapOverlayPng.figure(background(), cam, MapOverlayPng.Settings.windowDefaults(LayerKind.GRADCAM),
                MapOverlayPng.provenance(cam, model(false), AT));
        assertEquals(Colormap.byName("jet"), f.colorbars().get(0).colormap());
    }

    /** The figure the window would export for this map: built from the overlays API alone. */
    private static Figure equivalentFigure(PatchMap map, Colormap colormap, double threshold, Provenance provenance) {
        String title = "Attention (CLS) \u2014 " + map.description();
        HeatmapLayer heat = new HeatmapLayer(title, map);
        heat.setColormap(colormap);
        heat.setThreshold(threshold);
        heat.setOpacity(0.5);
        List<Overlay> overlays = new ArrayList<>(List.of(heat, new NotSeenBorderLayer(map.geometry())));
        if (provenance.demo()) {
            overlays.add(new DemoBadgeLayer(true));
        }
        GreyImage8 bg = background();
        int[] argb = new int[W * H];
        for (int i = 0; i < argb.length; i++) {
            int v = bg.pixels()[i] & 0xff;
            argb[i] = 0xFF000000 | v * 0x010101;
        }
        FigurePanel panel = new FigurePanel(title, new ColorImage(W, H, argb, null), null, false,
                ViewTransform.zoomPan(1, 0, 0), W, H, overlays);
        return Figure.builder(provenance).addPanel(panel).addColorbar(Colorbar.of(heat)).build();
    }

    private static void assertPixelsEqual(BufferedImage expected, BufferedImage actual, Integer rows) {
        assertEquals(expected.getWidth(), actual.getWidth());
        assertEquals(expected.getHeight(), actual.getHeight());
        int h = rows == null ? expected.getHeight() : rows;
        int differing = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < expected.getWidth(); x++) {
                differing += (expected.getRGB(x, y) & 0xFFFFFF) != (actual.getRGB(x, y) & 0xFFFFFF) ? 1 : 0;
            }
        }
        assertEquals(0, differing, "pixels differing from the overlays painter's render");
    }

    private static PatchMap hotPatch() {
        float[] v = new float[16];
        v[1 * 4 + 2] = 5f;
        return new PatchMap("attention", "one hot patch", 4, 4, 1, v, GEOMETRY, "test");
    }

    private static GreyImage8 background() {
        byte[] px = new byte[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                px[y * W + x] = (byte) grey(x, y);
            }
        }
        return new GreyImage8(W, H, px);
    }

    private static int grey(int x, int y) {
        return (x * 2 + y) % 256;
    }

    private static ModelProvenance model(boolean synthetic) {
        return new ModelProvenance("/models/tiny/model.safetensors", "ab".repeat(32), "hf", "ViT", "cpu", List.of(),
                synthetic);
    }

    private static int[] rgb(int p) {
        return new int[]{(p >> 16) & 0xff, (p >> 8) & 0xff, p & 0xff};
    }
}
