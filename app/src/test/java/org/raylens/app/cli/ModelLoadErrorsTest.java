package org.raylens.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.io.NpyWriter;

/**
 * Every command that loads a model reports a model that does not load the same way, as the README promises: exit
 * status 2 and one line {@code raylens <command>: <ExceptionType>: <message naming the model>}, whatever is wrong
 * with the folder (missing, a file where a folder belongs, no weights, a folder where the weights belong).
 */
class ModelLoadErrorsTest {
    @TempDir
    Path tmp;

    private Path tensor;
    private Path classes;

    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = RayLensCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    @BeforeEach
    void inputs() throws IOException {
        tensor = tmp.resolve("x.npy");
        NpyWriter.write(tensor, new FloatTensor(new float[3 * 28 * 28], new long[] {1, 3, 28, 28}));
        classes = tmp.resolve("classes");
        for (String label : List.of("a", "b")) {
            Path folder = Files.createDirectories(classes.resolve(label));
            for (int i = 0; i < 2; i++) {
                ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY), "png",
                        folder.resolve(i + ".png").toFile());
            }
        }
    }

    /** Each model command, complete except for the model. */
    private List<String[]> commandsWith(Path model) {
        String m = model.toString();
        String out = tmp.resolve("out").toString();
        List<String[]> commands = new ArrayList<>();
        commands.add(new String[] {"embed", tensor.toString(), "--model", m, "--out", out + ".csv"});
        commands.add(new String[] {"forward", "--model", m, "--input", tensor.toString(), "--out", out});
        commands.add(new String[] {"explain", "--input", tensor.toString(), "--model", m, "--method", "attention",
            "--out", out + ".npy"});
        commands.add(new String[] {"train-adapter", "--model", m, "--folders", classes.toString(), "--out", out,
            "--cache", tmp.resolve("cache").toString(), "--epochs", "1"});
        commands.add(new String[] {"bench", "encoder", "--model", m, "--size", "28", "--runs", "1", "--gemm-size",
            "16"});
        commands.add(new String[] {"bench", "explain", "--model", m, "--size", "28", "--runs", "1"});
        return commands;
    }

    private void assertReported(Path model, String expectedType) {
        for (String[] args : commandsWith(model)) {
            String command = args[0].equals("bench") ? "bench " + args[1] : args[0];
            Run r = run(args);
            String line = r.err().strip();
            assertEquals(CliExitCodes.UNREADABLE, r.code(), command + ": " + r.err());
            assertTrue(Pattern.compile("^raylens " + Pattern.quote(command) + ": " + Pattern.quote(expectedType)
                    + ": .*" + Pattern.quote(model.toString()) + ".*", Pattern.DOTALL).matcher(line).matches(),
                    command + " should name the type and the model: " + line);
            assertFalse(line.contains("::") || line.contains(": :"), "no doubled colons: " + line);
            assertFalse(line.contains("java.") || line.contains("org.raylens"), "no class paths: " + line);
            assertFalse(line.contains("\tat "), "no stack trace: " + line);
            assertEquals("", r.out(), command + " prints nothing on stdout");
        }
    }

    @Test
    void aMissingModelFolder() {
        assertReported(tmp.resolve("models/missing"), "ModelLoadException");
    }

    @Test
    void aTextFileWhereTheModelFolderBelongs() throws IOException {
        Path file = Files.writeString(tmp.resolve("notes.txt"), "hi");
        // no family claims a text file: one typed line naming the file and each family's reason
        assertReported(file, "ModelLoadException");
        assertTrue(run(commandsWith(file).get(0)).err().contains("no encoder family can load this file (dinov2: "),
                "says it is a file and why each family refused it");
    }

    @Test
    void aFolderWithoutWeights() throws IOException {
        assertReported(Files.createDirectories(tmp.resolve("empty")), "ModelLoadException");
    }

    @Test
    void aFolderWhereTheWeightsFileBelongs() throws IOException {
        Path model = Files.createDirectories(tmp.resolve("odd"));
        Files.createDirectories(model.resolve("weights.safetensors"));
        assertReported(model, "ModelLoadException");
    }
}
