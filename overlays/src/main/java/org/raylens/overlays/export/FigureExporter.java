package org.raylens.overlays.export;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import org.raylens.overlays.chart.StandaloneChart;
import org.raylens.overlays.figure.Figure;
import org.raylens.overlays.figure.FigureLayout;
import org.raylens.overlays.figure.FigurePainter;

/**
 * Writes a {@link Figure} as PNG, SVG or PDF. All three are {@link FigurePainter#paint} on a different canvas, and
 * every file is written atomically through {@link org.raylens.core.io.AtomicFiles}: a failed export leaves nothing under the target
 * name.
 *
 * <p>A {@link StandaloneChart} (the training report's ROC curve) is written the same way: its own paint on the same
 * canvases, as PNG or SVG.
 *
 * <p>Resolution: figure units are view pixels at 96 per inch, so {@code dpi / 96} device pixels per unit; a 96-dpi
 * PNG of a panel is pixel for pixel what the viewport shows at the same view transform.
 */
public final class FigureExporter {

    /** The file formats. */
    public enum Format {
        PNG("png"), SVG("svg"), PDF("pdf");

        private final String extension;

        Format(String extension) {
            this.extension = extension;
        }

        public String extension() {
            return extension;
        }

        /** The format a file name's extension names. */
        public static Format ofFileName(String name) {
            String lower = name.toLowerCase(Locale.ROOT);
            for (Format f : values()) {
                if (lower.endsWith("." + f.extension)) {
                    return f;
                }
            }
            throw new IllegalArgumentException("not a figure file name (.png, .svg, .pdf): " + name);
        }
    }

    /** Screen resolution: one figure unit per device pixel. */
    public static final int SCREEN_DPI = 96;
    public static final int MIN_DPI = 36;
    public static final int MAX_DPI = 1200;
    /** Refuse rasters beyond this many pixels rather than die of an OutOfMemoryError half-way. */
    static final long MAX_PIXELS = 200_000_000L;

    /**
     * @param dpi       raster resolution (PNG pixels, PDF image, SVG embedded images), {@value #MIN_DPI}–{@value
     *                  #MAX_DPI}
     * @param overwrite replace an existing file (atomically) instead of refusing
     */
    public record Options(int dpi, boolean overwrite) {
        public Options {
            if (dpi < MIN_DPI || dpi > MAX_DPI) {
                throw new IllegalArgumentException("dpi must be " + MIN_DPI + "–" + MAX_DPI + ": " + dpi);
            }
        }

        public static Options defaults() {
            return new Options(300, false);
        }
    }

    private FigureExporter() {}

    /** Writes the figure in the format its file name's extension names. */
    public static void write(Figure figure, Path target, Options options) throws ExportException {
        write(figure, target, Format.ofFileName(target.getFileName().toString()), options);
    }

    public static void write(Figure figure, Path target, Format format, Options options) throws ExportException {
        Objects.requireNonNull(figure, "figure");
        FigureLayout layout = FigureLayout.of(figure);
        String title = title(figure);
        switch (format) {
            case PNG -> {
                BufferedImage image = render(figure, layout, options.dpi(), layout.height(), true, target);
                String description = String.join("\n", figure.provenance().lines());
                AtomicExport.write(target, options.overwrite(),
                        out -> PngFigureWriter.write(image, options.dpi(), title, description, out));
            }
            case SVG -> {
                SvgCanvas canvas = new SvgCanvas(layout.width(), layout.height(), options.dpi() / (double) SCREEN_DPI);
                FigurePainter.paint(figure, layout, canvas, true);
                byte[] svg = canvas.toSvg(title).getBytes(StandardCharsets.UTF_8);
                AtomicExport.write(target, options.overwrite(), out -> out.write(svg));
            }
            case PDF -> {
                BufferedImage body =
                        render(figure, layout, options.dpi(), layout.heightWithoutFooter(), false, target);
                AtomicExport.write(target, options.overwrite(),
                        out -> PdfFigureWriter.write(figure, layout, body, title, out));
            }
        }
    }

    /** Writes a chart as PNG or SVG, as its file name's extension says. */
    public static void writeChart(StandaloneChart chart, Path target, Options options) throws ExportException {
        Objects.requireNonNull(chart, "chart");
        Format format = Format.ofFileName(target.getFileName().toString());
        switch (format) {
            case PNG -> {
                BufferedImage image = renderChart(chart, options.dpi());
                String description = String.join("\n", chart.description());
                AtomicExport.write(target, options.overwrite(),
                        out -> PngFigureWriter.write(image, options.dpi(), chart.title(), description, out));
            }
            case SVG -> {
                SvgCanvas canvas = new SvgCanvas(chart.width(), chart.height(), options.dpi() / (double) SCREEN_DPI);
                chart.paint(canvas);
                byte[] svg = canvas.toSvg(chart.title()).getBytes(StandardCharsets.UTF_8);
                AtomicExport.write(target, options.overwrite(), out -> out.write(svg));
            }
            case PDF -> throw new IllegalArgumentException("a chart is written as .png or .svg, not .pdf: " + target);
        }
    }

    /** The chart as an RGB raster at {@code dpi}: exactly the pixels a PNG export of it holds. */
    public static BufferedImage renderChart(StandaloneChart chart, int dpi) {
        double scale = dpi / (double) SCREEN_DPI;
        int w = (int) Math.ceil(chart.width() * scale - 1e-9);
        int h = (int) Math.ceil(chart.height() * scale - 1e-9);
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            chart.paint(new Graphics2DCanvas(g, chart.width(), chart.height(), scale));
        } finally {
            g.dispose();
        }
        return image;
    }

    /** The figure as an RGB raster at {@code dpi}: exactly the pixels a PNG export holds. */
    public static BufferedImage render(Figure figure, int dpi) {
        FigureLayout layout = FigureLayout.of(figure);
        return renderUnchecked(figure, layout, dpi / (double) SCREEN_DPI, layout.height(), true);
    }

    private static BufferedImage render(Figure figure, FigureLayout layout, int dpi, double height,
            boolean footer, Path target) throws ExportException {
        double scale = dpi / (double) SCREEN_DPI;
        long pixels = (long) Math.ceil(layout.width() * scale) * (long) Math.ceil(height * scale);
        if (pixels > MAX_PIXELS) {
            throw new ExportException(String.format(Locale.ROOT,
                    "a %d-dpi figure would have %,d pixels (limit %,d); choose a lower DPI", dpi, pixels,
                    MAX_PIXELS), target);
        }
        return renderUnchecked(figure, layout, scale, height, footer);
    }

    private static BufferedImage renderUnchecked(Figure figure, FigureLayout layout, double scale, double height,
            boolean footer) {
        int w = (int) Math.ceil(layout.width() * scale - 1e-9);
        int h = (int) Math.ceil(height * scale - 1e-9);
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            FigurePainter.paint(figure, layout, new Graphics2DCanvas(g, layout.width(), height, scale), footer);
        } finally {
            g.dispose();
        }
        return image;
    }

    static String title(Figure figure) {
        StringBuilder sb = new StringBuilder("RayLens figure:");
        figure.panels().forEach(p -> sb.append(' ').append(p.title()).append(" |"));
        sb.setLength(sb.length() - 2);
        return sb.toString();
    }
}
