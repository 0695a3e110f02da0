package org.raylens.viewer.image;

import java.util.List;

/**
 * A greyscale frame (DICOM MONOCHROME1/2, or a grey PNG/JPEG/TIFF) held as stored values, displayed through a
 * {@link GreyscalePipeline}. The ARGB table for the last window and invert state is cached, so repeated redraws
 * (pan, zoom) only sample, and a new window costs one table build (≤ 65 536 entries for 16-bit data).
 */
public final class GreyscaleImage implements DisplayableImage {
    private final int width;
    private final int height;
    private final int[] stored;
    private final StoredDomain domain;
    private final GreyscalePipeline pipeline;
    private final List<VoiWindow> presets;
    private final double[] pixelSpacing;
    private final double minModality;
    private final double maxModality;
    private final StoredPyramid pyramid;
    private volatile CachedTable cached;
    private volatile WindowFit.Choice windowChoice;

    private record CachedTable(VoiWindow window, boolean invert, int[] argb) {}

    /**
     * @param stored       row-major stored values, {@code width × height}
     * @param unsigned32   true for 32-bit unsigned data (values held bit for bit in ints)
     * @param presets      the file's windows and VOI LUT presets, in the order offered to the user
     * @param pixelSpacing (row, column) spacing in mm, or null
     */
    public GreyscaleImage(int width, int height, int[] stored, boolean unsigned32, GreyscalePipeline pipeline,
            List<VoiWindow> presets, double[] pixelSpacing) {
        if ((long) width * height != stored.length) {
            throw new IllegalArgumentException(width + " x " + height + " != " + stored.length + " values");
        }
        this.width = width;
        this.height = height;
        this.stored = stored;
        this.domain = StoredDomain.of(stored, unsigned32);
        // Box averages of unsigned 32-bit values would need unsigned arithmetic throughout; such data (dose grids)
        // is never large, so it is always drawn at full resolution.
        this.pyramid = unsigned32 ? null : new StoredPyramid(stored, width, height);
        this.pipeline = pipeline;
        this.presets = List.copyOf(presets);
        this.pixelSpacing = pixelSpacing == null ? null : pixelSpacing.clone();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        if (pipeline.modality() instanceof ModalityLut.Rescale) {
            // Linear: the extremes of the stored values map to the extremes of the modality values.
            double a = pipeline.modality().apply(domain.minValue());
            double b = pipeline.modality().apply(domain.maxValue());
            lo = Math.min(a, b);
            hi = Math.max(a, b);
        } else {
            for (int i = 0, n = domain.size(); i < n; i++) {
                double m = pipeline.modality().apply(domain.valueAt(i));
                lo = Math.min(lo, m);
                hi = Math.max(hi, m);
            }
        }
        this.minModality = lo;
        this.maxModality = hi;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public boolean isColor() {
        return false;
    }

    /** The stored value at a pixel (raw, before the modality LUT). */
    public int storedValue(int x, int y) {
        return stored[y * width + x];
    }

    @Override
    public double modalityValue(int x, int y) {
        return pipeline.modality().apply(domain.toDouble(stored[y * width + x]));
    }

    @Override
    public String modalityUnit() {
        return pipeline.modality().unit();
    }

    @Override
    public double minModalityValue() {
        return minModality;
    }

    @Override
    public double maxModalityValue() {
        return maxModality;
    }

    /** The full modality range as a LINEAR window: the minimum maps to black and the maximum to white. */
    public VoiWindow fullRangeWindow() {
        double w = Math.max(maxModality - minModality + 1, 1);
        return VoiWindow.linear(minModality + (w - 1) / 2 + 0.5, w, "Full range");
    }

    /**
     * The file's first preset or, lacking one, the full modality range; a stored window that shows (almost)
     * nothing of this frame gives way to a histogram window ({@link WindowFit}). Decided once per image, so the
     * viewport and the thumbnail agree.
     */
    @Override
    public VoiWindow defaultWindow() {
        return windowChoice().window();
    }

    @Override
    public String defaultWindowNote() {
        return windowChoice().note();
    }

    private WindowFit.Choice windowChoice() {
        WindowFit.Choice c = windowChoice;
        if (c == null) {
            VoiWindow stored = presets.isEmpty() ? fullRangeWindow() : presets.get(0);
            c = WindowFit.choose(modalitySample(), stored, (m, w) -> VoiTransfer.toByte(pipeline.voi(m, w)));
            windowChoice = c;
        }
        return c;
    }

    /** Modality values of at most {@link WindowFit#MAX_SAMPLES} pixels, evenly strided through the frame. */
    private double[] modalitySample() {
        int step = Math.max(1, (int) Math.ceil(stored.length / (double) WindowFit.MAX_SAMPLES));
        double[] out = new double[(stored.length + step - 1) / step];
        ModalityLut modality = pipeline.modality();
        for (int i = 0, j = 0; i < stored.length; i += step, j++) {
            out[j] = modality.apply(domain.toDouble(stored[i]));
        }
        return out;
    }

    /**
     * The file's presets: its Window Center/Width pairs first, then one per VOI LUT Sequence item. A VOI LUT preset
     * is a window spanning the table's input range whose name starts "VOI LUT"; rendering with exactly that window
     * applies the table, and adjusting it (a drag) continues from the equivalent linear window.
     */
    @Override
    public List<VoiWindow> presets() {
        return presets;
    }

    @Override
    public double[] pixelSpacingMm() {
        return pixelSpacing == null ? null : pixelSpacing.clone();
    }

    public GreyscalePipeline pipeline() {
        return pipeline;
    }

    /** The frame's modality values (one float per pixel) for models. */
    public ModalityImage modalityImage() {
        float[] values = new float[stored.length];
        ModalityLut modality = pipeline.modality();
        // Through the domain table: one modality evaluation per distinct stored value, not per pixel.
        int size = domain.size();
        if (domain.shift() == 0 && size <= stored.length) {
            float[] table = new float[size];
            for (int i = 0; i < size; i++) {
                table[i] = (float) modality.apply(domain.valueAt(i));
            }
            for (int i = 0; i < stored.length; i++) {
                values[i] = table[domain.index(stored[i])];
            }
        } else {
            for (int i = 0; i < stored.length; i++) {
                values[i] = (float) modality.apply(domain.toDouble(stored[i]));
            }
        }
        return new ModalityImage(width, height, 1, values, modality.unit());
    }

    /**
     * The full-resolution 8-bit display image (row-major grey levels, 0 black) under a window: what the viewport
     * shows at 1:1, for export and for comparing with other viewers.
     */
    public byte[] displayGrey8(VoiWindow window, boolean invert) {
        int[] table = displayTable(window, invert);
        byte[] out = new byte[stored.length];
        for (int i = 0; i < stored.length; i++) {
            out[i] = (byte) table[domain.index(stored[i])];
        }
        return out;
    }

    /** The ARGB table for a window, built once per (window, invert) and reused while they stay the same. */
    public int[] displayTable(VoiWindow window, boolean invert) {
        CachedTable c = cached;
        if (c != null && c.invert() == invert && c.window().equals(window)) {
            return c.argb();
        }
        int[] table = pipeline.argbTable(domain, window, invert);
        cached = new CachedTable(window, invert, table);
        return table;
    }

    /**
     * Draws through the display table. When the view shows less than half a screen pixel per source pixel, it samples
     * the coarsest box-averaged level that still has at least one value per screen pixel (a mipmap), so zoomed-out
     * views show the image rather than aliased noise.
     */
    @Override
    public void render(VoiWindow window, boolean invert, ViewTransform view, int[] dst, int dstWidth,
            int dstHeight, int background) {
        int[] table = displayTable(window, invert);
        double scale = view.scale();
        int k = pyramid == null || !(scale < 0.5) ? 0 : (int) Math.floor(Math.log(1 / scale) / Math.log(2));
        if (k == 0) {
            NearestNeighbourRenderer.renderIndexed(stored, width, height, domain, table, view, dst, dstWidth,
                    dstHeight, background);
            return;
        }
        StoredPyramid.Level level = pyramid.level(k);
        double f = 1.0 / (1 << pyramid.levelIndex(level));
        ViewTransform levelView = new ViewTransform(view.a() * f, view.b() * f, view.c() * f, view.d() * f,
                view.e() * f, view.f() * f);
        NearestNeighbourRenderer.renderIndexed(level.values(), level.width(), level.height(), domain, table,
                levelView, dst, dstWidth, dstHeight, background);
    }
}
