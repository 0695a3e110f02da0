package org.raylens.viewer.image;

import org.raylens.core.io.AtomicFiles;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.raylens.viewer.dicom.DicomException;

/**
 * Measures the display path on a chest-radiograph-sized image (2500 × 3000, 16-bit, 12 bits used) and prints median
 * times: a window/level redraw of a 1600 × 1000 view (the ≤ 16 ms goal), the same at 1:1, the whole image into an
 * equally large buffer, and open-to-first-pixels of a DICOM file (the ≤ 300 ms goal). Not a unit test: run it on a
 * quiet machine,
 * {@code java -cp viewer/target/classes org.raylens.viewer.image.RenderBenchmark [file.dcm]}
 * (without a file it writes a synthetic Explicit VR Little Endian one to a temporary folder and deletes it).
 */
public final class RenderBenchmark {
    private static final int WIDTH = 2500;
    private static final int HEIGHT = 3000;

    private RenderBenchmark() {}

    public static void main(String[] args) throws IOException, DicomException {
        System.out.println("RayLens render benchmark: " + Runtime.getRuntime().availableProcessors()
                + " processors, Java " + System.getProperty("java.version"));
        int[] stored = syntheticRadiograph(WIDTH, HEIGHT, 42);
        GreyscaleImage image = new GreyscaleImage(WIDTH, HEIGHT, stored, false,
                new GreyscalePipeline(ModalityLut.IDENTITY, false, Map.of()), java.util.List.of(), null);

        int viewW = 1600;
        int viewH = 1000;
        double fit = Math.min((double) viewW / WIDTH, (double) viewH / HEIGHT);
        ViewTransform fitView = ViewTransform.zoomPan(fit, -(viewW / fit - WIDTH) / 2, 0);
        report("window/level redraw, 1600x1000 view, fit (new window each frame)",
                windowLevel(image, fitView, viewW, viewH));
        report("window/level redraw, 1600x1000 view, 1:1", windowLevel(image, ViewTransform.zoomPan(1, 400, 1000),
                viewW, viewH));
        report("window/level redraw, full 2500x3000 into 2500x3000", windowLevel(image, ViewTransform.zoomPan(1, 0, 0),
                WIDTH, HEIGHT));
        report("pan redraw (cached window), 1600x1000 view, 2:1", pan(image, viewW, viewH));

        Path file;
        Path temp = null;
        if (args.length > 0) {
            file = Path.of(args[0]);
        } else {
            temp = Files.createTempDirectory("raylens-bench");
            file = temp.resolve("synthetic-2500x3000.dcm");
            AtomicFiles.writeBytes(file, syntheticDicom(stored, WIDTH, HEIGHT));
        }
        try {
            report("open to first pixels (" + file.getFileName() + ", 1600x1000 fit view)",
                    openToFirstPixels(file, viewW, viewH));
        } finally {
            if (temp != null) {
                Files.deleteIfExists(file);
                Files.deleteIfExists(temp);
            }
        }
    }

    private static double[] windowLevel(DisplayableImage image, ViewTransform view, int w, int h) {
        int[] dst = new int[w * h];
        double[] times = new double[60];
        for (int i = -20; i < times.length; i++) {
            // A new centre each frame, as during a right-drag: the display table is rebuilt every time.
            VoiWindow window = VoiWindow.linear(2048 + 3 * i, 1500 + i, "drag");
            long t0 = System.nanoTime();
            image.render(window, false, view, dst, w, h, 0xFF000000);
            long t1 = System.nanoTime();
            if (i >= 0) {
                times[i] = (t1 - t0) / 1e6;
            }
        }
        return times;
    }

    private static double[] pan(DisplayableImage image, int w, int h) {
        int[] dst = new int[w * h];
        VoiWindow window = VoiWindow.linear(2048, 1500, "fixed");
        double[] times = new double[60];
        for (int i = -20; i < times.length; i++) {
            long t0 = System.nanoTime();
            image.render(window, false, ViewTransform.zoomPan(2, 300 + i, 800 + i), dst, w, h, 0xFF000000);
            long t1 = System.nanoTime();
            if (i >= 0) {
                times[i] = (t1 - t0) / 1e6;
            }
        }
        return times;
    }

    private static double[] openToFirstPixels(Path file, int w, int h) throws IOException, DicomException {
        ImageOpener opener = new ImageOpener();
        int[] dst = new int[w * h];
        double[] times = new double[10];
        for (int i = -3; i < times.length; i++) {
            long t0 = System.nanoTime();
            try (OpenedImage opened = opener.open(file)) {
                DisplayableImage image = opened.frame(0);
                double fit = Math.min((double) w / image.width(), (double) h / image.height());
                image.render(image.defaultWindow(), false, ViewTransform.zoomPan(fit, 0, 0), dst, w, h, 0xFF000000);
            }
            long t1 = System.nanoTime();
            if (i >= 0) {
                times[i] = (t1 - t0) / 1e6;
            }
        }
        return times;
    }

    private static void report(String what, double[] times) {
        double[] sorted = times.clone();
        Arrays.sort(sorted);
        System.out.printf("%-72s median %7.2f ms  (min %.2f, max %.2f, n=%d)%n", what, sorted[sorted.length / 2],
                sorted[0], sorted[sorted.length - 1], sorted.length);
    }

    /** A smooth 12-bit body-like gradient with noise, so the values are not trivially cache-friendly. */
    static int[] syntheticRadiograph(int w, int h, long seed) {
        Random random = new Random(seed);
        int[] values = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double dx = (x - w / 2.0) / w;
                double dy = (y - h / 2.0) / h;
                double body = 3000 * Math.exp(-(dx * dx + dy * dy) * 6);
                values[y * w + x] = Math.max(0, Math.min(4095, (int) (body + 200 + random.nextGaussian() * 40)));
            }
        }
        return values;
    }

    /** A minimal Explicit VR Little Endian Part 10 file holding one 16-bit MONOCHROME2 frame. */
    static byte[] syntheticDicom(int[] stored, int w, int h) {
        ByteBuffer meta = ByteBuffer.allocate(256).order(ByteOrder.LITTLE_ENDIAN);
        element(meta, 0x0002, 0x0001, "OB", new byte[] {0, 1});
        element(meta, 0x0002, 0x0002, "UI", uid("1.2.840.10008.5.1.4.1.1.7"));
        element(meta, 0x0002, 0x0003, "UI", uid("2.25.1234567890"));
        element(meta, 0x0002, 0x0010, "UI", uid("1.2.840.10008.1.2.1"));
        byte[] metaBytes = Arrays.copyOf(meta.array(), meta.position());
        ByteBuffer out = ByteBuffer.allocate(132 + 12 + metaBytes.length + 256 + stored.length * 2 + 12)
                .order(ByteOrder.LITTLE_ENDIAN);
        out.position(128);
        out.put("DICM".getBytes(StandardCharsets.US_ASCII));
        element(out, 0x0002, 0x0000, "UL", ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(metaBytes.length).array());
        out.put(metaBytes);
        element(out, 0x0028, 0x0002, "US", us(1));
        element(out, 0x0028, 0x0004, "CS", "MONOCHROME2 ".getBytes(StandardCharsets.US_ASCII));
        element(out, 0x0028, 0x0010, "US", us(h));
        element(out, 0x0028, 0x0011, "US", us(w));
        element(out, 0x0028, 0x0100, "US", us(16));
        element(out, 0x0028, 0x0101, "US", us(12));
        element(out, 0x0028, 0x0102, "US", us(11));
        element(out, 0x0028, 0x0103, "US", us(0));
        element(out, 0x0028, 0x1050, "DS", "2048".getBytes(StandardCharsets.US_ASCII));
        element(out, 0x0028, 0x1051, "DS", "4096".getBytes(StandardCharsets.US_ASCII));
        byte[] pixels = new byte[stored.length * 2];
        ByteBuffer.wrap(pixels).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().put(toShorts(stored));
        element(out, 0x7FE0, 0x0010, "OW", pixels);
        return Arrays.copyOf(out.array(), out.position());
    }

    private static void element(ByteBuffer b, int group, int elem, String vr, byte[] value) {
        b.putShort((short) group).putShort((short) elem).put(vr.getBytes(StandardCharsets.US_ASCII));
        if (vr.equals("OB") || vr.equals("OW")) {
            b.putShort((short) 0).putInt(value.length);
        } else {
            b.putShort((short) value.length);
        }
        b.put(value);
    }

    private static byte[] uid(String uid) {
        byte[] s = uid.getBytes(StandardCharsets.US_ASCII);
        return s.length % 2 == 0 ? s : Arrays.copyOf(s, s.length + 1);
    }

    private static byte[] us(int v) {
        return new byte[] {(byte) v, (byte) (v >> 8)};
    }

    private static short[] toShorts(int[] values) {
        short[] s = new short[values.length];
        for (int i = 0; i < values.length; i++) {
            s[i] = (short) values[i];
        }
        return s;
    }
}
