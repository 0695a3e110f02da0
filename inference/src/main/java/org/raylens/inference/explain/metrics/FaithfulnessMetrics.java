package org.raylens.inference.explain.metrics;

import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;
import org.raylens.core.result.PatchMap;
import org.raylens.inference.encoder.FloatTensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The faithfulness metrics of one scalar map of one image, for any family (they need only plain forwards through an
 * {@link ImageScorer}): deletion and insertion AUC, ROAD, and — given where the finding is — the pointing game and
 * the energy share. All perturbed images of a run are scored in batches with one progress count and one cancel.
 */
public final class FaithfulnessMetrics {

    /**
     * @param steps     deletion/insertion increments
     * @param substrate what deletion fills with and insertion starts from
     * @param fractions ROAD's removal fractions
     * @param roadNoise ROAD's imputation noise (absolute, normalised input units)
     * @param seed      ROAD's noise seed
     * @param batch     images per forward
     */
    public record Options(int steps, Substrate substrate, double[] fractions, double roadNoise, long seed, int batch) {
        public Options {
            fractions = fractions.clone();
        }

        @Override
        public double[] fractions() {
            return fractions.clone();
        }

        /** 20 steps on a blurred substrate (RISE's insertion substrate), ROAD at 10..90 % with the authors' noise. */
        public static Options defaults() {
            return new Options(20, Substrate.blur(5), Road.defaultFractions(), 0.01, 0, 8);
        }

        public String describe() {
            return "steps=" + steps + " substrate=" + substrate.describe() + " ROAD fractions=" + fractions.length
                    + " noise=" + roadNoise + " seed=" + seed;
        }
    }

    /** Every figure, with how it was computed (one line, for provenance). */
    public record Report(DeletionInsertion.Result curves, Road.Result road, Optional<RegionScores> region,
                         String settings) {

        /** (name, value) pairs in a fixed order: what the command line prints and the CSV holds. */
        public List<String[]> rows() {
            List<String[]> r = new ArrayList<>();
            r.add(row("deletion_auc", curves.deletion().auc()));
            r.add(row("insertion_auc", curves.insertion().auc()));
            r.add(row("road_morf", road.morf()));
            r.add(row("road_lerf", road.lerf()));
            r.add(row("road_combined", road.combined()));
            region.ifPresent(g -> {
                r.add(new String[]{"pointing_game", g.pointingHit() ? "1" : "0"});
                r.add(row("energy_share", g.energyShare()));
            });
            return r;
        }

        /** One short line: "del 0.12 · ins 0.85 · ROAD 0.31 · hit · energy 64%". */
        public String caption() {
            String s = String.format(Locale.ROOT, "deletion AUC %.3g · insertion AUC %.3g · ROAD %.3g",
                    curves.deletion().auc(), curves.insertion().auc(), road.combined());
            if (region.isPresent()) {
                s += String.format(Locale.ROOT, " · pointing %s · energy in %.0f%%",
                        region.get().pointingHit() ? "hit" : "miss", 100 * region.get().energyShare());
            }
            return s;
        }

        private static String[] row(String name, double v) {
            return new String[]{name, String.format(Locale.ROOT, "%.6g", v)};
        }
    }

    private final ImageScorer scorer;
    private final Options options;

    public FaithfulnessMetrics(ImageScorer scorer, Options options) {
        this.scorer = scorer;
        this.options = options;
    }

    /** Forwards one {@link #evaluate} runs (what its progress counts). */
    public int forwards() {
        return DeletionInsertion.forwards(options.steps()) + Road.forwards(options.fractions().length);
    }

    /**
     * @param image  (1, C, H, W) the normalised input the map explains
     * @param map    a scalar map placed on that input's grid (patch or pixel cells)
     * @param region where the finding is, or null for no pointing game
     */
    public Report evaluate(FloatTensor image, PatchMap map, Region region, Progress progress, CancellationToken cancel) {
        if (image.rank() != 4 || image.dim(0) != 1) {
            throw new IllegalArgumentException("faithfulness metrics take one (1, C, H, W) image, got " + image);
        }
        CellOrder order = new CellOrder(map, image.dim(3), image.dim(2));
        BatchedScoring scoring = new BatchedScoring(scorer, options.batch(), progress, cancel, forwards());
        DeletionInsertion.Result curves = DeletionInsertion.run(image, order, options.substrate(), options.steps(),
                scoring);
        Road.Result road = Road.run(image, order, options.fractions(), new NoisyLinearImputer(options.roadNoise()),
                options.seed(), scoring);
        Optional<RegionScores> r = region == null ? Optional.empty() : Optional.of(RegionScores.of(map, region));
        String settings = options.describe() + r.map(g -> " region=" + g.region()).orElse("");
        return new Report(curves, road, r, settings);
    }
}
