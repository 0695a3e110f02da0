package org.raylens.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.app.RayLensApp;
import org.raylens.app.SmallDicomStudy;
import org.raylens.app.export.ExportModel;
import org.raylens.app.layers.LayerKind;
import org.raylens.app.layers.LayerRow;
import org.raylens.app.open.ViewerWiring;
import org.raylens.app.task.SameThreadRunner;
import org.raylens.overlays.export.FigureExporter;
import org.raylens.overlays.figure.Figure;
import org.raylens.overlays.figure.FigureLayout;
import org.raylens.overlays.figure.FigurePanel;
import org.raylens.overlays.layer.HeatmapLayer;
import org.raylens.overlays.layer.Layer;
import org.raylens.resources.colormap.Colormap;
import org.raylens.viewer.dicom.DicomReader;
import org.raylens.viewer.dicom.Tag;
import org.raylens.viewer.fx.Viewport;
import org.raylens.viewer.image.DisplayableImage;
import org.raylens.viewer.image.ImageOpener;
import org.raylens.viewer.image.OpenedImage;
import org.raylens.viewer.image.ViewTransform;
import org.raylens.viewer.overlay.Overlay;
import org.raylens.viewer.source.FileAddress;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Every export paints the layers the window shows, with the styling they have on screen: a change of colormap,
 * threshold or opacity, or a hidden layer, shows up in the one-panel and multi-panel figures and in the Secondary
 * Capture, compared pixel by pixel with the viewport where a picture can be compared.
 */
@ExtendWith(ApplicationExtension.class)
class ExportShowsTheScreenTest {

    @TempDir
    static Path dir;

    private RayLensApp app;
    private Path source;

    @Start
    void start(Stage stage) throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        source = SmallDicomStudy.write(Files.createDirectories(dir.resolve("study")));
        app = new RayLensApp(ViewerWiring.studyLoader(data), new SameThreadRunner(),
                Files.createDirectories(dir.resolve("config")));
        app.start(stage);
        app.window().open(List.of(source));
    }

    private ExportModel analysed(FxRobot robot) {
        robot.interact(() -> app.workbench().export().dpiProperty().set(96));
        WaitForAsyncUtils.waitForFxEvents();
        assertNotNull(app.workbench().main().viewport().getImage(), app.workbench().main().messageProperty().get());
        robot.clickOn("#runAnalysis");
        WaitForAsyncUtils.waitForFxEvents();
        assertNotNull(app.workbench().analysis().getResult());
        return app.workbench().export();
    }

    private LayerRow row(LayerKind kind) {
        return app.workbench().layers().row(kind);
    }

    private Layer screenLayer(LayerKind kind) {
        return app.window().layerBinder().layer(kind);
    }

    /**
     * The old multi-panel figure built its own heatmaps from the rows: attention and Grad-CAM whatever was shown, at
     * least 35 % opaque, and the mask forced visible. Now each panel paints the screen's own layer object.
     */
    @Test
    void theMultiPanelFigureHasOnePanelPerShownLayerPaintingTheScreensOwnLayer(FxRobot robot) {
        ExportModel export = analysed(robot);
        assertNotNull(row(LayerKind.GRADCAM).getMap(), "the demo adapter brings a Grad-CAM");
        assertNotNull(row(LayerKind.MASK).getMask(), "the demo adapter brings a mask");
        robot.interact(() -> {
            row(LayerKind.ATTENTION).visibleProperty().set(true);
            row(LayerKind.ATTENTION).opacityProperty().set(0.2);
            row(LayerKind.ATTENTION).colormapProperty().set("magma");
            row(LayerKind.GRADCAM).visibleProperty().set(false); // hidden on screen: no panel
            row(LayerKind.MASK).visibleProperty().set(true);
            row(LayerKind.MASK).opacityProperty().set(0.25);
        });
        Figure figure = export.multiPanelFigure();
        List<String> titles = figure.panels().stream().map(FigurePanel::title).toList();
        Layer attention = screenLayer(LayerKind.ATTENTION);
        Layer mask = screenLayer(LayerKind.MASK);
        assertEquals(List.of("Original", attention.label(), mask.label()), titles);
        assertTrue(figure.panels().get(0).overlays().stream().noneMatch(o -> o instanceof Layer),
                "the original panel shows no layer: " + figure.panels().get(0).overlays());
        assertSame(attention, resultLayerOf(figure.panels().get(1)), "the screen's attention layer itself");
        assertSame(mask, resultLayerOf(figure.panels().get(2)), "the screen's mask layer itself");
        assertEquals(0.2, attention.opacity(), 1e-12, "the opacity set on screen, not raised to 35 %");
        assertSame(Colormap.byName("magma"), ((HeatmapLayer) attention).colormap());
        assertEquals(0.25, mask.opacity(), 1e-12);
        assertEquals(1, figure.colorbars().size(), "one colorbar, for the one scalar map shown");
        assertTrue(figure.provenance().method().contains("attention"), figure.provenance().method());
        assertFalse(figure.provenance().method().contains("Grad-CAM"), "a hidden map is not in the provenance: "
                + figure.provenance().method());
        assertEquals(null, figure.provenance().targetClass(), "Grad-CAM hidden: no class in the footer");
        assertNotNull(figure.provenance().layerHead(), "attention shown: its layer and head are");

        robot.interact(() -> row(LayerKind.MASK).visibleProperty().set(false));
        assertEquals(List.of("Original", attention.label()),
                export.multiPanelFigure().panels().stream().map(FigurePanel::title).toList(), "mask hidden");
    }

    /** A map's panel of the multi-panel figure is the viewport showing that map alone, pixel for pixel. */
    @Test
    void aMapPanelIsTheViewportShowingThatMapAlone(FxRobot robot) throws Exception {
        ExportModel export = analysed(robot);
        robot.interact(() -> {
            row(LayerKind.ATTENTION).visibleProperty().set(false);
            row(LayerKind.MASK).visibleProperty().set(false);
            row(LayerKind.GRADCAM).visibleProperty().set(true);
            row(LayerKind.GRADCAM).colormapProperty().set("inferno");
            row(LayerKind.GRADCAM).thresholdProperty().set(0.3);
            row(LayerKind.GRADCAM).opacityProperty().set(0.8);
        });
        Figure figure = export.multiPanelFigure();
        assertEquals(2, figure.panels().size(), "original and Grad-CAM");
        assertSame(screenLayer(LayerKind.GRADCAM), resultLayerOf(figure.panels().get(1)));
        assertNotNull(figure.provenance().targetClass(), "Grad-CAM shown: its class is in the footer");
        assertEquals(null, figure.provenance().layerHead(), "attention hidden: no layer/head");
        BufferedImage rendered = FigureExporter.render(figure, FigureExporter.SCREEN_DPI);
        double[] rect = FigureLayout.of(figure).panelRects().get(1);
        Viewport viewport = robot.lookup("#viewport").queryAs(Viewport.class);
        assertMatchesScreen(snapshot(viewport), (int) viewport.getWidth(),
                (x, y) -> rendered.getRGB((int) rect[0] + x, (int) rect[1] + y), (int) rect[2], (int) rect[3]);
    }

    /**
     * The Secondary Capture burns in the screen's layers as they are styled now: change a colormap, and it follows.
     * It is the whole source at the source's size (issue 16), not the viewport's picture, so it is compared with the
     * source's size here and with itself before and after; SecondaryCaptureFullResolutionTest checks its cards.
     */
    @Test
    void theSecondaryCaptureFollowsAColormapChangeOnScreen(FxRobot robot) throws Exception {
        ExportModel export = analysed(robot);
        robot.interact(() -> {
            row(LayerKind.ATTENTION).visibleProperty().set(false);
            row(LayerKind.MASK).visibleProperty().set(false);
            row(LayerKind.GRADCAM).visibleProperty().set(true);
            row(LayerKind.GRADCAM).opacityProperty().set(1.0);
            row(LayerKind.GRADCAM).colormapProperty().set("viridis");
        });
        int[] first = writeAndRead(robot, export, dir.resolve("sc-viridis.dcm"));
        var shown = app.workbench().main().viewport().getImage();
        assertEquals(shown.width() * shown.height(), first.length, "the source's size");

        robot.interact(() -> row(LayerKind.GRADCAM).colormapProperty().set("magma"));
        int[] second = writeAndRead(robot, export, dir.resolve("sc-magma.dcm"));
        int changed = 0;
        for (int i = 0; i < first.length; i++) {
            changed += (first[i] & 0xFFFFFF) != (second[i] & 0xFFFFFF) ? 1 : 0;
        }
        assertTrue(changed > first.length / 20, "the colormap change reached the Secondary Capture: " + changed
                + " of " + first.length + " pixels changed");
        assertTrue(DicomReader.read(dir.resolve("sc-magma.dcm")).dataset().getString(Tag.DerivationDescription)
                .contains(FileAddress.of(source).uri().toASCIIString()), "the SC names its image by URI");
    }

    /** The one-panel figure's colorbar is the shown map's, with the screen's colormap. */
    @Test
    void theOnePanelFigurePaintsTheScreensOverlaysAndItsColorbar(FxRobot robot) {
        ExportModel export = analysed(robot);
        robot.interact(() -> {
            row(LayerKind.ATTENTION).visibleProperty().set(false);
            row(LayerKind.GRADCAM).visibleProperty().set(true);
            row(LayerKind.GRADCAM).colormapProperty().set("inferno");
        });
        Figure figure = export.singlePanelFigure();
        List<Overlay> screen = app.window().viewport().getOverlays().stream()
                .filter(o -> !(o instanceof org.raylens.overlays.chart.ColorbarOverlay)).toList();
        // the same overlay objects in the same order, but for the corner text, which an export swaps for its export
        // form (nothing, or de-identified text, unless asked)
        List<Overlay> exported = figure.panels().get(0).overlays();
        assertEquals(screen.size(), exported.size(), "one exported overlay per screen overlay");
        for (int i = 0; i < screen.size(); i++) {
            if (screen.get(i) instanceof org.raylens.overlays.annotation.CornerTextLayer) {
                assertNotSame(screen.get(i), exported.get(i), "the corner text goes out in its export form");
            } else {
                assertSame(screen.get(i), exported.get(i), "the screen's own overlay at " + i);
            }
        }
        assertEquals(1, figure.colorbars().size());
        assertSame(Colormap.byName("inferno"), figure.colorbars().get(0).colormap());
    }

    /**
     * Exports name the image by its source URI through one formatter: the scores CSV and the Secondary Capture
     * always, a figure's footer when the patient's identity is burned in too (a path can carry a patient's name).
     */
    @Test
    void exportsNameTheImageByItsSourceUri(FxRobot robot) throws Exception {
        ExportModel export = analysed(robot);
        String uri = FileAddress.of(source).uri().toASCIIString();
        assertEquals(null, export.singlePanelFigure().provenance().image(), "de-identified by default");
        robot.interact(() -> export.includeIdentityProperty().set(true));
        assertTrue(export.singlePanelFigure().provenance().lines().contains("Image: " + uri),
                export.singlePanelFigure().provenance().lines().toString());
        assertEquals(uri, export.multiPanelFigure().provenance().image());
        Path csv = dir.resolve("named-scores.csv");
        robot.interact(() -> export.exportScoresCsv(csv));
        assertTrue(Files.readAllLines(csv).get(1).startsWith(uri + ","), Files.readAllLines(csv).get(1));
        String name = source.getFileName().toString();
        assertEquals(name.substring(0, name.lastIndexOf('.')) + "-figure.png", export.suggestedName("figure.png"));
    }

    private int[] writeAndRead(FxRobot robot, ExportModel export, Path dcm) throws Exception {
        robot.interact(() -> export.exportSecondaryCapture(dcm));
        assertEquals(dcm, export.lastWrittenProperty().get(), export.messageProperty().get());
        try (OpenedImage opened = new ImageOpener().open(dcm)) {
            DisplayableImage image = opened.frame(0);
            int[] back = new int[image.width() * image.height()];
            image.render(null, false, ViewTransform.zoomPan(1, 0, 0), back, image.width(), image.height(), 0);
            return back;
        }
    }

    private static Layer resultLayerOf(FigurePanel panel) {
        List<Layer> results = panel.overlays().stream().filter(o -> o instanceof Layer l
                && org.raylens.app.export.ScreenLayers.isResult(l)).map(Layer.class::cast).toList();
        assertEquals(1, results.size(), "one result layer per panel: " + results);
        return results.get(0);
    }

    @FunctionalInterface
    private interface Pixel {
        int argb(int x, int y);
    }

    /** At least 97 % of the pixels within 3 levels of the screen's, away from the colorbar card. */
    private static void assertMatchesScreen(int[] screen, int screenWidth, Pixel exported, int w, int h) {
        assertEquals(screenWidth, w, "the panel is the viewport's size");
        int same = 0;
        int compared = 0;
        long diff = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (x > w - 170 && y < 280) {
                    continue; // the colorbar card: exports draw colorbars beside the panel, not on it
                }
                compared++;
                int a = exported.argb(x, y);
                int b = screen[y * screenWidth + x];
                int d = Math.abs(((a >> 16) & 255) - ((b >> 16) & 255)) + Math.abs(((a >> 8) & 255) - ((b >> 8) & 255))
                        + Math.abs((a & 255) - (b & 255));
                diff += d;
                same += d <= 3 ? 1 : 0;
            }
        }
        double fraction = same / (double) compared;
        assertTrue(fraction > 0.97, "pixels matching the viewport: " + fraction);
        assertTrue(diff / (double) compared < 3, "mean difference " + diff / (double) compared);
    }

    private static int[] snapshot(Viewport viewport) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            WritableImage img = viewport.snapshot(null, null);
            int w = (int) img.getWidth();
            int h = (int) img.getHeight();
            int[] argb = new int[w * h];
            img.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
            return argb;
        }).get(10, TimeUnit.SECONDS);
    }
}
