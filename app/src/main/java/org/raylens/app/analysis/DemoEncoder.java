package org.raylens.app.analysis;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.raylens.inference.adapter.Adapter;
import org.raylens.inference.adapter.AdapterInput;
import org.raylens.inference.adapter.AdapterSpec;
import org.raylens.inference.adapter.AdapterTask;
import org.raylens.inference.adapter.AdapterTensors;
import org.raylens.inference.adapter.AdapterType;
import org.raylens.inference.adapter.EncoderIdentity;
import org.raylens.inference.adapter.PreprocessingRecipe;
import org.raylens.inference.encoder.ComputeTarget;
import org.raylens.inference.encoder.Encoder;
import org.raylens.inference.encoder.Encoders;
import org.raylens.inference.model.PreprocessorConfig;

/**
 * The encoder RayLens runs when no model is imported: a small DINOv2 (ViT-S width, 4 blocks, 224 px, 16×16 patches
 * of 14 px) with seeded random weights, built in memory in well under a second, and a linear adapter with a few
 * chest X-ray labels, also random. It exists so a newcomer sees every panel move; it has learnt nothing, and every
 * result it produces is marked {@link #BADGE}.
 */
public final class DemoEncoder {

    /** Shown on screen and burned into every export of a demo result. */
    public static final String BADGE = "DEMO \u2014 random weights, not a trained model";

    public static final String NAME = "Demo encoder (random weights)";

    /** Seed of the weights: the same demo result every run, so screenshots and tests are reproducible. */
    public static final long SEED = 20240518L;

    public static final List<String> LABELS = List.of("Atelectasis", "Cardiomegaly", "Consolidation", "Edema",
            "Pleural effusion", "Pneumothorax");

    private DemoEncoder() {
    }

    /** The encoder family's name for the demo architecture: ViT-S/14 width (384, 6 heads), 4 blocks, native 224 px. */
    public static final String ARCHITECTURE = "vit-s-4-blocks-224";

    /** Width of the demo encoder's tokens (what its random adapters read). */
    public static final int HIDDEN_SIZE = 384;

    /** Patch size and register count of the demo encoder, as its adapters name them. */
    public static final int PATCH_SIZE = 14;
    public static final int REGISTERS = 0;

    /** Resize the short side to 224 and centre-crop 224 × 224, RAD-DINO's mean and std. */
    public static PreprocessorConfig preprocessor() {
        PreprocessorConfig rad = PreprocessorConfig.radDino();
        return new PreprocessorConfig(true, true, 224, PreprocessorConfig.PIL_BICUBIC, true, 224, 224, true,
                1.0 / 255, true, rad.imageMean(), rad.imageStd());
    }

    /** Builds the encoder; the caller closes it. */
    public static Encoder build(ComputeTarget target) throws java.io.IOException {
        return Encoders.builder().family("dinov2").architecture(ARCHITECTURE).randomWeights(SEED).device(target)
                .build();
    }

    /** Label of the demo segmentation head's one output. */
    public static final String MASK_LABEL = "Lung (demo)";

    /**
     * The demo segmentation adapter: a random linear map from each patch token to one "lung" logit (a
     * {@code segmentation-linear} head), so the mask layer has something to show. It has learnt nothing; the caller
     * closes it (its parameters live in libtorch).
     */
    public static Adapter segmentationAdapter() {
        AdapterSpec spec = new AdapterSpec("Demo segmentation (random linear, " + MASK_LABEL + ")",
                AdapterType.SEGMENTATION_LINEAR, AdapterInput.PATCH_TOKENS, AdapterTask.SEGMENTATION,
                List.of(MASK_LABEL), List.of(0.5), 0, 0,
                new EncoderIdentity(NAME, HIDDEN_SIZE, PATCH_SIZE, REGISTERS, EncoderIdentity.NOT_COMPUTED),
                new PreprocessingRecipe(preprocessor(), "full modality range, display polarity"), Optional.empty());
        SplittableRandom r = new SplittableRandom(SEED + 2);
        Map<String, float[]> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : AdapterTensors.expected(spec).entrySet()) {
            long n = 1;
            for (long d : e.getValue()) {
                n *= d;
            }
            float[] v = new float[(int) n];
            boolean bias = e.getValue().length == 1;
            for (int i = 0; i < v.length; i++) {
                v[i] = bias ? 0f : (float) ((r.nextDouble() * 2 - 1) * 0.15);
            }
            tensors.put(e.getKey(), v);
        }
        return Adapter.fromTensors(Path.of("demo-segmentation"), spec, tensors);
    }

    /**
     * The demo classification adapter: one random linear map from the CLS token to {@link #LABELS} with sigmoid
     * outputs and threshold 0.5, an in-memory {@code linear} adapter like {@link #segmentationAdapter()}, so its
     * scores and Grad-CAM go exactly the way a loaded adapter's do. It has learnt nothing; the caller closes it.
     */
    public static Adapter classificationAdapter() {
        int dim = HIDDEN_SIZE;
        SplittableRandom r = new SplittableRandom(SEED + 1);
        float[] w = new float[LABELS.size() * dim];
        float[] b = new float[LABELS.size()];
        for (int k = 0; k < b.length; k++) {
            for (int i = 0; i < dim; i++) {
                w[k * dim + i] = (float) ((r.nextDouble() * 2 - 1) * 0.15);
            }
            b[k] = (float) ((r.nextDouble() * 2 - 1) * 0.5);
        }
        return Adapter.linearProbe()
                .setEncoder(new EncoderIdentity(NAME, dim, PATCH_SIZE, REGISTERS,
                        EncoderIdentity.NOT_COMPUTED))
                .setWeights(w, b)
                .optName("Demo adapter (random linear, " + LABELS.size() + " labels)")
                .optOrigin(Path.of("demo-classification"))
                .optInput(AdapterInput.CLS)
                .optTask(AdapterTask.MULTILABEL)
                .optLabels(LABELS)
                .optThreshold(0.5)
                .optPreprocessing(new PreprocessingRecipe(preprocessor(), "full modality range, display polarity"))
                .build();
    }
}
