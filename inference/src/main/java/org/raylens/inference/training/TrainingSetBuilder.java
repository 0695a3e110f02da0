package org.raylens.inference.training;

import org.raylens.core.progress.CancellationToken;
import org.raylens.inference.adapter.AdapterTask;
import org.raylens.inference.preprocess.GreyImage8;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a labelled image list into a {@link TrainingSet}: features for every image (cache first), a patient-level
 * split, and for masks the targets on the patch grid and at input resolution. An image that cannot be read is
 * skipped with a note, never fatal; cancellation stops between images.
 */
public final class TrainingSetBuilder {
    private TrainingSetBuilder() {
    }

    /** The set and the notes gathered while building it (skipped images). */
    public record Built(TrainingSet set, List<String> notes) {
    }

    public static Built build(LabelledImages images, FeatureExtractor extractor, boolean needPatches,
                              double validationFraction, long seed, int patchSize, TrainingListener listener,
                              CancellationToken cancel) throws IOException {
        List<LabelledImage> kept = new ArrayList<>();
        List<ImageFeatures> features = new ArrayList<>();
        List<float[]> targets = new ArrayList<>();
        List<byte[]> masks = new ArrayList<>();
        List<String> notes = new ArrayList<>(images.notes());
        boolean seg = images.task() == AdapterTask.SEGMENTATION;
        int done = 0;
        for (LabelledImage li : images.images()) {
            cancel.throwIfCancelled("while computing features");
            listener.report(done, images.images().size(), li.image().getFileName().toString());
            try {
                ImageFeatures f = extractor.features(li.image(), needPatches || seg);
                if (seg) {
                    MaskTargets mt = MaskTargets.of(extractor.decoder().read(li.image()),
                            extractor.decoder().read(li.mask()), extractor.processor(), f.rows(), f.cols(), patchSize);
                    targets.add(mt.grid());
                    masks.add(mt.input());
                } else {
                    targets.add(li.target());
                }
                features.add(f);
                kept.add(li);
            } catch (IOException | RuntimeException e) {
                if (e instanceof java.util.concurrent.CancellationException c) {
                    throw c;
                }
                // one bad image never stops the batch: whatever it threw, it is left out and named
                listener.imageFailed(li.image(), e);
                String why = String.valueOf(e.getMessage());
                String msg = (why.contains(li.image().toString()) ? why : li.image() + ": " + why) + "; skipped";
                notes.add(msg);
                listener.message(msg);
            }
            done++;
            listener.report(done, images.images().size(), li.image().getFileName().toString());
        }
        if (kept.isEmpty()) {
            throw new IOException("no image could be read (" + notes.size() + " skipped)");
        }
        int[][] split = PatientSplit.split(kept, validationFraction, seed);
        TrainingSet set = new TrainingSet(images.task(), images.labels(), features, targets.toArray(new float[0][]),
                seg ? masks.toArray(new byte[0][]) : null, split[0], split[1], patchSize);
        return new Built(set, notes);
    }

    /** A mask prepared like its image: resized and cropped by the processor, then read on the patch grid. */
    record MaskTargets(float[] grid, byte[] input) {
        static MaskTargets of(GreyImage8 image, GreyImage8 mask, org.raylens.inference.preprocess.BitImageProcessor p,
                              int rows, int cols, int patch) {
            if (image.width() != mask.width() || image.height() != mask.height()) {
                throw new IllegalArgumentException("mask is " + mask.width() + "x" + mask.height() + " but the image "
                        + image.width() + "x" + image.height());
            }
            GreyImage8 m = p.resizeAndCrop(mask);
            int h = rows * patch;
            int w = cols * patch;
            if (m.width() < w || m.height() < h) {
                throw new IllegalArgumentException("processed mask smaller than the patch grid");
            }
            byte[] input = new byte[h * w];
            float[] grid = new float[rows * cols];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    boolean in = m.get(x, y) >= 128;
                    input[y * w + x] = (byte) (in ? 1 : 0);
                    if (in) {
                        grid[(y / patch) * cols + x / patch] += 1f / (patch * patch);
                    }
                }
            }
            return new MaskTargets(grid, input);
        }
    }
}
