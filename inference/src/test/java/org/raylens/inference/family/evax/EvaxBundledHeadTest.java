package org.raylens.inference.family.evax;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;
import org.raylens.inference.adapter.Adapter;
import org.raylens.inference.adapter.AdapterInput;
import org.raylens.inference.encoder.ComputeTarget;
import org.raylens.inference.encoder.Encoder;
import org.raylens.inference.encoder.EncoderOutput;
import org.raylens.inference.encoder.EncoderSession;
import org.raylens.inference.encoder.Encoders;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.encoder.ForwardOptions;
import org.raylens.inference.explain.CamPipeline;
import org.raylens.inference.explain.CamResult;
import org.raylens.inference.explain.CamWeighting;
import org.raylens.inference.explain.ExplainContext;
import org.raylens.inference.explain.ExplainInput;
import org.raylens.inference.explain.OutputTarget;
import org.raylens.inference.io.NpyReader;
import org.raylens.inference.model.ClassifierLabels;
import org.raylens.inference.testsupport.SharedData;
import org.raylens.inference.testsupport.Tolerance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A fine-tuned EVA-X checkpoint's own classification head, offered as an adapter on the pooled feature: against
 * ../shared/golden/evax/evax_tiny (whose checkpoint holds a 14-class head) its logits equal the authors' model's
 * within 1e-4, and Grad-CAM through the ordinary CAM pipeline with it matches pytorch-grad-cam's map (Pearson r ≥
 * 0.999). Its labels follow the file name (CXR14, CheXpert) or a labels.txt beside it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EvaxBundledHeadTest {
    private Path golden;
    private Encoder model;

    @BeforeAll
    void load() throws IOException {
        golden = SharedData.golden().map(g -> g.resolve("evax/evax_tiny")).filter(Files::isDirectory).orElse(null);
        if (golden != null) {
            model = Encoders.builder().folder(golden.resolve("weights/evax_tiny.pth")).device(ComputeTarget.cpu())
                    .build();
        }
    }

    @AfterAll
    void close() {
        if (model != null) {
            model.close();
        }
    }

    private void assumeGolden() {
        assumeTrue(golden != null, "../shared/golden/evax is absent; EVA-X bundled-head tests skipped");
    }

    @ParameterizedTest
    @ValueSource(strings = {"224x224_rand", "224x224_grad", "256x256_rand"})
    void theBundledAdaptersLogitsAreTheAuthorsModelsLogits(String stem) throws IOException {
        assumeGolden();
        FloatTensor input = NpyReader.read(golden.resolve("input_" + stem + ".npy"));
        FloatTensor expected = NpyReader.read(golden.resolve("logits_" + stem + ".npy"));
        try (Adapter a = Adapter.bundled(model).orElseThrow(); EncoderSession s = model.newSession()) {
            assertEquals(AdapterInput.POOLED, a.spec().input());
            EncoderOutput out = s.forward(input, ForwardOptions.defaults());
            float[] logits = a.logits(out, 0);
            Tolerance.assertClose(stem + " bundled logits", expected.shape(), expected.data(), expected.shape(), logits,
                    1e-4);
            System.out.printf("EVA-X bundled head %s logits max|d| = %.3g%n", stem,
                    Tolerance.maxAbsDiff(expected.data(), logits));
            assertEquals(14, a.spec().outputs());
            assertEquals("class 0", a.spec().labels().get(0), "evax_tiny.pth names no dataset");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"rand", "grad"})
    void gradCamWithTheBundledHeadMatchesPytorchGradCam(String kind) throws IOException {
        assumeGolden();
        String stem = "224x224_" + kind;
        FloatTensor input = NpyReader.read(golden.resolve("input_" + stem + ".npy"));
        float[] reference = NpyReader.read(golden.resolve("gradcam_cam_" + stem + ".npy")).data();
        float target = NpyReader.read(golden.resolve("gradcam_target_" + stem + ".npy")).data()[0];
        try (Adapter a = Adapter.bundled(model).orElseThrow(); EncoderSession s = model.newSession()) {
            CamPipeline cam = new CamPipeline(ExplainContext.of(model, s), "norm1", CamWeighting.GRAD_CAM);
            CamResult result = cam.run(ExplainInput.ofTensor(input, 16, "golden " + stem), a.head(),
                    OutputTarget.output(0, a.spec().labels().get(0)), Progress.NONE, CancellationToken.NONE);
            assertEquals(target, result.score(), 1e-4, "the differentiated logit");
            double r = pearson(reference, result.cam());
            System.out.printf("EVA-X bundled head Grad-CAM %s Pearson r = %.6f%n", stem, r);
            assertTrue(r >= 0.999, "Grad-CAM Pearson r = " + r);
        }
    }

    @Test
    void labelsFollowTheFileNameOrALabelsFileBesideIt(@TempDir Path tmp) throws IOException {
        assumeGolden();
        Path cxr14 = Files.createDirectories(tmp.resolve("cxr14"));
        Path ft = Files.createSymbolicLink(cxr14.resolve("eva_x_tiny_patch16_cxr14_ft.pth"),
                golden.resolve("weights/evax_tiny.pth"));
        try (Encoder e = Encoders.builder().folder(ft).build()) {
            assertEquals(ClassifierLabels.CXR14, e.bundledHead().orElseThrow().labels());
            assertTrue(String.join("; ", e.provenance().notes()).contains("ChestX-ray14"));
        }
        Path own = Files.createDirectories(tmp.resolve("own"));
        Path pth = Files.createSymbolicLink(own.resolve("my_chexpert_ft.pth"), golden.resolve("weights/evax_tiny.pth"));
        try (Encoder e = Encoders.builder().folder(pth).build()) {
            assertEquals(ClassifierLabels.CHEXPERT_OBSERVATIONS, e.bundledHead().orElseThrow().labels(),
                    "a 14-row CheXpert head names the 14 observations");
        }
        StringBuilder names = new StringBuilder("# my labels\n");
        for (int i = 0; i < 14; i++) {
            names.append("finding ").append(i).append('\n');
        }
        Files.writeString(own.resolve("labels.txt"), names);
        try (Encoder e = Encoders.builder().folder(pth).build(); Adapter a = Adapter.bundled(e).orElseThrow()) {
            assertEquals("finding 13", a.spec().labels().get(13), "labels.txt wins over the file name");
        }
    }

    @Test
    void anEncoderWithoutAHeadBringsNoAdapter() throws IOException {
        try (Encoder e = new EvaxFamily().randomWeights("evax-tiny", 3, ComputeTarget.cpu())) {
            assertTrue(Adapter.bundled(e).isEmpty());
        }
    }

    private static double pearson(float[] x, float[] y) {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= x.length;
        my /= y.length;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }
}
