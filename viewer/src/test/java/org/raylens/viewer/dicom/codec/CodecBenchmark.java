package org.raylens.viewer.dicom.codec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.raylens.viewer.dicom.TransferSyntax;
import org.raylens.viewer.dicom.pixel.NativePixelDecoder;

/**
 * Times decoding of one 2500 × 3000 16-bit frame per transfer syntax (uncompressed, RLE, JPEG lossless SV1,
 * JPEG-LS lossless, JPEG 2000 lossless). The compressed copies are made with dcmtk and GDCM from a synthetic image,
 * and every decode is checked against the original before it is timed.
 *
 * <p>Run: {@code java -cp viewer/target/classes:viewer/target/test-classes:<deps>
 * org.raylens.viewer.dicom.codec.CodecBenchmark [runs] [workdir]} (optionally {@code -Draylens.python=/usr/bin/python3}).
 * Prints a table of median and best times, then times pydicom on the very same files when it is installed.
 */
public final class CodecBenchmark {

    private static final int ROWS = 3000;
    private static final int COLUMNS = 2500;

    private CodecBenchmark() {
    }

    private record Case(String name, String syntax, Path file, String... command) {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("raylens-bench");
        Files.createDirectories(dir);
        PixelDescription d = new PixelDescription(ROWS, COLUMNS, 1, 1, 16, 16, 15, false, "MONOCHROME2", 0);
        int[] samples = radiographLike(ROWS, COLUMNS);
        Path raw = dir.resolve("native.dcm");
        byte[] nativeBytes = TestDicom.nativeBytes(samples, 16);
        TestDicom.writeNative(raw, d, nativeBytes);
        List<Case> cases = List.of(
                new Case("RLE Lossless", TransferSyntax.RLE_LOSSLESS, dir.resolve("rle.dcm"), "dcmcrle"),
                new Case("JPEG Lossless SV1", TransferSyntax.JPEG_LOSSLESS_SV1, dir.resolve("jpeg-ll.dcm"),
                        "dcmcjpeg", "+e1"),
                new Case("JPEG-LS Lossless", TransferSyntax.JPEG_LS_LOSSLESS, dir.resolve("jls.dcm"), "dcmcjpls",
                        "+el"),
                new Case("JPEG 2000 Lossless", TransferSyntax.JPEG_2000_LOSSLESS, dir.resolve("j2k.dcm"),
                        "gdcmconv", "--j2k"));
        System.out.printf("%-20s %12s %10s %12s %10s%n", "syntax", "bytes", "ratio", "median ms", "best ms");
        double[] nativeTimes = new double[runs];
        for (int r = -3; r < runs; r++) {
            long t = System.nanoTime();
            int[] v = NativePixelDecoder.decode(nativeBytes, 0, d, false, false);
            if (r >= 0) {
                nativeTimes[r] = (System.nanoTime() - t) / 1e6;
            }
            check(v, samples, "native");
        }
        print("Uncompressed", nativeBytes.length, nativeBytes.length, nativeTimes);
        for (Case c : cases) {
            if (!ExternalTools.available(c.command()[0])) {
                System.out.printf("%-20s skipped: %s is not installed%n", c.name(), c.command()[0]);
                continue;
            }
            if (!Files.exists(c.file())) {
                List<String> cmd = new ArrayList<>(List.of(c.command()));
                cmd.add(raw.toString());
                cmd.add(c.file().toString());
                ExternalTools.run(cmd.toArray(String[]::new));
            }
            byte[] frame = TestDicom.encapsulated(c.file()).frame(0, 1);
            PixelCodec codec = CodecsOnRealFiles.codecFor(c.syntax());
            print(c.name(), frame.length, nativeBytes.length, time(codec, frame, d, c, samples, runs));
            if (codec instanceof Jpeg2000Codec j2k) {
                // The other JPEG 2000 decoder too: OpenJPEG when it is the default, jai-imageio always.
                System.out.println("  (above: " + j2k.decoderName() + ")");
                if (!j2k.decoderName().equals("jai-imageio")) {
                    print("  jai-imageio", frame.length, nativeBytes.length,
                            time(Jpeg2000Codec.withJaiImageIo(), frame, d, c, samples, runs));
                }
            }
        }
        System.out.println("files in " + dir);
        runPydicom(dir, runs);
    }

    /**
     * Times pydicom on the same files, as the reference a user would otherwise have. The interpreter comes from
     * {@code -Draylens.python} (default {@code python3}); Debian's python3-pydicom and python3-gdcm provide it.
     */
    private static void runPydicom(Path dir, int runs) throws Exception {
        Path script = dir.resolve("pydicom_benchmark.py");
        try (var in = CodecBenchmark.class.getResourceAsStream("pydicom_benchmark.py")) {
            Files.write(script, in.readAllBytes());
        }
        String python = System.getProperty("raylens.python", "python3");
        Process p = new ProcessBuilder(python, script.toString(), dir.toString(), Integer.toString(runs))
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            System.out.println("pydicom reference skipped (" + python + " could not run it): "
                    + output.lines().reduce((a, b) -> b).orElse(""));
        } else {
            System.out.print(output);
        }
    }

    private static double[] time(PixelCodec codec, byte[] frame, PixelDescription d, Case c, int[] samples,
            int runs) throws Exception {
        double[] times = new double[runs];
        for (int r = -3; r < runs; r++) {
            long t = System.nanoTime();
            int[] v = codec.decode(frame, d, c.syntax());
            if (r >= 0) {
                times[r] = (System.nanoTime() - t) / 1e6;
            }
            check(v, samples, c.name());
        }
        return times;
    }

    private static void print(String name, int bytes, int nativeBytes, double[] times) {
        double[] s = times.clone();
        Arrays.sort(s);
        System.out.printf("%-20s %12d %10.2f %12.1f %10.1f%n", name, bytes, (double) nativeBytes / bytes,
                s[s.length / 2], s[0]);
    }

    private static void check(int[] decoded, int[] expected, String name) {
        if (!Arrays.equals(decoded, expected)) {
            throw new IllegalStateException(name + " decode differs from the original image");
        }
    }

    /**
     * A radiograph-like 16-bit image: a smooth body-shaped intensity field with rib-like bands, a collimated
     * border of constant value (runs), and mild quantum noise, so compression ratios resemble real CR/DX data.
     */
    static int[] radiographLike(int rows, int cols) {
        java.util.Random rnd = new java.util.Random(42);
        int[] v = new int[rows * cols];
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < cols; x++) {
                int value;
                if (x < 120 || x >= cols - 120 || y < 150 || y >= rows - 150) {
                    value = 400; // collimation
                } else {
                    double nx = (x - cols / 2.0) / cols;
                    double ny = (y - rows / 2.0) / rows;
                    double body = Math.exp(-(nx * nx * 6 + ny * ny * 3));
                    double ribs = 0.08 * Math.sin(y * 0.045 + 3 * Math.abs(nx));
                    value = (int) (9000 + 30000 * body + 6000 * ribs + rnd.nextGaussian() * 40);
                }
                v[y * cols + x] = Math.max(0, Math.min(65535, value));
            }
        }
        return v;
    }
}
