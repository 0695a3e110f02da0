package org.raylens.overlays.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.core.numeric.Roc;
import org.raylens.overlays.export.FigureExporter;

/** The ROC chart puts its curve where the points are and names the AUROC, through the figure exporter. */
class RocChartTest {

    @TempDir
    Path dir;

    private static final RocChart RANDOM = new RocChart("Effusion",
            List.of(new Roc.Point(0, 0, 1), new Roc.Point(0.5, 0.5, 0.5), new Roc.Point(1, 1, 0)), 0.5, 30, 40);

    @Test
    void aRandomClassifiersCurveLiesOnTheDiagonal() {
        BufferedImage img = FigureExporter.renderChart(RANDOM, FigureExporter.SCREEN_DPI);
        assertEquals(480, img.getWidth());
        assertEquals(480, img.getHeight());
        for (double t : new double[] {0.1, 0.25, 0.4, 0.6, 0.75, 0.9}) {
            double[] p = RocChart.at(t, t);
            assertTrue(isCurve(img.getRGB((int) p[0], (int) p[1])), "curve at (" + t + ", " + t + ")");
            double[] off = RocChart.at(t, 1 - t);
            if (Math.abs(t - 0.5) > 0.05) {
                assertFalse(isCurve(img.getRGB((int) off[0], (int) off[1])), "no curve off the diagonal at " + t);
            }
        }
    }

    @Test
    void aGoodClassifiersCurveRunsUpTheLeftThenAlongTheTop() {
        RocChart good = new RocChart("Edema", List.of(new Roc.Point(0, 0, 1), new Roc.Point(0, 0.9, 0.6),
                new Roc.Point(0.2, 1, 0.3), new Roc.Point(1, 1, 0)), 0.97, 10, 10);
        BufferedImage img = FigureExporter.renderChart(good, FigureExporter.SCREEN_DPI);
        double[] up = RocChart.at(0, 0.5);
        double[] top = RocChart.at(0.6, 1);
        double[] chanceMid = RocChart.at(0.3, 0.3);
        assertTrue(isCurve(img.getRGB((int) Math.round(up[0]), (int) up[1])), "vertical part");
        assertTrue(isCurve(img.getRGB((int) top[0], (int) Math.round(top[1]))), "top part");
        assertFalse(isCurve(img.getRGB((int) chanceMid[0], (int) chanceMid[1])), "only the dashed chance line there");
    }

    @Test
    void anUndefinedAurocDrawsNoCurveAndSaysNa() {
        RocChart oneClass = new RocChart("Mass", List.of(new Roc.Point(0, 0, 1), new Roc.Point(1, 1, 0)),
                Double.NaN, 0, 12);
        assertEquals("Mass (AUC = n/a)", oneClass.legendText());
        BufferedImage img = FigureExporter.renderChart(oneClass, FigureExporter.SCREEN_DPI);
        double[] mid = RocChart.at(0.4, 0.4);
        assertFalse(isCurve(img.getRGB((int) mid[0], (int) mid[1])));
    }

    @Test
    void theAurocIsInTheFigureAndThePngIsTheRenderedChart() throws Exception {
        Path svg = dir.resolve("roc.svg");
        FigureExporter.writeChart(RANDOM, svg, new FigureExporter.Options(96, false));
        String text = Files.readString(svg);
        assertTrue(text.contains("Effusion (AUC = 0.500)"), "legend text in the figure");
        assertTrue(text.contains("30 positive, 40 negative"));
        Path png = dir.resolve("roc.png");
        FigureExporter.writeChart(RANDOM, png, new FigureExporter.Options(96, false));
        BufferedImage written = ImageIO.read(png.toFile());
        BufferedImage rendered = FigureExporter.renderChart(RANDOM, 96);
        for (int y = 0; y < rendered.getHeight(); y++) {
            for (int x = 0; x < rendered.getWidth(); x++) {
                assertEquals(rendered.getRGB(x, y), written.getRGB(x, y), "pixel " + x + "," + y);
            }
        }
        // the legend's pixels are really painted: dark text inside its box in the bottom-right corner
        double[] plot = RocChart.plotRect();
        int dark = 0;
        for (int y = (int) (plot[1] + plot[3] - 50); y < plot[1] + plot[3] - 10; y++) {
            for (int x = (int) (plot[0] + plot[2] * 0.45); x < plot[0] + plot[2] - 10; x++) {
                dark += (rendered.getRGB(x, y) & 0xFF) < 100 ? 1 : 0;
            }
        }
        assertTrue(dark > 100, "legend text drawn: " + dark + " dark pixels");
    }

    /** The curve's blue (antialiased centre of a 2.2-px line). */
    private static boolean isCurve(int rgb) {
        int r = (rgb >> 16) & 0xFF;
        int g = (rgb >> 8) & 0xFF;
        int b = rgb & 0xFF;
        return b > 120 && b - r > 60 && b - g > 20;
    }
}
