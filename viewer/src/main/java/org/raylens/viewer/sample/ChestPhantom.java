package org.raylens.viewer.sample;

import java.util.concurrent.CancellationException;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * A synthetic chest radiograph, generated from a seed by simulating the physics coarsely: the attenuation line
 * integral of soft tissue, aerated lung, bone and vessels along each ray, Poisson-like quantum noise at the detector,
 * the logarithmic "for presentation" transfer, and a mild large-scale dynamic range compression like the processing
 * real DX systems apply. It exists so that RayLens opens with something a newcomer can look at without any patient
 * data, and so tests have a realistic, reproducible image. It is not anatomy to learn from.
 *
 * <p>Smooth soft-tissue shapes ({@link ThoraxShape}) are evaluated on a grid four times coarser and interpolated,
 * vessels ({@link VesselTree}) on a half-resolution grid, bones ({@link BoneLayer}) and noise at full resolution.
 * Rows and column bands run in parallel; every random draw comes from a generator seeded by (seed, row) or from the
 * tree's own seeded generator, so the output is identical for a seed whatever the thread count.
 */
public final class ChestPhantom {
    /** Views the generator can make of the same synthetic patient. */
    public enum View {
        /** Posteroanterior, full inspiration. */
        PA,
        /** Posteroanterior at expiration: higher domes, broader heart, denser lungs (a second PA view). */
        PA_EXPIRATION,
        /** Left lateral, displayed facing the viewer's left (anterior on the image left). */
        LATERAL
    }

    /** Linear attenuation of soft tissue at a typical chest kV, per mm. */
    private static final double MU_SOFT = 0.020;
    /** Aerated lung keeps about 15 % of the tissue density it displaces. */
    private static final double LUNG_AIR_FRACTION = 0.85;
    /** Vessels are blood (soft tissue) replacing air; a little extra so the markings read at a glance. */
    private static final double VESSEL_CONTRAST = 1.6;
    private static final int COARSE = 4;
    private static final int VESSEL_STEP = 2;

    private final Spec spec;

    /**
     * What to generate.
     *
     * @param columns   image width (default 2500)
     * @param rows      image height (default 3000)
     * @param spacingMm pixel spacing (default 0.143 mm, a common flat-panel pitch)
     * @param seed      the synthetic patient: same seed, same image
     * @param bitsStored 12 to 16 (default 14)
     */
    public record Spec(int columns, int rows, double spacingMm, long seed, int bitsStored, View view,
            boolean monochrome1) {
        public Spec {
            if (columns < 64 || rows < 64 || columns > 8192 || rows > 8192) {
                throw new IllegalArgumentException("image size must be 64..8192 pixels, was " + columns + "×" + rows);
            }
            if (!(spacingMm > 0.01 && spacingMm < 2)) {
                throw new IllegalArgumentException("pixel spacing must be 0.01..2 mm, was " + spacingMm);
            }
            if (bitsStored < 10 || bitsStored > 16) {
                throw new IllegalArgumentException("bits stored must be 10..16, was " + bitsStored);
            }
        }

        public static Spec defaults() {
            return new Spec(2500, 3000, 0.143, 20260101L, 14, View.PA, false);
        }

        public Spec withSize(int newColumns, int newRows) {
            double scaled = spacingMm * 2500.0 / newColumns; // keep the same patient in the field of view
            return new Spec(newColumns, newRows, scaled, seed, bitsStored, view, monochrome1);
        }

        public Spec withSeed(long newSeed) {
            return new Spec(columns, rows, spacingMm, newSeed, bitsStored, view, monochrome1);
        }

        public Spec withView(View newView) {
            return new Spec(columns, rows, spacingMm, seed, bitsStored, newView, monochrome1);
        }

        public Spec withBitsStored(int bits) {
            return new Spec(columns, rows, spacingMm, seed, bits, view, monochrome1);
        }

        public Spec withMonochrome1(boolean inverted) {
            return new Spec(columns, rows, spacingMm, seed, bitsStored, view, inverted);
        }
    }

    public ChestPhantom(Spec spec) {
        this.spec = spec;
    }

    public static PhantomImage generate(Spec spec) {
        return new ChestPhantom(spec).generate();
    }

    /**
     * Generates the image on the common pool. Interrupting the calling thread stops it within a row or band (a
     * {@link CancellationException}): closing the window while the sample study is generated must not leave both
     * cores busy with it, which held the window's exit up.
     */
    public PhantomImage generate() {
        Thread caller = Thread.currentThread();
        boolean expiration = spec.view() == View.PA_EXPIRATION;
        ThoraxFrame frame = ThoraxFrame.of(spec.columns(), spec.rows(), spec.spacingMm(), expiration ? 0.88 : 1.0);
        SplittableRandom anatomy = new SplittableRandom(spec.seed());
        SplittableRandom boneRandom = anatomy.split();
        long vesselSeed = anatomy.nextLong();
        SoftTissue shape;
        Bones bones;
        VesselTree vessels;
        if (spec.view() == View.LATERAL) {
            shape = new LateralShape(frame, 1.0);
            bones = new LateralBones(frame, boneRandom);
            vessels = new VesselTree(frame, shape, vesselSeed, VesselTree.lateralHila());
        } else {
            shape = new ThoraxShape(frame, expiration ? 1.10 : 1.0);
            bones = new BoneLayer(frame, boneRandom);
            vessels = new VesselTree(frame, shape, vesselSeed, VesselTree.paHila());
        }

        Coarse coarse = coarseSoftTissue(frame, shape, caller);
        float[] bone = new float[spec.columns() * spec.rows()];
        int bandWidth = 64;
        int bandCount = (spec.columns() + bandWidth - 1) / bandWidth;
        IntStream.range(0, bandCount).parallel().forEach(b -> {
            stopIfInterrupted(caller);
            bones.render(bone, b * bandWidth, Math.min(spec.columns(), (b + 1) * bandWidth));
        });

        int vCols = spec.columns() / VESSEL_STEP + 2;
        int vRows = spec.rows() / VESSEL_STEP + 2;
        float[] vessel = new float[vCols * vRows];
        int vBand = 32;
        IntStream.range(0, (vRows + vBand - 1) / vBand).parallel().forEach(b -> {
            stopIfInterrupted(caller);
            vessels.render(vessel, vCols, vRows, VESSEL_STEP, b * vBand, Math.min(vRows, (b + 1) * vBand));
        });

        short[] pixels = new short[spec.columns() * spec.rows()];
        Detector detector = new Detector(spec.bitsStored());
        IntStream.range(0, spec.rows()).parallel().forEach(row -> {
            stopIfInterrupted(caller);
            composeRow(row, coarse, bone, vessel, vCols, detector, pixels);
        });

        List<WindowPreset> windows = presets(pixels, coarse, detector);
        if (spec.monochrome1()) {
            int max = detector.maxValue();
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = (short) (max - (pixels[i] & 0xFFFF));
            }
            List<WindowPreset> inverted = new ArrayList<>();
            for (WindowPreset w : windows) {
                // VOI applies to stored values before MONOCHROME1 is inverted for display, so the centre moves.
                inverted.add(new WindowPreset(max - w.center(), w.width(), w.explanation()));
            }
            windows = inverted;
        }
        return new PhantomImage(spec.columns(), spec.rows(), spec.spacingMm(), spec.bitsStored(),
                spec.monochrome1() ? "MONOCHROME1" : "MONOCHROME2", pixels, List.copyOf(windows));
    }

    // ---- coarse soft tissue -----------------------------------------------------------------------------------

    /** Soft-tissue attenuation and the vessel visibility mask on the coarse grid, plus its low-pass copy. */
    private record Coarse(int columns, int rows, float[] attenuation, float[] processed, float[] lungMask) {}

    private static void stopIfInterrupted(Thread caller) {
        if (caller.isInterrupted()) {
            throw new CancellationException("sample generation interrupted");
        }
    }

    private Coarse coarseSoftTissue(ThoraxFrame frame, SoftTissue shape, Thread caller) {
        int cols = spec.columns() / COARSE + 2;
        int rows = spec.rows() / COARSE + 2;
        float[] a = new float[cols * rows];
        float[] mask = new float[cols * rows];
        IntStream.range(0, rows).parallel().forEach(r -> {
            stopIfInterrupted(caller);
            double y = frame.toY(r * COARSE);
            for (int c = 0; c < cols; c++) {
                double x = frame.toX(c * COARSE);
                double body = shape.bodyThickness(x, y);
                if (body <= 0) {
                    continue;
                }
                double lung = shape.lungDepth(x, y);
                double air = Math.min(body * 0.9, LUNG_AIR_FRACTION * lung + shape.otherAir(x, y));
                a[r * cols + c] = (float) (MU_SOFT * (body - air));
                mask[r * cols + c] = (float) ThoraxShape.clamp(lung / 60.0, 0, 1);
            }
        });
        // Dynamic range compression: subtract part of a ~40 mm low-pass so lungs and mediastinum both show, as the
        // "for presentation" processing of a DX system does. Bones, vessels and noise are too fine to be touched.
        int radius = Math.max(1, (int) Math.round(20 / (spec.spacingMm() * COARSE)));
        float[] low = BoxBlur.blur(a, cols, rows, radius, 3);
        float[] processed = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            processed[i] = (float) Math.max(0, a[i] - 0.30 * (low[i] - 2.6));
        }
        return new Coarse(cols, rows, a, processed, mask);
    }

    // ---- full resolution --------------------------------------------------------------------------------------

    private void composeRow(int row, Coarse coarse, float[] bone, float[] vessel, int vCols, Detector detector,
            short[] out) {
        int columns = spec.columns();
        double fy = (double) row / COARSE;
        int iy = (int) fy;
        float ty = (float) (fy - iy);
        double vy = (double) row / VESSEL_STEP;
        int jy = (int) vy;
        float uy = (float) (vy - jy);
        SplittableRandom noise = new SplittableRandom(spec.seed() * 0x9E3779B97F4A7C15L + row * 0xBF58476D1CE4E5B9L);
        int cc = coarse.columns();
        for (int col = 0; col < columns; col++) {
            double fx = (double) col / COARSE;
            int ix = (int) fx;
            float tx = (float) (fx - ix);
            int i00 = iy * cc + ix;
            float soft = lerp2(coarse.attenuation(), i00, cc, tx, ty);
            float processed = lerp2(coarse.processed(), i00, cc, tx, ty);
            float mask = lerp2(coarse.lungMask(), i00, cc, tx, ty);
            double vx = (double) col / VESSEL_STEP;
            int jx = (int) vx;
            float chord = lerp2(vessel, jy * vCols + jx, vCols, (float) (vx - jx), uy);
            double fine = bone[row * columns + col] + MU_SOFT * VESSEL_CONTRAST * chord * mask;
            double raw = soft + fine;
            out[row * columns + col] = detector.expose(raw, processed + fine, gaussian(noise));
        }
    }

    private static float lerp2(float[] grid, int i00, int stride, float tx, float ty) {
        float top = grid[i00] + (grid[i00 + 1] - grid[i00]) * tx;
        float bottom = grid[i00 + stride] + (grid[i00 + stride + 1] - grid[i00 + stride]) * tx;
        return top + (bottom - top) * ty;
    }

    /** A cheap standard normal draw: the sum of four 16-bit uniforms, centred and scaled (Irwin–Hall). */
    private static double gaussian(SplittableRandom random) {
        long bits = random.nextLong();
        long sum = (bits & 0xFFFF) + ((bits >>> 16) & 0xFFFF) + ((bits >>> 32) & 0xFFFF) + (bits >>> 48);
        return (sum / 65536.0 - 2.0) * 1.7320508075688772;
    }

    // ---- presets ----------------------------------------------------------------------------------------------

    /**
     * Two VOI presets measured on the image itself: a standard chest window spanning the body from lung to
     * mediastinum and spine, and a narrower lung window over the lung fields for vessels and parenchyma.
     */
    private List<WindowPreset> presets(short[] pixels, Coarse coarse, Detector detector) {
        int[] body = new int[detector.maxValue() + 1];
        int[] lung = new int[detector.maxValue() + 1];
        int cc = coarse.columns();
        for (int r = 0; r < spec.rows(); r += 4) {
            for (int c = 0; c < spec.columns(); c += 4) {
                int v = pixels[r * spec.columns() + c] & 0xFFFF;
                int ci = (r / COARSE) * cc + c / COARSE;
                if (coarse.attenuation()[ci] > 0.4f) {
                    body[v]++;
                }
                if (coarse.lungMask()[ci] > 0.95f) {
                    lung[v]++;
                }
            }
        }
        double b0 = percentile(body, 0.01);
        double b1 = percentile(body, 0.995);
        double l0 = percentile(lung, 0.02);
        double l1 = percentile(lung, 0.99);
        return List.of(
                new WindowPreset(Math.round((b0 + b1) / 2), Math.round((b1 - b0) * 1.08),
                        "STANDARD CHEST"),
                new WindowPreset(Math.round((l0 + l1) / 2), Math.round((l1 - l0) * 1.15),
                        "LUNG DETAIL"));
    }

    private static double percentile(int[] histogram, double fraction) {
        long total = 0;
        for (int h : histogram) {
            total += h;
        }
        long target = (long) Math.ceil(total * fraction);
        long seen = 0;
        for (int v = 0; v < histogram.length; v++) {
            seen += histogram[v];
            if (seen >= target && seen > 0) {
                return v;
            }
        }
        return histogram.length - 1;
    }
}
