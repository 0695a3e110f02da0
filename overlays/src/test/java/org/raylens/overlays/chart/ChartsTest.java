package org.raylens.overlays.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChartsTest {

    @Test
    void aLongScoresTitleWrapsWithinTheSideColumnAndTheLayoutMakesRoomForIt() {
        String title = "Probability \u2014 Demo adapter (random linear, 6 labels)";
        ScoresChart chart = ScoresChart.probabilities(title, List.of(new ScoreRow("Edema", 0.4, 0.5)));
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(300, 300,
                java.awt.image.BufferedImage.TYPE_INT_ARGB);
        var g2 = img.createGraphics();
        var g = new org.raylens.overlays.export.Graphics2DCanvas(g2, 300, 300, 1);
        g.setFontSize(ScoresChart.FONT_PX);
        double width = org.raylens.overlays.figure.FigureLayout.SIDE_WIDTH;
        List<String> lines = chart.titleLines(g::textWidth, width);
        for (String line : lines) {
            assertTrue(g.textWidth(line) <= width, "'" + line + "' is " + g.textWidth(line) + " wide in " + width);
        }
        assertEquals(title, String.join(" ", lines), "nothing cut off");
        assertEquals((1 + lines.size()) * ScoresChart.ROW_PX, chart.height(g::textWidth, width), 1e-9);
        g2.dispose();
    }

    @Test
    void aLongColorbarTitleWrapsWithinItsWidthAndKeepsEveryWord() {
        String title = "Attention (CLS) \u2014 CLS \u2192 patches, layer 12/12, mean of 12 heads";
        Colorbar bar = new Colorbar(org.raylens.resources.colormap.Colormap.VIRIDIS, 0, 1, 0.2, title);
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(300, 300,
                java.awt.image.BufferedImage.TYPE_INT_ARGB);
        var g2 = img.createGraphics();
        var g = new org.raylens.overlays.export.Graphics2DCanvas(g2, 300, 300, 1);
        // The on-screen card's text width and a figure's side column.
        for (double width : new double[] {ColorbarOverlay.CARD_WIDTH_PX - 16, 240}) {
            List<String> lines = bar.titleLines(g, width);
            for (String line : lines) {
                assertTrue(g.textWidth(line) <= width, "'" + line + "' is " + g.textWidth(line) + " wide in " + width);
            }
            assertEquals(title, String.join(" ", lines), "nothing cut off at width " + width);
        }
        g2.dispose();
    }

    @Test
    void ticksAreRoundValuesInsideTheRange() {
        assertEquals(List.of(0.0, 0.2, 0.4, 0.6000000000000001, 0.8, 1.0), NiceTicks.between(0, 1, 5));
        assertEquals(List.of(-0.002, 0.0, 0.002, 0.004), NiceTicks.between(-0.0023, 0.0041, 3));
        assertEquals("0.6", NiceTicks.label(0.6000000000000001, 0.2));
        assertEquals("250", NiceTicks.label(250, 50));
        assertEquals("0.004", NiceTicks.label(0.004, 0.002));
        assertTrue(NiceTicks.between(1, 1, 5).isEmpty());
    }

    @Test
    void scoresAreSortedHighestFirstAndMarkedAgainstTheirThreshold() {
        ScoresChart chart = ScoresChart.probabilities("Findings", List.of(new ScoreRow("B", 0.2, 0.5),
                new ScoreRow("A", 0.9, 0.5), new ScoreRow("C", 0.2, 0.1), new ScoreRow("D", 0.5, 0.5)));
        assertEquals(List.of("A", "D", "B", "C"), chart.rows().stream().map(ScoreRow::label).toList());
        assertTrue(chart.rows().get(1).above(), "a score equal to its threshold is at or above it");
        assertFalse(chart.rows().get(2).above());
        assertFalse(new ScoreRow("E", 0.99, Double.NaN).above());
    }
}
