package org.raylens.inference.explain.metrics;

import org.raylens.core.result.PatchMap;

/**
 * How a map agrees with where the finding is: the pointing game (Zhang et al. 2016: is the map's maximum inside the
 * region? the first maximum in row-major order when several cells tie) and the share of the map's energy inside
 * (Wang et al. 2020, Score-CAM's energy-based pointing game: Σ inside max(v, 0) / Σ max(v, 0); NaN for a map with no
 * positive value).
 */
public record RegionScores(boolean pointingHit, double energyShare, String region) {

    public static RegionScores of(PatchMap map, Region region) {
        if (map.channels() != 1) {
            throw new IllegalArgumentException("the pointing game needs a scalar map, " + map.method() + " has "
                    + map.channels() + " channels");
        }
        boolean[] inside = region.cells(map);
        float[] v = map.values();
        int best = 0;
        double all = 0;
        double in = 0;
        for (int i = 0; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
            double e = Math.max(v[i], 0);
            all += e;
            if (inside[i]) {
                in += e;
            }
        }
        return new RegionScores(inside[best], all > 0 ? in / all : Double.NaN, region.describe());
    }
}
