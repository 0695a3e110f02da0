package org.raylens.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.explain.Explainers;
import org.raylens.inference.io.NpyReader;
import org.raylens.inference.io.NpyWriter;
import org.raylens.inference.toy.ToyEncoderFamily;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code raylens explain} with the perturbation methods on the toy family, which gives neither attentions nor
 * gradients: occlusion and RISE run there with a linear head; {@code --param} reaches the method, a parameter the
 * method does not take is a usage error; {@code --help} lists every registered method and its parameters.
 */
class PerturbationExplainCliTest {
    @TempDir
    Path tmp;

    private final StringWriter err = new StringWriter();
    private final StringWriter out = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new ExplainCommand());
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(out));
        return cli.execute(args);
    }

    private String[] common(String method, Path map) throws Exception {
        Path model = tmp.resolve("toy");
        ToyEncoderFamily.mark(model);
        SplittableRandom r = new SplittableRandom(4);
        float[] v = new float[3 * 56 * 56];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        Path in = tmp.resolve("in.npy");
        NpyWriter.write(in, new FloatTensor(v, new long[]{1, 3, 56, 56}));
        float[] w = new float[2 * 8];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) r.nextGaussian();
        }
        Path hw = tmp.resolve("w.npy");
        Path hb = tmp.resolve("b.npy");
        NpyWriter.write(hw, new FloatTensor(w, new long[]{2, 8}));
        NpyWriter.write(hb, new FloatTensor(new float[2], new long[]{2}));
        return new String[]{"--model", model.toString(), "--no-sha256", "--threads", "1", "--input", in.toString(),
            "--method", method, "--head-weights", hw.toString(), "--head-bias", hb.toString(), "--class", "1",
            "--out", map.toString()};
    }

    private String[] with(String[] a, String... more) {
        String[] all = java.util.Arrays.copyOf(a, a.length + more.length);
        System.arraycopy(more, 0, all, a.length, more.length);
        return all;
    }

    @Test
    void occlusionAndRiseRunOnAFamilyWithoutGradientsAndTakeTheirParameters() throws Exception {
        Path occ = tmp.resolve("occ.npy");
        assertEquals(0, run(with(common("occlusion", occ), "--param", "window=28", "--param", "stride=14")),
                err.toString());
        FloatTensor m = NpyReader.read(occ);
        assertArrayEquals(new long[]{4, 4}, m.shape(), "gcd(28, 14, 14): the patch grid");
        assertTrue(Files.readString(tmp.resolve("occ.npy.provenance.txt")).contains("stride=14, window=28"));
        Path rise = tmp.resolve("rise.npy");
        assertEquals(0, run(with(common("rise", rise), "--param", "masks=16", "--param", "seed=3")), err.toString());
        assertArrayEquals(new long[]{56, 56}, NpyReader.read(rise).shape(), "one value per pixel the model sees");
    }

    @Test
    void aParameterTheMethodDoesNotTakeIsAUsageError() throws Exception {
        Path map = tmp.resolve("x.npy");
        assertEquals(CliExitCodes.USAGE, run(with(common("occlusion", map), "--param", "windw=28")));
        assertTrue(err.toString().contains("no parameter windw") && err.toString().contains("window"), err.toString());
        assertEquals(CliExitCodes.USAGE, run(with(common("rise", map), "--param", "masks")));
        assertFalse(Files.exists(map));
    }

    @Test
    void helpListsEveryRegisteredMethodAndTheirParameters() {
        assertEquals(0, run("--help"));
        String help = out.toString().replaceAll("\\s+", " ");
        for (String name : Explainers.load().names()) {
            assertTrue(help.contains(name), name + " missing from --help:\n" + help);
        }
        for (String p : new String[]{"occlusion: window=patch", "rise: masks=1000", "eigen_smooth=false", "aug_smooth",
            "ablation=grad-cam"}) {
            assertTrue(help.contains(p), p + " missing from --help:\n" + help);
        }
    }
}
