package org.raylens.viewer.dicom.codec;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.raylens.viewer.dicom.TransferSyntax;

/**
 * JPEG 2000 lossless decode of a 2500 × 3000 16-bit radiograph-like frame (made with {@code gdcmconv --j2k}):
 * OpenJPEG through RayLens, jai-imageio through RayLens, and pydicom + GDCM, interleaved round by round so that all
 * three share the same moments of a noisy machine. RayLens times include reading the file's encapsulated frame;
 * pydicom's include dcmread and pixel_array. Every RayLens decode is checked against the original image.
 *
 * <p>Run: {@code java -cp viewer/target/classes:viewer/target/test-classes:<deps>
 * org.raylens.viewer.dicom.codec.Jpeg2000Benchmark [runs] [workdir]} ({@code -Draylens.python=/usr/bin/python3}
 * for the interpreter with Debian's pydicom and GDCM).
 */
public final class Jpeg2000Benchmark {

    private static final int ROWS = 3000;
    private static final int COLUMNS = 2500;

    private Jpeg2000Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("raylens-j2k-bench");
        Files.createDirectories(dir);
        PixelDescription d = new PixelDescription(ROWS, COLUMNS, 1, 1, 16, 16, 15, false, "MONOCHROME2", 0);
        int[] samples = CodecBenchmark.radiographLike(ROWS, COLUMNS);
        Path raw = dir.resolve("native.dcm");
        Path j2k = dir.resolve("j2k.dcm");
        if (!Files.exists(j2k)) {
            TestDicom.writeNative(raw, d, TestDicom.nativeBytes(samples, 16));
            ExternalTools.run("gdcmconv", "--j2k", raw.toString(), j2k.toString());
        }
        Map<String, Jpeg2000Codec> codecs = new LinkedHashMap<>();
        Jpeg2000Codec.withOpenJpeg().ifPresent(c -> codecs.put("RayLens " + c.decoderName(), c));
        codecs.put("RayLens jai-imageio", Jpeg2000Codec.withJaiImageIo());
        System.out.println("OpenJPEG: " + Jpeg2000Codec.openJpegStatus() + "; "
                + Runtime.getRuntime().availableProcessors() + " cores");
        Process python = startPydicom(j2k);
        BufferedReader pyOut = python == null ? null
                : new BufferedReader(new InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8));
        String pyVersion = pyOut == null ? null : pyOut.readLine();
        if (pyVersion == null || !pyVersion.startsWith("pydicom")) {
            python = null; // no interpreter, or pydicom missing: the script died on import
        }
        Writer pyIn = python == null ? null : new OutputStreamWriter(python.getOutputStream(), StandardCharsets.UTF_8);
        Map<String, List<Double>> times = new LinkedHashMap<>();
        for (int r = -2; r < runs; r++) {
            for (Map.Entry<String, Jpeg2000Codec> e : codecs.entrySet()) {
                long t = System.nanoTime();
                byte[] frame = TestDicom.encapsulated(j2k).frame(0, 1);
                int[] v = e.getValue().decode(frame, d, TransferSyntax.JPEG_2000_LOSSLESS);
                double ms = (System.nanoTime() - t) / 1e6;
                if (!Arrays.equals(v, samples)) {
                    throw new IllegalStateException(e.getKey() + " decode differs from the original image");
                }
                if (r >= 0) {
                    times.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(ms);
                }
            }
            if (pyIn != null) {
                pyIn.write("go\n");
                pyIn.flush();
                String line = pyOut.readLine();
                if (line == null) {
                    throw new IllegalStateException("pydicom stopped");
                }
                if (r >= 0) {
                    times.computeIfAbsent(pyVersion + " + GDCM", k -> new ArrayList<>()).add(Double.parseDouble(line));
                }
            }
        }
        if (python != null) {
            pyIn.close();
            python.waitFor();
        } else {
            System.out.println("pydicom reference skipped: " + System.getProperty("raylens.python", "python3")
                    + " could not run it");
        }
        System.out.printf("JPEG 2000 lossless %d×%d 16-bit, %d bytes, %d interleaved rounds%n", COLUMNS, ROWS,
                Files.size(j2k), runs);
        System.out.printf("%-28s %10s %10s %10s%n", "decoder", "median ms", "best ms", "worst ms");
        times.forEach((name, list) -> {
            double[] s = list.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            System.out.printf("%-28s %10.1f %10.1f %10.1f%n", name, s[s.length / 2], s[0], s[s.length - 1]);
        });
    }

    private static Process startPydicom(Path file) throws Exception {
        Path script = Files.createTempFile("pydicom_time_one", ".py");
        try (var in = Jpeg2000Benchmark.class.getResourceAsStream("pydicom_time_one.py")) {
            Files.write(script, in.readAllBytes());
        }
        script.toFile().deleteOnExit();
        String python = System.getProperty("raylens.python", "python3");
        try {
            Process p = new ProcessBuilder(python, script.toString(), file.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.isAlive() && p.exitValue() != 0) {
                return null;
            }
            return p;
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
