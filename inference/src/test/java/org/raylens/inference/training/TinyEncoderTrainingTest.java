package org.raylens.inference.training;

import org.raylens.core.progress.CancellationToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.inference.adapter.Adapter;
import org.raylens.inference.adapter.AdapterFolder;
import org.raylens.inference.adapter.AdapterInput;
import org.raylens.inference.adapter.AdapterType;
import org.raylens.inference.adapter.EncoderIdentity;
import org.raylens.inference.adapter.PreprocessingRecipe;
import org.raylens.inference.adapter.Scores;
import org.raylens.inference.encoder.ComputeTarget;
import org.raylens.inference.encoder.EncoderOutput;
import org.raylens.inference.encoder.EncoderSession;
import org.raylens.inference.encoder.ForwardOptions;
import org.raylens.inference.encoder.Encoder;
import org.raylens.inference.encoder.Encoders;
import org.raylens.inference.family.dinov2.SyntheticModelFolder;
import org.raylens.inference.preprocess.BitImageProcessor;
import org.raylens.inference.preprocess.GreyImage8;
import org.raylens.inference.weights.WeightsIdentity;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End to end in the inference module: a tiny random encoder folder, synthetic images whose label is "a bright square
 * is present", features through the cache, a trained linear probe that reaches macro AUROC ≥ 0.95, a second run
 * served entirely from the cache, and the written adapter loading back for that encoder with the same scores.
 */
class TinyEncoderTrainingTest {
    @TempDir
    Path tmp;

    /** Test image files: "GREY", int32 width, int32 height, pixels (this module reads no real image formats). */
    static final ImageDecoder RAW = file -> {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file));
        if (b.remaining() < 12 || b.getInt() != 0x47524559) {
            throw new IOException(file + ": not a test image");
        }
        int w = b.getInt();
        int h = b.getInt();
        byte[] px = new byte[w * h];
        b.get(px);
        return new GreyImage8(w, h, px);
    };

    static Path writeRaw(Path file, GreyImage8 img) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(12 + img.pixels().length);
        b.putInt(0x47524559).putInt(img.width()).putInt(img.height()).put(img.pixels());
        Files.write(file, b.array());
        return file;
    }

    /** 70×64 noise, with a bright 20-pixel square at a random place when {@code square}. */
    static GreyImage8 image(SplittableRandom r, boolean square) {
        int w = 70;
        int h = 64;
        byte[] px = new byte[w * h];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) (40 + r.nextInt(40));
        }
        if (square) {
            int x0 = 8 + r.nextInt(w - 36);
            int y0 = 8 + r.nextInt(h - 36);
            for (int y = y0; y < y0 + 20; y++) {
                for (int x = x0; x < x0 + 20; x++) {
                    px[y * w + x] = (byte) 230;
                }
            }
        }
        return new GreyImage8(w, h, px);
    }

    @Test
    void trainsOnATinyEncoderReusesTheCacheAndLoadsBack() throws IOException {
        Path model = tmp.resolve("model");
        SyntheticModelFolder.write(model, SyntheticModelFolder.tinyGeometry(), 42);
        Path images = Files.createDirectories(tmp.resolve("images"));
        SplittableRandom r = new SplittableRandom(9);
        List<LabelledImage> list = new ArrayList<>();
        for (int i = 0; i < 48; i++) {
            boolean sq = i % 2 == 0;
            Path f = writeRaw(images.resolve("img" + i + ".grey"), image(r, sq));
            list.add(new LabelledImage(f, "p" + i / 2, null, new float[]{sq ? 1 : 0}, null));
        }
        LabelledImages data = new LabelledImages(org.raylens.inference.adapter.AdapterTask.MULTILABEL,
                List.of("square"), list, "synthetic squares", "ef".repeat(32), List.of());
        FeatureCache cache = new FeatureCache(tmp.resolve("cache"));
        try (Encoder enc = Encoders.builder().folder(model).device(ComputeTarget.cpu()).identity(new WeightsIdentity(null)).build();
             EncoderSession predictor = enc.newSession()) {
            EncoderIdentity id = EncoderIdentity.of(enc);
            assertTrue(id.hasDigest());
            BitImageProcessor processor = new BitImageProcessor(enc.preprocessor().orElseThrow());
            PreprocessingRecipe recipe = new PreprocessingRecipe(processor.config(), "raw-test");
            TrainingSettings settings = TrainingSettings.defaults(AdapterType.LINEAR).withInput(AdapterInput.CLS_MEAN_PATCH)
                    .withEpochs(60).withBatchSize(16).withLearningRate(3e-2).withPatience(60).withSeed(1);

            FeatureExtractor first = new FeatureExtractor(predictor, enc.target().precision(), processor, RAW, cache, id.weightsSha256(), recipe);
            TrainingSetBuilder.Built built = TrainingSetBuilder.build(data, first, false, 0.25, 1, 14,
                    TrainingListener.NONE, CancellationToken.NONE);
            assertEquals(48, first.encoderForwards());
            AdapterTrainer.Identity identity = new AdapterTrainer.Identity("squares", id, recipe, data.source(),
                    data.sourceSha256());
            AdapterTrainer.Result result = new AdapterTrainer(built.set(), settings, identity)
                    .train(tmp.resolve("adapter"), false, TrainingListener.NONE, CancellationToken.NONE);
            assertTrue(result.report().macroAuroc() >= 0.95, "macro AUROC " + result.report().macroAuroc());

            FeatureExtractor second = new FeatureExtractor(predictor, enc.target().precision(), processor, RAW, cache, id.weightsSha256(), recipe);
            TrainingSetBuilder.Built again = TrainingSetBuilder.build(data, second, false, 0.25, 1, 14,
                    TrainingListener.NONE, CancellationToken.NONE);
            assertEquals(0, second.encoderForwards(), "second run reads every feature from the cache");
            assertEquals(48, second.cacheHits());
            AdapterTrainer.Result retrained = new AdapterTrainer(again.set(), settings, identity)
                    .train(tmp.resolve("adapter2"), false, TrainingListener.NONE, CancellationToken.NONE);
            assertEquals(result.report().macroAuroc(), retrained.report().macroAuroc(), 1e-12,
                    "cached features are the very numbers the first run trained on");

            // a patch-token adapter needs more than the cache holds: those images are recomputed once
            FeatureExtractor third = new FeatureExtractor(predictor, enc.target().precision(), processor, RAW, cache, id.weightsSha256(), recipe);
            third.features(list.get(0).image(), true);
            assertEquals(1, third.encoderForwards());

            Path folder = tmp.resolve("adapter");
            AdapterFolder.write(folder, result.spec(), result.tensors());
            try (Adapter adapter = Adapter.load(folder, id)) {
                GreyImage8 img = RAW.read(list.get(0).image());
                EncoderOutput o = predictor.forward(processor.process(img, "x").tensor(), ForwardOptions.defaults());
                Scores s = adapter.score(o, 0);
                assertEquals("square", s.scores().get(0).label());
                assertTrue(s.provenance().contains(id.weightsSha256()));
            }
        }
    }

    /** 56×56 noise with a bright rectangle on whole patches (r0..r1 × c0..c1 of the 4×4 grid), and its mask. */
    static GreyImage8[] rectangle(SplittableRandom r) {
        int n = 56;
        int r0 = r.nextInt(3);
        int c0 = r.nextInt(3);
        int r1 = r0 + 1 + r.nextInt(4 - r0 - 1) + 1;
        int c1 = c0 + 1 + r.nextInt(4 - c0 - 1) + 1;
        byte[] px = new byte[n * n];
        byte[] mask = new byte[n * n];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                boolean in = y >= r0 * 14 && y < r1 * 14 && x >= c0 * 14 && x < c1 * 14;
                px[y * n + x] = (byte) (in ? 200 + r.nextInt(40) : 30 + r.nextInt(50));
                mask[y * n + x] = (byte) (in ? 255 : 0);
            }
        }
        return new GreyImage8[]{new GreyImage8(n, n, px), new GreyImage8(n, n, mask)};
    }

    @Test
    void segmentationHeadLearnsABrightRegionFromImages() throws IOException {
        Path model = tmp.resolve("model");
        SyntheticModelFolder.write(model, SyntheticModelFolder.tinyGeometry(), 42);
        Path dir = Files.createDirectories(tmp.resolve("seg"));
        SplittableRandom r = new SplittableRandom(12);
        List<LabelledImage> list = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            GreyImage8[] pair = rectangle(r);
            list.add(new LabelledImage(writeRaw(dir.resolve("i" + i + ".grey"), pair[0]), null, null, new float[0],
                    writeRaw(dir.resolve("m" + i + ".grey"), pair[1])));
        }
        LabelledImages data = new LabelledImages(org.raylens.inference.adapter.AdapterTask.SEGMENTATION,
                List.of("region"), list, "synthetic rectangles", "ef".repeat(32), List.of());
        try (Encoder enc = Encoders.builder().folder(model).device(ComputeTarget.cpu()).identity(new WeightsIdentity(null)).build();
             EncoderSession predictor = enc.newSession()) {
            EncoderIdentity id = EncoderIdentity.of(enc);
            BitImageProcessor processor = new BitImageProcessor(enc.preprocessor().orElseThrow());
            PreprocessingRecipe recipe = new PreprocessingRecipe(processor.config(), "raw-test");
            FeatureExtractor fx = new FeatureExtractor(predictor, enc.target().precision(), processor, RAW, new FeatureCache(tmp.resolve("c")),
                    id.weightsSha256(), recipe);
            TrainingSetBuilder.Built built = TrainingSetBuilder.build(data, fx, true, 0.25, 3, 14,
                    TrainingListener.NONE, CancellationToken.NONE);
            TrainingSettings settings = TrainingSettings.defaults(AdapterType.SEGMENTATION_LINEAR).withEpochs(80)
                    .withBatchSize(8).withLearningRate(3e-2).withPatience(80).withSeed(2);
            AdapterTrainer.Result result = new AdapterTrainer(built.set(), settings, new AdapterTrainer.Identity(
                    "regions", id, recipe, data.source(), data.sourceSha256()))
                    .train(tmp.resolve("seg-adapter"), false, TrainingListener.NONE, CancellationToken.NONE);
            assertTrue(result.report().dice() >= 0.9, "Dice " + result.report().dice());
        }
    }
}
