package org.raylens.app.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.app.FakeImage;
import org.raylens.app.analysis.AnalysisModel;
import org.raylens.app.analysis.AnalysisResult;
import org.raylens.app.analysis.AnalysisService;
import org.raylens.app.analysis.EncoderChoice;
import org.raylens.app.analysis.AdapterScores;
import org.raylens.app.layers.LayerKind;
import org.raylens.app.layers.LayersModel;
import org.raylens.app.prefs.Preferences;
import org.raylens.app.scores.ScoresModel;
import org.raylens.app.task.SameThreadRunner;
import org.raylens.inference.adapter.AdapterFolder;
import org.raylens.inference.adapter.AdapterInput;
import org.raylens.inference.adapter.AdapterSpec;
import org.raylens.inference.adapter.AdapterTask;
import org.raylens.inference.adapter.AdapterTensors;
import org.raylens.inference.adapter.AdapterType;
import org.raylens.inference.adapter.EncoderIdentity;
import org.raylens.inference.adapter.EncoderMismatchException;
import org.raylens.inference.adapter.PreprocessingRecipe;
import org.raylens.inference.encoder.ComputeTarget;
import org.raylens.inference.family.dinov2.Dinov2Config;
import org.raylens.inference.model.PreprocessorConfig;
import org.raylens.inference.family.dinov2.SyntheticModelFolder;
import org.raylens.inference.weights.WeightsIdentity;

/**
 * Adapter folders through the models panel's view-model and the analysis, with a real tiny encoder folder
 * (inference's SyntheticModelFolder) and adapter folders written in the adapter format: a wrong-encoder adapter is
 * refused with its typed error and changes nothing; a right one drives the scores, Grad-CAM's class and the mask.
 */
class AdaptersModelTest {

    @TempDir
    static Path dir;

    private static AnalysisService service;
    private static Path model;
    private static String modelSha;
    private static final Dinov2Config GEOMETRY = SyntheticModelFolder.tinyGeometry();

    @BeforeAll
    static void writeModel() throws IOException {
        model = dir.resolve("tiny-model");
        SyntheticModelFolder.write(model, GEOMETRY, 11);
        WeightsIdentity cache = new WeightsIdentity(dir.resolve("sha.properties"));
        modelSha = ModelValidator.encoderLoader(cache).validate(model).weightsSha256;
        service = new AnalysisService(cache);
    }

    @AfterAll
    static void close() {
        service.close();
    }

    /** An adapter folder for an encoder with {@code sha}, random parameters (seeded). */
    static Path writeAdapter(String name, AdapterType type, AdapterInput input, List<String> labels,
            List<Double> thresholds, String sha) throws IOException {
        AdapterTask task = type.isSegmentation() ? AdapterTask.SEGMENTATION : AdapterTask.MULTILABEL;
        AdapterSpec spec = new AdapterSpec(name, type, input, task, labels, thresholds, 0, 0,
                new EncoderIdentity("tiny ViT", GEOMETRY.hiddenSize(), GEOMETRY.patchSize(),
                        GEOMETRY.numRegisterTokens(), sha),
                new PreprocessingRecipe(PreprocessorConfig.radDino(), "minmax"), Optional.empty());
        SplittableRandom r = new SplittableRandom(name.hashCode());
        Map<String, float[]> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : AdapterTensors.expected(spec).entrySet()) {
            long n = Arrays.stream(e.getValue()).reduce(1, (a, b) -> a * b);
            float[] v = new float[(int) n];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (r.nextDouble() * 2 - 1);
            }
            tensors.put(e.getKey(), v);
        }
        Path folder = dir.resolve(name);
        AdapterFolder.write(folder, spec, tensors);
        return folder;
    }

    private record Rig(Preferences prefs, AdaptersModel adapters, AnalysisModel analysis, ScoresModel scores,
            LayersModel layers) {
    }

    private static Rig rig() {
        Preferences prefs = new Preferences();
        ObjectProperty<EncoderChoice> encoder = new SimpleObjectProperty<>(new EncoderChoice.Imported(model, "tiny"));
        ComputeTarget cpu = ComputeTarget.cpu();
        AdaptersModel adapters = new AdaptersModel(prefs, () -> { }, new SameThreadRunner(), service::checkAdapter,
                encoder, () -> cpu);
        AnalysisModel analysis = new AnalysisModel(service, new SameThreadRunner());
        analysis.targetProperty().set(cpu);
        analysis.encoderProperty().bind(encoder);
        analysis.adaptersProperty().bind(adapters.selectionProperty());
        ScoresModel scores = new ScoresModel(analysis);
        analysis.gradCamLabelProperty().bind(scores.selectedLabelProperty());
        LayersModel layers = new LayersModel(analysis, "viridis", 0.5);
        return new Rig(prefs, adapters, analysis, scores, layers);
    }

    @Test
    void anAdapterTrainedForAnotherEncoderIsRefusedAndChangesNothing() throws IOException {
        Path foreign = writeAdapter("foreign-probe", AdapterType.LINEAR, AdapterInput.CLS, List.of("a", "b"),
                List.of(0.5, 0.5), "ab".repeat(32));
        Rig rig = rig();
        rig.adapters().importFolder(foreign);
        assertInstanceOf(EncoderMismatchException.class, rig.adapters().failureProperty().get());
        String message = rig.adapters().messageProperty().get();
        assertTrue(message.contains("weights SHA-256 differs"), message);
        assertTrue(rig.adapters().adapters().isEmpty());
        assertTrue(rig.prefs().adapters.isEmpty(), "nothing remembered");
        assertNull(rig.adapters().classificationProperty().get());
        assertEquals(Optional.empty(), rig.adapters().selectionProperty().get().classification());
    }

    @Test
    void anAdapterForTheEncoderDrivesScoresGradCamAndTheMask() throws IOException {
        Path probe = writeAdapter("effusion-probe", AdapterType.LINEAR, AdapterInput.CLS_MEAN_PATCH,
                List.of("Effusion", "Nodule", "Pneumothorax"), List.of(0.3, 0.7, 0.5), modelSha);
        Path seg = writeAdapter("lung-seg", AdapterType.SEGMENTATION_LINEAR, AdapterInput.PATCH_TOKENS,
                List.of("Lung"), List.of(0.4), modelSha);
        Rig rig = rig();
        rig.adapters().importFolder(probe);
        assertNull(rig.adapters().failureProperty().get(), rig.adapters().messageProperty().get());
        rig.adapters().importFolder(seg);
        assertEquals(2, rig.prefs().adapters.size(), "both remembered with their folders");
        assertEquals(probe.toString(), rig.prefs().activeClassificationAdapter);
        assertEquals(seg.toString(), rig.prefs().activeSegmentationAdapter);
        assertTrue(rig.prefs().adapters.get(1).segmentation);

        rig.analysis().imageProperty().set(new FakeImage(120, 90, 0));
        rig.analysis().run();
        AnalysisResult r = rig.analysis().getResult();
        assertNotNull(r, rig.analysis().messageProperty().get());
        assertTrue(r.demo(), "the encoder folder is a SyntheticModelFolder: random weights, marked as such");
        AdapterScores scores = r.scores().orElseThrow();
        assertEquals("effusion-probe", scores.adapter());
        assertEquals(List.of(0.3, 0.7, 0.5), scores.entries().stream().map(AdapterScores.Entry::threshold).toList(),
                "thresholds from adapter.json");
        List<AdapterScores.Entry> sorted = rig.scores().sortedProperty().get();
        assertEquals(3, sorted.size());
        for (int i = 1; i < sorted.size(); i++) {
            assertTrue(sorted.get(i - 1).probability() >= sorted.get(i).probability(), "sorted, highest first");
        }
        assertTrue(r.provenance().contains("effusion-probe") && r.provenance().contains("lung-seg"),
                r.provenance());

        // Grad-CAM explains the class picked in the scores panel, through the adapter's own head.
        assertEquals(sorted.get(0).label(), rig.analysis().gradCamLabelProperty().get());
        float[] first = rig.analysis().gradCamMapProperty().get().values().clone();
        String other = sorted.get(2).label();
        rig.scores().pick(other);
        assertTrue(rig.layers().row(LayerKind.GRADCAM).titleProperty().get().endsWith(other));
        assertFalse(Arrays.equals(first, rig.analysis().gradCamMapProperty().get().values()),
                "another class, another Grad-CAM");

        // The segmentation adapter's source-size mask reaches the mask row, with the adapter's threshold.
        var mask = rig.layers().row(LayerKind.MASK).getMask();
        assertNotNull(mask);
        assertEquals("Lung", mask.label());
        assertEquals(120, mask.width());
        assertEquals(90, mask.height());
        assertTrue(Float.isNaN(mask.at(0, 45)), "cropped-away columns are not seen");
        assertFalse(Float.isNaN(mask.at(60, 45)));
        assertEquals(0.4, rig.layers().row(LayerKind.MASK).thresholdProperty().get(), 1e-9);
        assertFalse(rig.layers().row(LayerKind.MASK).visibleProperty().get(),
                "over a random encoder the mask is offered, not switched on");

        // Choosing no adapter with an imported encoder: no scores, no mask.
        rig.adapters().classificationProperty().set(null);
        rig.adapters().segmentationProperty().set(null);
        rig.analysis().run();
        assertTrue(rig.analysis().getResult().scores().isEmpty());
        assertTrue(rig.analysis().getResult().mask().isEmpty());
        assertNull(rig.layers().row(LayerKind.MASK).getMask());
    }

    @Test
    void rememberedAdaptersComeBackAndAnotherEncoderDropsThem() throws IOException {
        Path probe = writeAdapter("remembered-probe", AdapterType.LINEAR, AdapterInput.CLS, List.of("x", "y"),
                List.of(0.5, 0.5), modelSha);
        Rig first = rig();
        first.adapters().importFolder(probe);
        Preferences prefs = first.prefs();
        ObjectProperty<EncoderChoice> encoder = new SimpleObjectProperty<>(new EncoderChoice.Imported(model, "tiny"));
        AdaptersModel again = new AdaptersModel(prefs, () -> { }, new SameThreadRunner(), service::checkAdapter,
                encoder, ComputeTarget::cpu);
        assertEquals(1, again.adapters().size());
        assertEquals(probe.toString(), again.classificationProperty().get().folder);
        assertTrue(again.fitsActiveEncoder(again.adapters().get(0)));
        encoder.set(new EncoderChoice.Demo());
        assertNull(again.classificationProperty().get(), "an adapter checked for another encoder is not kept active");
        assertFalse(again.fitsActiveEncoder(again.adapters().get(0)));
        assertEquals(1, again.adapters().size(), "still listed");
    }
}
