package org.raylens.app.report;

import org.raylens.core.io.AtomicFiles;
import org.raylens.inference.training.Roc;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Draws one ROC curve as a PNG for the training report: square axes from 0 to 1 with ticks every 0.2 and a light
 * grid, the chance diagonal dashed, the curve as steps through its points, and the AUROC in the legend ("n/a" when
 * validation held only one class, in which case no curve is drawn). Headless-safe (plain java.awt imaging).
 */
public final class RocPlot {
    private static final int SIZE = 480;
    private static final int LEFT = 64;
    private static final int RIGHT = 20;
    private static final int TOP = 40;
    private static final int BOTTOM = 56;

    private RocPlot() {
    }

    public static BufferedImage draw(String label, List<Roc.Point> curve, double auroc, int positives, int negatives) {
        BufferedImage img = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, SIZE, SIZE);
            int w = SIZE - LEFT - RIGHT;
            int h = SIZE - TOP - BOTTOM;
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            for (int i = 0; i <= 5; i++) {
                double v = i / 5.0;
                int x = LEFT + (int) Math.round(v * w);
                int y = TOP + h - (int) Math.round(v * h);
                g.setColor(new Color(230, 230, 230));
                g.drawLine(x, TOP, x, TOP + h);
                g.drawLine(LEFT, y, LEFT + w, y);
                g.setColor(Color.DARK_GRAY);
                g.drawLine(x, TOP + h, x, TOP + h + 5);
                g.drawLine(LEFT - 5, y, LEFT, y);
                String t = String.format(Locale.ROOT, "%.1f", v);
                g.drawString(t, x - g.getFontMetrics().stringWidth(t) / 2, TOP + h + 19);
                g.drawString(t, LEFT - 9 - g.getFontMetrics().stringWidth(t), y + 4);
            }
            g.setColor(Color.BLACK);
            g.drawRect(LEFT, TOP, w, h);
            String xl = "False positive rate (1 - specificity)";
            g.drawString(xl, LEFT + (w - g.getFontMetrics().stringWidth(xl)) / 2, SIZE - 14);
            Graphics2D gy = (Graphics2D) g.create();
            gy.rotate(-Math.PI / 2);
            String yl = "True positive rate (sensitivity)";
            gy.drawString(yl, -(TOP + (h + g.getFontMetrics().stringWidth(yl)) / 2), 18);
            gy.dispose();
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.drawString("ROC: " + label, LEFT, TOP - 14);

            g.setColor(Color.GRAY);
            g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{6f, 5f}, 0f));
            g.drawLine(LEFT, TOP + h, LEFT + w, TOP);
            boolean defined = Double.isFinite(auroc);
            if (defined) {
                Path2D path = new Path2D.Double();
                boolean first = true;
                for (Roc.Point p : curve) {
                    double x = LEFT + p.fpr() * w;
                    double y = TOP + h - p.tpr() * h;
                    if (first) {
                        path.moveTo(x, y);
                        first = false;
                    } else {
                        path.lineTo(x, y);
                    }
                }
                g.setColor(new Color(0, 90, 181));
                g.setStroke(new BasicStroke(2.2f));
                g.draw(path);
            }
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            String legend = label + " (AUC = " + (defined ? String.format(Locale.ROOT, "%.3f", auroc) : "n/a") + ")";
            String counts = positives + " positive, " + negatives + " negative";
            int lw = Math.max(g.getFontMetrics().stringWidth(legend), g.getFontMetrics().stringWidth(counts)) + 40;
            int lx = LEFT + w - lw - 8;
            int ly = TOP + h - 52;
            g.setStroke(new BasicStroke(1f));
            g.setColor(Color.WHITE);
            g.fillRect(lx, ly, lw, 44);
            g.setColor(Color.GRAY);
            g.drawRect(lx, ly, lw, 44);
            g.setColor(new Color(0, 90, 181));
            g.setStroke(new BasicStroke(2.2f));
            g.drawLine(lx + 8, ly + 16, lx + 28, ly + 16);
            g.setColor(Color.BLACK);
            g.drawString(legend, lx + 34, ly + 20);
            g.setColor(Color.DARK_GRAY);
            g.drawString(counts, lx + 34, ly + 37);
        } finally {
            g.dispose();
        }
        return img;
    }

    public static void write(Path file, String label, List<Roc.Point> curve, double auroc, int positives,
                             int negatives) throws IOException {
        BufferedImage img = draw(label, curve, auroc, positives, negatives);
        // atomically: a kill mid-write leaves the previous plot, never a truncated PNG
        AtomicFiles.replace(file, out -> {
            if (!ImageIO.write(img, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        });
    }
}
