package org.raylens.app;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.io.NpyWriter;

/**
 * Every command, run the way a user runs it: in a fresh JVM, through the jar's main class, without
 * {@code -Dai.djl.offline=true} or any other setting on the command line, and with no display. One child JVM runs
 * them all in turn ({@link GuardedLauncherMain}), cut off the network by {@code unshare -rn} where that works, under
 * a security manager that records (and, without the namespace, refuses) any connection that would leave the machine:
 * DJL's telemetry asks 169.254.169.254 four times unless RayLens turns it off itself.
 * Each command must exit 0, print something sensible on standard output (a command whose output is never flushed
 * prints nothing), keep DJL's GPU-probe warnings off the console, and {@code help <command>} must print that
 * command's usage rather than try to open a window.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // one child JVM for all the checks
class OfflineCommandLineTest {

    private Path tmp;

    /** One command line and what its standard output must show. */
    private record Case(List<String> args, Predicate<String> sensibleOutput, String expectation) {}

    private record Outcome(int status, String out, String err, List<String> connects) {}

    private final List<Case> cases = new ArrayList<>();
    private final List<Outcome> outcomes = new ArrayList<>();
    private List<String> lateConnects = List.of();

    private void add(String expectation, Predicate<String> sensible, String... args) {
        cases.add(new Case(List.of(args), sensible, expectation));
    }

    private static Predicate<String> contains(String... parts) {
        return out -> List.of(parts).stream().allMatch(out::contains);
    }

    @BeforeAll
    void runEveryCommandInAChildJvm(@TempDir Path temporary) throws Exception {
        tmp = temporary;
        Path sample = tmp.resolve("sample");
        Path model = tmp.resolve("model");
        Path tensor = tmp.resolve("x.npy");
        NpyWriter.write(tensor, new FloatTensor(new float[3 * 28 * 28], new long[] {1, 3, 28, 28}));
        Path classes = tmp.resolve("classes");
        for (String label : List.of("clear", "marked")) {
            Path folder = Files.createDirectories(classes.resolve(label));
            for (int i = 0; i < 4; i++) {
                BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
                if (label.equals("marked")) {
                    image.getRaster().setSample(4 + i, 4, 0, 255);
                }
                ImageIO.write(image, "png", folder.resolve(i + ".png").toFile());
            }
        }
        String dicom = sample.resolve("01-PA.dcm").toString();
        add("the usage, listing the model command", contains("Usage: raylens", "\n  model ", "\n  inspect "), "--help");
        add("embed's usage", contains("Usage: raylens embed", "--model"), "help", "embed");
        add("model's usage, naming synthetic", contains("Usage: raylens model", "synthetic"), "help", "model");
        add("the version", contains("RayLens "), "--version");
        add("the sample files", contains(dicom), "sample", "--out", sample.toString());
        add("the header summary", contains("SYNTHETIC"), "inspect", dicom);
        add("the study tree", contains("1 patients", "Patient SYNTHETIC"), "index", sample.toString());
        add("where the model went", contains("wrote a synthetic tiny model"),
                "model", "synthetic", "--out", model.toString());
        add("the Hugging Face cache, read without the network", contains("Hugging Face cache"),
                "model", "list", "--cache", tmp.resolve("hf-hub").toString());
        add("how many images were embedded", contains("embedded 1 new image(s)"), "embed", dicom, "--model",
                model.toString(), "--out", tmp.resolve("e.csv").toString(), "--threads", "1");
        add("what was written", contains("wrote", "grid"), "forward", "--model", model.toString(), "--input",
                tensor.toString(), "--out", tmp.resolve("forward").toString(), "--threads", "1");
        add("the map written", contains("wrote", "attention"), "explain", dicom, "--model", model.toString(),
                "--method", "attention", "--out", tmp.resolve("map.npy").toString(), "--threads", "1");
        add("where the adapter went", contains("adapter written to"), "train-adapter", "--model", model.toString(),
                "--folders", classes.toString(), "--out", tmp.resolve("adapter").toString(), "--cache",
                tmp.resolve("cache").toString(), "--epochs", "2", "--threads", "1");
        add("the timings", contains("ms"), "bench", "encoder", "--model", model.toString(), "--size", "28",
                "--runs", "1", "--gemm-size", "64", "--threads", "1", "--no-sha256");

        Path work = Files.createDirectories(tmp.resolve("child"));
        List<String> lines = cases.stream().map(c -> String.join("\t", c.args())).toList();
        Files.write(work.resolve("commands.txt"), lines);
        List<String> command = new ArrayList<>();
        boolean isolated = networkNamespaceWorks();
        if (isolated) {
            command.addAll(List.of("unshare", "-rn")); // a user and network namespace: no way off the machine
        }
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.security.manager=allow", "-D" + GuardedLauncherMain.REFUSE + "=" + !isolated,
                "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                GuardedLauncherMain.class.getName(), work.toString()));
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        // a user's machine: nothing telling DJL to stay offline, and no display for a window to open on
        for (String name : List.of("DJL_OFFLINE", "OPT_OUT_TRACKING", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS",
                "_JAVA_OPTIONS", "DISPLAY", "WAYLAND_DISPLAY")) {
            env.remove(name);
        }
        env.put("XDG_DATA_HOME", tmp.resolve("data").toString());
        env.put("XDG_CONFIG_HOME", tmp.resolve("config").toString());
        env.put("XDG_CACHE_HOME", tmp.resolve("user-cache").toString());
        env.put("HOME", tmp.resolve("home").toString());
        // the libtorch already extracted for this test run, so the child does not unpack 430 MB again
        env.put("DJL_CACHE_DIR", djlCacheOfThisJvm().toString());
        pb.redirectErrorStream(true).redirectOutput(work.resolve("child.log").toFile());
        Process child = pb.start();
        if (!child.waitFor(420, TimeUnit.SECONDS)) {
            child.destroyForcibly();
            throw new AssertionError("the commands did not finish in 7 minutes: " + read(work.resolve("child.log")));
        }
        assumeFalse(Files.exists(work.resolve("no-guard")), () -> read(work.resolve("no-guard")));
        for (int i = 0; i < cases.size(); i++) {
            Path exit = work.resolve(i + ".exit");
            if (!Files.exists(exit)) {
                throw new AssertionError("command " + i + " never finished; child log: " + read(work.resolve("child.log"))
                        + "\nstderr: " + read(work.resolve(i + ".err")));
            }
            List<String> status = Files.readAllLines(exit);
            outcomes.add(new Outcome(Integer.parseInt(status.get(0)), read(work.resolve(i + ".out")),
                    read(work.resolve(i + ".err")), status.subList(1, status.size())));
        }
        lateConnects = Files.readAllLines(work.resolve("late.connects"));
    }

    /** Whether {@code unshare -rn} (util-linux) can start a process here; containers often forbid it. */
    private static boolean networkNamespaceWorks() {
        try {
            Process p = new ProcessBuilder("unshare", "-rn", "true").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Path djlCacheOfThisJvm() {
        String env = System.getenv("DJL_CACHE_DIR");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String property = System.getProperty("DJL_CACHE_DIR");
        return property != null ? Path.of(property) : Path.of(System.getProperty("user.home"), ".djl.ai");
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private String describe(int i) {
        Outcome o = outcomes.get(i);
        return "raylens " + String.join(" ", cases.get(i).args()) + " (exit " + o.status() + ")\nstdout:\n" + o.out()
                + "\nstderr:\n" + o.err();
    }

    /** One check per command, all reported together: a failure names every command that fails it. */
    private void forEachCommand(Predicate<Integer> applies, java.util.function.IntConsumer check) {
        assertAll(IntStream.range(0, outcomes.size()).filter(applies::test)
                .mapToObj(i -> (Executable) () -> check.accept(i)));
    }

    @Test
    void noCommandTriesToReachTheNetwork() {
        forEachCommand(i -> true, i -> assertEquals(List.of(), outcomes.get(i).connects(),
                "connections attempted by " + describe(i)));
        assertEquals(List.of(), lateConnects, "connections attempted after the last command");
    }

    @Test
    void everyCommandSucceedsAndPrintsWhatItDid() {
        forEachCommand(i -> true, i -> {
            Outcome o = outcomes.get(i);
            assertEquals(0, o.status(), describe(i));
            assertFalse(o.out().isBlank(), "stdout is empty: " + describe(i));
            assertTrue(cases.get(i).sensibleOutput().test(o.out()),
                    "stdout should show " + cases.get(i).expectation() + ": " + describe(i));
        });
    }

    @Test
    void helpForACommandIsTheCommandLineNotTheWindow() {
        forEachCommand(i -> cases.get(i).args().get(0).equals("help"), i -> {
            String err = outcomes.get(i).err();
            assertFalse(err.contains("DISPLAY") || err.contains("javafx"), "tried to open a window: " + describe(i));
        });
    }

    @Test
    void theConsoleCarriesNoGpuProbeWarnings() {
        forEachCommand(i -> true, i -> assertFalse(outcomes.get(i).err().contains("Failed to detect GPU count"),
                describe(i)));
    }
}
