package org.raylens.app.analysis;

import org.raylens.core.progress.Progress;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.app.cli.ExplainCommand;
import org.raylens.inference.encoder.ComputeTarget;
import org.raylens.core.result.PatchMap;
import org.raylens.inference.io.NpyReader;
import org.raylens.inference.family.dinov2.SyntheticModelFolder;
import org.raylens.inference.weights.WeightsIdentity;
import org.raylens.viewer.image.DisplayableImage;
import org.raylens.viewer.image.ImageOpener;
import org.raylens.viewer.image.OpenedImage;
import picocli.CommandLine;

/**
 * The window (AnalysisService) and the command line (explain) run the same {@link Analysis} pipeline, so for the same
 * image and recipe every explainer's map is bit-identical; and the recipe is in both provenances. Before, the window rendered the
 * image through a full-range VOI window and the command line min–max scaled the modality values, which differ.
 */
class InputRecipeParityTest {
    @TempDir
    Path tmp;

    private static Path chestDicom() {
        String prop = System.getProperty("raylens.shared");
        Path shared = prop != null ? Path.of(prop)
                : Path.of("").toAbsolutePath().getParent().resolve("../shared").normalize();
        // MONOCHROME1, 440 x 440, with a window in the file (C=550 W=1024): both recipes have something to do
        Path f = shared.resolve("data/cxr/dicom/CR-MONO1-10-chest.dcm");
        assumeTrue(Files.isRegularFile(f), "../shared/data is absent; window/CLI input parity test skipped");
        return f;
    }

    private float[] cli(Path model, Path image, InputRecipe recipe, String method, Path out, String... more)
            throws Exception {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ExplainCommand());
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("--model", model.toString(),
                "--threads", "1", "--input-recipe", recipe.id(), "--method", method, image.toString(), "--out",
                out.toString()));
        args.addAll(java.util.List.of(more));
        int rc = cli.execute(args.toArray(String[]::new));
        assertEquals(0, rc, err.toString());
        String provenance = Files.readString(out.resolveSibling(out.getFileName() + ".provenance.txt"));
        assertTrue(provenance.contains("input recipe " + recipe.id()), provenance);
        return NpyReader.read(out).data();
    }

    /** A 3-label linear head on CLS with seeded weights, as an adapter folder trained on {@code model}. */
    private Path adapter(Path model) throws Exception {
        var md = java.security.MessageDigest.getInstance("SHA-256");
        String sha = java.util.HexFormat.of().formatHex(md.digest(Files.readAllBytes(model.resolve("model.safetensors"))));
        int d = SyntheticModelFolder.tinyGeometry().hiddenSize();
        var spec = new org.raylens.inference.adapter.AdapterSpec("parity-head",
                org.raylens.inference.adapter.AdapterType.LINEAR, org.raylens.inference.adapter.AdapterInput.CLS,
                org.raylens.inference.adapter.AdapterTask.MULTILABEL, java.util.List.of("a", "b", "c"),
                java.util.List.of(0.5, 0.5, 0.5), 0, 0,
                new org.raylens.inference.adapter.EncoderIdentity("tiny", d, 14, 0, sha),
                new org.raylens.inference.adapter.PreprocessingRecipe(
                        org.raylens.inference.model.PreprocessorConfig.radDino(), "minmax"), java.util.Optional.empty());
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        float[] w = new float[3 * d];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) r.nextGaussian();
        }
        Path folder = tmp.resolve("adapter");
        org.raylens.inference.adapter.AdapterFolder.write(folder, spec, java.util.Map.of("linear.weight", w,
                "linear.bias", new float[] {0.1f, -0.2f, 0.3f}));
        return folder;
    }

    /**
     * Every explainer's map: those one Analyse runs (attention, rollout, PCA and the toy registered from test
     * resources), click-a-patch, and Grad-CAM of a class, from the window's service and from {@code raylens explain}.
     */
    @Test
    void windowAndCommandLineMapsAreBitIdenticalForEveryExplainerAndRecipe() throws Exception {
        Path image = chestDicom();
        Path model = tmp.resolve("model");
        SyntheticModelFolder.write(model, SyntheticModelFolder.tinyGeometry(), 21);
        Path adapter = adapter(model);
        float[] minmaxRollout = null;
        try (AnalysisService service = new AnalysisService(new WeightsIdentity(tmp.resolve("sha.properties")));
                OpenedImage opened = new ImageOpener().open(image)) {
            DisplayableImage frame = opened.frame(0);
            for (InputRecipe recipe : InputRecipe.values()) {
                // the window opens an image at its default window, not inverted by the user
                AnalysisResult window = service.analyse(frame, new InputSettings(recipe, frame.defaultWindow(), false),
                        new EncoderChoice.Imported(model, "tiny"),
                        new AdapterSelection(java.util.Optional.of(adapter), java.util.Optional.empty()),
                        ComputeTarget.cpu(), Progress.NONE, () -> false);
                assertEquals(service.pipeline().analyseMethods().stream().map(e -> e.name()).toList(),
                        java.util.List.copyOf(window.maps().keySet()), "one Analyse ran every such explainer");
                assertTrue(window.maps().containsKey("toy-norm"), "the test-registered explainer ran in the window");
                PatchMap rollout = window.map("rollout").orElseThrow();
                assertTrue(rollout.provenance().contains("input recipe " + recipe.id()), rollout.provenance());
                assertTrue(window.provenance().contains("input recipe " + recipe.id()), window.provenance());
                for (String method : window.maps().keySet()) {
                    assertArrayEquals(window.map(method).orElseThrow().values(), cli(model, image, recipe, method,
                            tmp.resolve(recipe.id() + "-" + method + ".npy")), recipe.id() + " " + method);
                }
                // the attention layer the window shows first (last layer, mean of heads) is the CLI's too
                int last = window.attention().layers() - 1;
                assertArrayEquals(window.attention().cls(last, AttentionByLayer.MEAN).values(),
                        window.map("attention").orElseThrow().values(), recipe.id() + " attention row");
                // click-a-patch at a source point, and Grad-CAM of class "b" (index 1)
                int[] patch = window.attention().geometry().patchAt(200, 240);
                assertArrayEquals(window.attention().point(patch[0], patch[1], last, AttentionByLayer.MEAN).values(),
                        cli(model, image, recipe, "point", tmp.resolve(recipe.id() + "-point.npy"), "--point",
                                "200,240"), recipe.id() + " point");
                assertArrayEquals(service.gradCam(window, "b").values(), cli(model, image, recipe, "gradcam",
                        tmp.resolve(recipe.id() + "-gradcam.npy"), "--adapter", adapter.toString(), "--class", "1"),
                        recipe.id() + " gradcam");
                if (recipe == InputRecipe.MINMAX) {
                    minmaxRollout = rollout.values();
                } else {
                    assertFalse(java.util.Arrays.equals(minmaxRollout, rollout.values()),
                            "the two recipes feed different inputs, so the check above can tell them apart");
                }
            }
        }
    }

    @Test
    void theDefaultIsMinMaxAndNamesParse() {
        assertEquals(InputRecipe.MINMAX, InputRecipe.DEFAULT);
        assertEquals(InputRecipe.DEFAULT, InputSettings.defaults().recipe());
        assertEquals(InputRecipe.AS_DISPLAYED, InputRecipe.parse("As-Displayed"));
        assertEquals("minmax, as-displayed", InputRecipe.ids());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> InputRecipe.parse("voi"));
    }
}
