package org.raylens.app.cli;

import org.raylens.app.embed.EmbedInput;
import org.raylens.app.embed.ViewerImageInputReader;

import org.raylens.core.io.AtomicFiles;
import org.raylens.inference.kernel.CpuFeatures;
import org.raylens.inference.bench.ProcessCpu;
import org.raylens.inference.bench.ProcessMemory;
import org.raylens.inference.encoder.ComputeTarget;
import org.raylens.inference.encoder.Encoder;
import org.raylens.inference.encoder.EncoderSession;
import org.raylens.inference.encoder.Encoders;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.encoder.ForwardOptions;
import org.raylens.inference.model.PreprocessorConfig;
import org.raylens.inference.preprocess.BitImageProcessor;
import org.raylens.viewer.source.ImageSource;
import org.raylens.viewer.source.ImageSourceRegistry;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/**
 * {@code raylens bench embed}: folder-embedding throughput of the real {@code raylens embed} pipeline (prefetching
 * reader, encoder, CSV) against 1 / (one forward) measured in the same run, on generated greyscale PNGs in a temporary
 * folder. The model's load time is taken out by running the command on one image and on all of them: throughput =
 * (N − 1) / (T_N − T_1). Also prints the read+preprocess time per image (what the prefetcher hides) and CPU times.
 */
@Command(name = "embed", mixinStandardHelpOptions = true,
        description = "Folder-embedding throughput (images/s) of raylens embed against 1/(one forward), same run.")
public final class BenchEmbedCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--synthetic", description = "rad-dino: a ViT-B/14 at 518 px with seeded random weights (made in"
            + " memory)")
    String synthetic;

    @Option(names = "--model", description = "a model folder instead of --synthetic")
    Path model;

    @Option(names = "--images", defaultValue = "12", description = "images in the generated folder (default 12)")
    int images;

    @Option(names = "--image-size", defaultValue = "1024", description = "width = height of each PNG (default 1024)")
    int imageSize;

    @Option(names = "--batch", defaultValue = "1", description = "images per forward passed to embed (default 1)")
    int batch;

    @Option(names = "--threads", defaultValue = "0", description = "libtorch intra-op threads (0 = every core)")
    int threads;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if ((model == null) == (synthetic == null) || synthetic != null && !synthetic.equalsIgnoreCase("rad-dino")) {
            err.println("error: give exactly one of --model <folder> or --synthetic rad-dino");
            return CliExitCodes.USAGE;
        }
        if (images < 2 || imageSize < 14 || batch < 1) {
            err.println("error: --images must be >= 2, --image-size >= 14, --batch >= 1");
            return CliExitCodes.USAGE;
        }
        Path tmp = Files.createTempDirectory("raylens-bench-embed");
        try {
            org.raylens.inference.encoder.TorchEngine.configure(Math.max(threads, 0));
            // the synthetic encoder is made in memory through the encoder seam, as bench encoder makes it
            EmbedCommand.EncoderLoader loader = () -> model != null
                    ? Encoders.builder().folder(model).device(ComputeTarget.cpu()).build()
                    : Encoders.builder().family("dinov2").architecture("rad-dino").randomWeights(20240518L)
                    .device(ComputeTarget.cpu()).build();
            Path all = Files.createDirectories(tmp.resolve("all"));
            Path one = Files.createDirectories(tmp.resolve("one"));
            log(err, "writing " + images + " PNGs of " + imageSize + " px");
            for (int i = 0; i < images; i++) {
                writePng(all.resolve(String.format(Locale.ROOT, "img%04d.png", i)), imageSize, i);
            }
            AtomicFiles.writeBytes(one.resolve("img0000.png"), Files.readAllBytes(all.resolve("img0000.png")));
            double[] single = singleImage(loader, all.resolve("img0001.png"), err);
            log(err, "embed over 1 image (model load + one image)");
            double[] t1 = embed(loader, one, tmp.resolve("one.csv"), err);
            log(err, "embed over " + images + " images");
            double[] tn = embed(loader, all, tmp.resolve("all.csv"), err);
            double wall = tn[0] - t1[0];
            double cpu = tn[1] - t1[1];
            double perSecond = (images - 1) / wall;
            double bound = 1000 / single[0];
            out.printf(Locale.ROOT, "CPU: %s%n", CpuFeatures.detect().describe());
            out.printf(Locale.ROOT, "one forward (batch 1): median %.0f ms wall, %.0f ms CPU; read + preprocess one %d px"
                    + " PNG: median %.0f ms wall%n", single[0], single[1], imageSize, single[2]);
            out.printf(Locale.ROOT, "folder embedding (raylens embed --batch %d, %d images, load time removed): %.3f"
                    + " images/s = %.2f x 1/(one forward) (%.3f images/s); a sequential read-then-forward would reach"
                    + " %.2f x%n", batch, images, perSecond, perSecond / bound, bound,
                    single[0] / (single[0] + single[2]));
            out.printf(Locale.ROOT, "CPU time per embedded image: %.0f ms (one forward alone: %.0f ms); peak RSS"
                    + " (VmHWM, this process): %.0f MB; OMP_WAIT_POLICY=%s%n", 1000 * cpu / (images - 1), single[1],
                    ProcessMemory.peakRss().orElse(-1) / 1e6,
                    java.util.Objects.requireNonNullElse(System.getenv("OMP_WAIT_POLICY"), "(unset)"));
            out.flush();
            return 0;
        } finally {
            org.raylens.core.io.Folders.deleteTree(tmp);
        }
    }

    /** {median forward wall ms, median forward CPU ms, median read+preprocess wall ms} of one image. */
    private double[] singleImage(EmbedCommand.EncoderLoader loader, Path png, PrintWriter err)
            throws IOException, org.raylens.viewer.source.ImageSourceException {
        ImageSource source = ImageSourceRegistry.fromServiceLoader().open(png.toUri());
        ViewerImageInputReader reader = new ViewerImageInputReader(() -> new InputRecipeOption().recipe());
        try (Encoder e = loader.load();
             EncoderSession s = e.newSession()) {
            BitImageProcessor processor = new BitImageProcessor(e.preprocessor().orElse(PreprocessorConfig.radDino()));
            double[] read = new double[3];
            FloatTensor t = null;
            for (int i = 0; i < read.length; i++) {
                long t0 = System.nanoTime();
                EmbedInput in = reader.read(source);
                t = processor.process(((EmbedInput.Grey) in).image(), png.getFileName().toString()).tensor();
                read[i] = (System.nanoTime() - t0) / 1e6;
            }
            log(err, "warm-up forward");
            s.forward(t, ForwardOptions.defaults());
            double[] wall = new double[3];
            double[] cpu = new double[3];
            for (int i = 0; i < wall.length; i++) {
                long c0 = ProcessCpu.nanos();
                long t0 = System.nanoTime();
                s.forward(t, ForwardOptions.defaults());
                wall[i] = (System.nanoTime() - t0) / 1e6;
                cpu[i] = (ProcessCpu.nanos() - c0) / 1e6;
                log(err, String.format(Locale.ROOT, "forward %d/3: %.0f ms", i + 1, wall[i]));
            }
            return new double[]{median(wall), median(cpu), median(read)};
        }
    }

    /** Runs {@code raylens embed} in this process; returns {wall s, process CPU s}. */
    private double[] embed(EmbedCommand.EncoderLoader loader, Path folder, Path csv, PrintWriter err) {
        CommandLine cli = new CommandLine(new EmbedCommand(List.of(), loader));
        StringWriter sink = new StringWriter();
        cli.setOut(new PrintWriter(sink));
        cli.setErr(new PrintWriter(sink));
        long c0 = ProcessCpu.nanos();
        long t0 = System.nanoTime();
        int rc = cli.execute(folder.toString(), "--batch", Integer.toString(batch), "--out", csv.toString());
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = (ProcessCpu.nanos() - c0) / 1e9;
        if (rc != 0) {
            throw new IllegalStateException("embed failed (exit " + rc + "): " + sink);
        }
        log(err, String.format(Locale.ROOT, "  %.1f s wall, %.1f s CPU", wall, cpu));
        return new double[]{wall, cpu};
    }

    /** A greyscale radiograph-like PNG: smooth anatomy-scale shading plus noise, so decoding does real work. */
    private static void writePng(Path p, int size, int seed) throws IOException {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
        SplittableRandom r = new SplittableRandom(seed);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double v = 128 + 60 * Math.sin(x * 6.0 / size + seed) * Math.cos(y * 4.0 / size) + r.nextInt(24);
                img.getRaster().setSample(x, y, 0, (int) Math.max(0, Math.min(255, v)));
            }
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        ImageIO.write(img, "png", bytes);
        AtomicFiles.writeBytes(p, bytes.toByteArray());
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static void log(PrintWriter err, String msg) {
        err.println("  " + msg);
        err.flush();
    }

}
