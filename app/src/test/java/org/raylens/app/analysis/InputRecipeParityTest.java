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
 * The window (AnalysisService) and the command line (explain) feed the model the same input for the same image and
 * recipe, so their maps are bit-identical; and the recipe is in both provenances. Before, the window rendered the
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

    private float[] cli(Path model, Path image, InputRecipe recipe, String method, Path out) throws Exception {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ExplainCommand());
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        int rc = cli.execute("--model", model.toString(), "--no-sha256", "--threads", "1", "--input-recipe",
                recipe.id(), "--method", method, image.toString(), "--out", out.toString());
        assertEquals(0, rc, err.toString());
        String provenance = Files.readString(out.resolveSibling(out.getFileName() + ".provenance.txt"));
        assertTrue(provenance.contains("input recipe " + recipe.id()), provenance);
        return NpyReader.read(out).data();
    }

    @Test
    void windowAndCommandLineMapsAreBitIdenticalForEachRecipe() throws Exception {
        Path image = chestDicom();
        Path model = tmp.resolve("model");
        SyntheticModelFolder.write(model, SyntheticModelFolder.tinyGeometry(), 21);
        float[] minmaxRollout = null;
        try (AnalysisService service = new AnalysisService(new WeightsIdentity(tmp.resolve("sha.properties")));
                OpenedImage opened = new ImageOpener().open(image)) {
            DisplayableImage frame = opened.frame(0);
            for (InputRecipe recipe : InputRecipe.values()) {
                // the window opens an image at its default window, not inverted by the user
                AnalysisResult window = service.analyse(frame, new InputSettings(recipe, frame.defaultWindow(), false),
                        new EncoderChoice.Imported(model, "tiny"), AdapterSelection.NONE,
                        ComputeTarget.cpu(), Progress.NONE, () -> false);
                PatchMap rollout = window.rollout();
                assertTrue(rollout.provenance().contains("input recipe " + recipe.id()), rollout.provenance());
                assertTrue(window.provenance().contains("input recipe " + recipe.id()), window.provenance());
                assertArrayEquals(rollout.values(), cli(model, image, recipe, "rollout",
                        tmp.resolve(recipe.id() + "-rollout.npy")), recipe.id() + " rollout");
                assertArrayEquals(window.pca().orElseThrow().values(), cli(model, image, recipe, "pca",
                        tmp.resolve(recipe.id() + "-pca.npy")), recipe.id() + " pca");
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
