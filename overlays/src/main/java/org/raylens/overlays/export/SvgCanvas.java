package org.raylens.overlays.export;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.raylens.overlays.figure.TextMetrics;
import org.raylens.viewer.overlay.OverlayCanvas;

/**
 * {@link OverlayCanvas} that writes SVG 1.1 by hand: lines, rectangles and ellipses stay vectors, text stays text
 * (searchable, editable in a figure editor), and rasters (the image, heatmaps, masks) are embedded as PNG data URIs
 * shown without smoothing. Clip rectangles become {@code clipPath}s on nested groups.
 */
public final class SvgCanvas implements OverlayCanvas {

    private final double width;
    private final double height;
    private final double pixelScale;
    private final StringBuilder body = new StringBuilder();
    private final StringBuilder defs = new StringBuilder();
    private int clipDepth;
    private int clipCount;
    private int stroke = 0xFF000000;
    private int fill = 0xFF000000;
    private double lineWidth = 1;
    private double fontSize = 12;

    /** @param pixelScale raster samples per view unit for embedded images (DPI / 96) */
    public SvgCanvas(double width, double height, double pixelScale) {
        this.width = width;
        this.height = height;
        this.pixelScale = pixelScale;
    }

    @Override public double width() { return width; }
    @Override public double height() { return height; }
    @Override public double pixelScale() { return pixelScale; }
    @Override public void setStrokeColor(int argb) { stroke = argb; }
    @Override public void setFillColor(int argb) { fill = argb; }
    @Override public void setLineWidth(double w) { lineWidth = w; }
    @Override public void setFontSize(double size) { fontSize = size; }
    @Override public double fontSize() { return fontSize; }

    @Override
    public double textWidth(String text) {
        return TextMetrics.width(text, fontSize);
    }

    @Override
    public void strokeLine(double x1, double y1, double x2, double y2) {
        body.append("<line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"").append(n(x2))
                .append("\" y2=\"").append(n(y2)).append('"').append(strokeAttributes()).append("/>\n");
    }

    @Override
    public void fillRect(double x, double y, double w, double h) {
        body.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(w))
                .append("\" height=\"").append(n(h)).append('"').append(fillAttributes()).append("/>\n");
    }

    @Override
    public void strokeRect(double x, double y, double w, double h) {
        body.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(w))
                .append("\" height=\"").append(n(h)).append("\" fill=\"none\"").append(strokeAttributes())
                .append("/>\n");
    }

    @Override
    public void strokeOval(double x, double y, double w, double h) {
        body.append("<ellipse cx=\"").append(n(x + w / 2)).append("\" cy=\"").append(n(y + h / 2))
                .append("\" rx=\"").append(n(w / 2)).append("\" ry=\"").append(n(h / 2)).append("\" fill=\"none\"")
                .append(strokeAttributes()).append("/>\n");
    }

    @Override
    public void fillText(String text, double x, double y, TextAlign align) {
        String anchor = switch (align) {
            case LEFT -> "start";
            case CENTER -> "middle";
            case RIGHT -> "end";
        };
        body.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" font-family=\"")
                .append(TextMetrics.FAMILY).append(", DejaVu Sans, Arial, sans-serif\" font-size=\"")
                .append(n(fontSize)).append("\" text-anchor=\"").append(anchor).append("\" xml:space=\"preserve\"").append(fillAttributes())
                .append('>').append(escape(text)).append("</text>\n");
    }

    @Override
    public void drawArgb(int[] argb, int rw, int rh, double x, double y, double w, double h) {
        BufferedImage image = new BufferedImage(rw, rh, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, rw, rh, argb, 0, rw);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode an embedded PNG", e); // in memory: does not happen
        }
        body.append("<image x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(w))
                .append("\" height=\"").append(n(h))
                .append("\" preserveAspectRatio=\"none\" image-rendering=\"optimizeSpeed\""
                        + " style=\"image-rendering:pixelated\" xlink:href=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(png.toByteArray())).append("\"/>\n");
    }

    @Override
    public void pushClip(double x, double y, double w, double h) {
        String id = "clip" + (++clipCount);
        defs.append("<clipPath id=\"").append(id).append("\"><rect x=\"").append(n(x)).append("\" y=\"").append(n(y))
                .append("\" width=\"").append(n(w)).append("\" height=\"").append(n(h)).append("\"/></clipPath>\n");
        body.append("<g clip-path=\"url(#").append(id).append(")\">\n");
        clipDepth++;
    }

    @Override
    public void popClip() {
        if (clipDepth == 0) {
            throw new IllegalStateException("popClip without pushClip");
        }
        body.append("</g>\n");
        clipDepth--;
    }

    /** The finished document; {@code title} becomes its {@code <title>}. */
    public String toSvg(String title) {
        if (clipDepth != 0) {
            throw new IllegalStateException(clipDepth + " clip(s) not popped");
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\""
                + " version=\"1.1\" width=\"" + n(width) + "px\" height=\"" + n(height) + "px\" viewBox=\"0 0 "
                + n(width) + " " + n(height) + "\">\n"
                + "<title>" + escape(title) + "</title>\n"
                + "<defs>\n" + defs + "</defs>\n" + body + "</svg>\n";
    }

    private String strokeAttributes() {
        return " stroke=\"" + rgb(stroke) + "\"" + opacity("stroke-opacity", stroke) + " stroke-width=\""
                + n(lineWidth) + "\"";
    }

    private String fillAttributes() {
        return " fill=\"" + rgb(fill) + "\"" + opacity("fill-opacity", fill);
    }

    private static String rgb(int argb) {
        return String.format(Locale.ROOT, "#%06x", argb & 0xFFFFFF);
    }

    private static String opacity(String attribute, int argb) {
        int a = argb >>> 24;
        return a == 255 ? "" : " " + attribute + "=\"" + n(a / 255.0) + "\"";
    }

    /** Numbers with at most 3 decimals and no exponent: SVG parsers and diff tools like them short. */
    static String n(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = String.format(Locale.ROOT, "%.3f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /** XML text escaping; characters XML 1.0 forbids (controls) are dropped. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> {
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.toString();
    }
}
