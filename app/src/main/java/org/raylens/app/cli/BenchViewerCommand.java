package org.raylens.app.cli;

import org.raylens.core.progress.Progress;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.raylens.app.AppDirectories;
import org.raylens.app.analysis.AnalysisService;
import org.raylens.app.analysis.EncoderChoice;
import org.raylens.app.open.StudyInstance;
import org.raylens.app.open.StudyLoader;
import org.raylens.app.open.ViewerWiring;
import org.raylens.inference.encoder.ComputeTarget;
import org.raylens.overlays.layer.HeatmapLayer;
import org.raylens.viewer.dicom.DicomObject;
import org.raylens.viewer.dicom.DicomWriter;
import org.raylens.viewer.dicom.NativePixels;
import org.raylens.viewer.dicom.Tag;
import org.raylens.viewer.dicom.VR;
import org.raylens.viewer.fx.Viewport;
import org.raylens.viewer.fx.ViewportModel;
import org.raylens.viewer.image.DisplayableImage;
import org.raylens.viewer.image.VoiWindow;
import org.raylens.viewer.study.FolderScanner;
import org.raylens.viewer.study.StudyIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code raylens bench viewer}: the window's speed on the 2 500 × 3 000 16-bit synthetic PA. Reports time from JVM
 * start to the first rendered frame of a viewport in a shown window (run it as its own process for a true cold
 * start), open-to-first-pixels (decode + first render), the median window/level redraw and the median redraw of two
 * heatmap layers at the window's size, and, for issue 2, indexing 1 000 small DICOM files with the folder scanner
 * (wall time, heap after GC, peak heap). Needs a display (run under {@code xvfb-run} on a server).
 */
@Command(name = "viewer", mixinStandardHelpOptions = true,
        description = "Time the viewer: cold start, open-to-first-pixels, window/level and overlay redraws, indexing.")
public final class BenchViewerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--runs", defaultValue = "30", description = "redraws per measurement (median reported)")
    int runs;

    @Option(names = "--size", defaultValue = "1280x860", description = "viewport size WIDTHxHEIGHT")
    String size;

    @Option(names = "--index-files", defaultValue = "1000", description = "DICOM files to write and index (0 = skip)")
    int indexFiles;

    @Option(names = "--data-dir", description = "where the sample study is generated (default: the user's data folder)")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        String[] wh = size.toLowerCase().split("x");
        int width = Integer.parseInt(wh[0]);
        int height = Integer.parseInt(wh[1]);
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();

        CountDownLatch started = new CountDownLatch(1);
        boolean startedHere = true;
        try {
            Platform.startup(started::countDown);
            started.await();
        } catch (IllegalStateException alreadyRunning) {
            startedHere = false; // embedded (tests): the toolkit is someone else's, and stays up
        }
        ViewportModel model = new ViewportModel();
        Viewport viewport = new Viewport(model);
        double firstFrameMs = onFx(() -> {
            Stage stage = new Stage();
            stage.setScene(new Scene(viewport, width, height));
            stage.show();
            viewport.applyCss();
            viewport.layout();
            return (double) (System.currentTimeMillis() - jvmStart);
        });
        waitForRender(viewport, 1);
        long firstPulse = System.currentTimeMillis() - jvmStart;
        out.printf("cold start (JVM start -> window shown, first viewport frame): %.0f ms (first pulse %d ms; goal <= 2000)%n",
                firstFrameMs, firstPulse);

        StudyLoader loader = ViewerWiring.studyLoader(dataDir != null ? dataDir : AppDirectories.dataDir());
        List<StudyInstance> sample = loader.load(List.of()).instances();
        StudyInstance pa = sample.get(0);
        long t0 = System.nanoTime();
        DisplayableImage image = loader.open(pa);
        long decoded = System.nanoTime();
        double renderMs = onFx(() -> {
            model.setImage(image);
            viewport.layout();
            return viewport.renderNow();
        });
        long shown = System.nanoTime();
        out.printf("open-to-first-pixels, %s %dx%d: %.0f ms (decode %.0f ms, first render %.1f ms; goal <= 300)%n",
                pa.source().displayName(), image.width(), image.height(), (shown - t0) / 1e6, (decoded - t0) / 1e6,
                renderMs);

        double[] wl = new double[runs];
        onFx(() -> {
            VoiWindow w0 = model.getWindow();
            for (int i = 0; i < runs; i++) {
                model.windowProperty().set(w0.withCenterWidth(w0.center() + (i % 7) * 13, w0.width() * (1 + (i % 5) * 0.05)));
                wl[i] = viewport.renderImageNow();
            }
            return null;
        });
        out.printf("window/level redraw at %dx%d: median %.2f ms (goal <= 16)%n", width, height, median(wl));

        try (AnalysisService service = new AnalysisService()) {
            long a0 = System.nanoTime();
            var result = service.analyse(image, new EncoderChoice.Demo(), ComputeTarget.cpu(), Progress.NONE,
                    () -> false);
            out.printf("demo analysis of the PA (preprocess, forward with attentions, rollout, PCA, scores): %.0f ms%n",
                    (System.nanoTime() - a0) / 1e6);
            HeatmapLayer attention = new HeatmapLayer("attention", result.attention().cls(
                    result.attention().layers() - 1, -1));
            HeatmapLayer rollout = new HeatmapLayer("rollout", result.map("rollout").orElseThrow());
            rollout.setOpacity(0.4);
            double[] ov = new double[runs];
            onFx(() -> {
                viewport.getOverlays().setAll(attention, rollout);
                for (int i = 0; i < runs; i++) {
                    attention.setOpacity(0.3 + (i % 5) * 0.1);
                    ov[i] = viewport.renderOverlaysNow();
                }
                return null;
            });
            out.printf("overlay redraw, two heatmap layers at %dx%d: median %.2f ms (goal <= 16)%n", width, height,
                    median(ov));
        }
        onFx(() -> {
            viewport.getScene().getWindow().hide();
            return null;
        });
        if (startedHere) {
            Platform.exit();
        }
        if (indexFiles > 0) {
            benchIndex(out, indexFiles);
        }
        out.flush();
        return 0;
    }

    /** Issue 2: index time and heap for {@code n} small DICOM files in a temporary folder. */
    static void benchIndex(PrintWriter out, int n) throws Exception {
        Path dir = Files.createTempDirectory("raylens-index-bench");
        try {
            DicomWriter writer = new DicomWriter();
            short[] pixels = new short[32 * 32];
            for (int i = 0; i < n; i++) {
                DicomObject d = new DicomObject();
                d.setString(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.1.1");
                d.setString(Tag.SOPInstanceUID, VR.UI, "2.25." + (1_000_000 + i));
                d.setString(Tag.StudyInstanceUID, VR.UI, "2.25." + (10 + i / 100));
                d.setString(Tag.SeriesInstanceUID, VR.UI, "2.25." + (5000 + i / 10));
                d.setString(Tag.PatientName, VR.PN, "BENCH^" + (i / 100));
                d.setString(Tag.PatientID, VR.LO, "B" + (i / 100));
                d.setString(Tag.Modality, VR.CS, "DX");
                d.setString(Tag.InstanceNumber, VR.IS, String.valueOf(i % 10 + 1));
                d.setInts(Tag.SamplesPerPixel, VR.US, 1);
                d.setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
                d.setInts(Tag.Rows, VR.US, 32);
                d.setInts(Tag.Columns, VR.US, 32);
                d.setInts(Tag.BitsAllocated, VR.US, 16);
                d.setInts(Tag.BitsStored, VR.US, 12);
                d.setInts(Tag.HighBit, VR.US, 11);
                d.setInts(Tag.PixelRepresentation, VR.US, 0);
                writer.write(dir.resolve(String.format("f%04d.dcm", i)), d, NativePixels.ofShorts(pixels));
            }
            System.gc();
            long before = usedHeap();
            List<MemoryPoolMXBean> pools = new ArrayList<>();
            for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
                if (p.getType() == MemoryType.HEAP) {
                    p.resetPeakUsage();
                    pools.add(p);
                }
            }
            long t0 = System.nanoTime();
            StudyIndex index = new FolderScanner().scan(dir);
            double ms = (System.nanoTime() - t0) / 1e6;
            long peak = pools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            System.gc();
            long after = usedHeap();
            out.printf("index %d DICOM files (FolderScanner): %.0f ms; %d instances, %d studies, %d skipped; heap "
                    + "after GC %.1f MB (%.1f MB more than before, index held); peak heap during scan %.1f MB%n",
                    n, ms, index.instanceCount(), index.studyCount(), index.skipped().size(), after / 1048576.0,
                    (after - before) / 1048576.0, peak / 1048576.0);
            if (index.instanceCount() < 0) {
                out.println(index); // keeps the index reachable until measured
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static void waitForRender(Viewport viewport, long count) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (onFx(() -> viewport.renderCountProperty().get()) < count && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
    }

    private static <T> T onFx(Callable<T> work) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(work.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(120, TimeUnit.SECONDS);
    }
}
