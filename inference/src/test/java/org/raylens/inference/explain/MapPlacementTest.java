package org.raylens.inference.explain;

import org.raylens.core.result.MapGeometry;

import org.raylens.core.result.PatchMap;

import org.junit.jupiter.api.Test;
import org.raylens.inference.family.dinov2.SyntheticWeights;
import org.raylens.inference.encoder.ComputeTarget;
import org.raylens.inference.family.dinov2.Dinov2Encoder;
import org.raylens.inference.encoder.EncoderSession;
import org.raylens.inference.family.dinov2.Dinov2Model;
import org.raylens.inference.family.dinov2.Dinov2Config;
import org.raylens.inference.family.dinov2.FeedForwardKind;
import org.raylens.inference.model.PreprocessorConfig;
import org.raylens.inference.preprocess.BitImageProcessor;
import org.raylens.inference.preprocess.GreyImage8;
import org.raylens.inference.preprocess.ModelInput;
import org.raylens.inference.testsupport.SyntheticCheckpoints;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A map placed back on a non-square source lands where the geometry says: a bright square in a 120×80 source goes
 * through the real resize (to 84×56) and centre crop (56×56 at x = 14), a synthetic encoder, and feature PCA; the
 * patches under the square in the source must be the bright ones of the map, the dark surroundings must not be,
 * and a second bright square in the cropped-away band must map to no patch at all.
 */
class MapPlacementTest {
    private static final int W = 120;
    private static final int H = 80;

    private static boolean inSquare(double x, double y, double margin) {
        return x >= 60 + margin && x < 100 - margin && y >= 20 + margin && y < 60 - margin;
    }

    private static GreyImage8 source() {
        byte[] px = new byte[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                boolean decoy = x < 15 && y >= 30 && y < 50; // in the band the centre crop removes
                px[y * W + x] = (byte) (inSquare(x + 0.5, y + 0.5, 0) || decoy ? 230 : 40);
            }
        }
        return new GreyImage8(W, H, px);
    }

    @Test
    void brightSquareStaysUnderTheBrightPartOfTheMap() throws IOException {
        float[] mean = {0.5f, 0.5f, 0.5f};
        float[] std = {0.25f, 0.25f, 0.25f};
        PreprocessorConfig pc = new PreprocessorConfig(true, true, 56, PreprocessorConfig.PIL_BICUBIC, true, 56, 56, true,
                1.0 / 255, true, mean, std);
        ModelInput mi = new BitImageProcessor(pc).process(source(), "synthetic square");
        MapGeometry g = mi.geometry(14);
        assertEquals(new MapGeometry(W, H, 84, 56, 14, 0, 56, 56, 14, 4, 4), g);

        Dinov2Config c = SyntheticCheckpoints.tiny(0, FeedForwardKind.MLP_GELU, true);
        try (Dinov2Encoder enc = Dinov2Encoder.build(c, ComputeTarget.cpu(), null, new SyntheticWeights(c, 8));
             EncoderSession p = Dinov2Model.of(enc).newSession()) {
            PatchMap map = new FeaturePca(ExplainContext.of(Dinov2Model.of(enc), p)).compute(ExplainInput.of(mi, 14), FeaturePca.Threshold.NONE)
                    .components();
            assertEquals(g, map.geometry());
            FeaturePca.Result masked = new FeaturePca(ExplainContext.of(Dinov2Model.of(enc), p)).compute(ExplainInput.of(mi, 14),
                    FeaturePca.Threshold.ZERO);
            float[] mask = masked.foreground().orElseThrow().values();
            float[] second = masked.foregroundComponents().orElseThrow().values();
            float[] rgb = masked.rgb();
            for (int t = 0; t < 16; t++) {
                if (mask[t] == 0) {
                    assertEquals(0f, second[t * 3], "background has no second-pass score");
                    assertEquals(0f, rgb[t * 3 + 1], "background is black");
                }
            }
            // the first component's sign is a convention: orient it by its most extreme patch
            double max = 0;
            double sign = 1;
            for (int r = 0; r < 4; r++) {
                for (int col = 0; col < 4; col++) {
                    if (Math.abs(map.value(r, col)) > max) {
                        max = Math.abs(map.value(r, col));
                        sign = Math.signum(map.value(r, col));
                    }
                }
            }
            int inside = 0;
            int outside = 0;
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    double sx = x + 0.5;
                    double sy = y + 0.5;
                    int[] rc = g.patchAt(sx, sy);
                    if (x < 15 && y >= 30 && y < 50) {
                        assertNull(rc, "the cropped-away decoy at (" + x + ", " + y + ") must not be on the map");
                        continue;
                    }
                    if (rc == null) {
                        continue;
                    }
                    double v = sign * map.value(rc[0], rc[1]);
                    if (inSquare(sx, sy, 3)) {
                        assertTrue(v >= 0.8 * max, "source (" + x + ", " + y + ") in the square → patch " + rc[0] + ","
                                + rc[1] + " has |pc1| " + v + " of max " + max);
                        inside++;
                    } else if (!inSquare(sx, sy, -20)) {
                        // scores are centred: the dark surroundings lie on the other side of the mean
                        assertTrue(v < 0, "source (" + x + ", " + y + ") far from the square → patch " + rc[0]
                                + "," + rc[1] + " has pc1 " + v + " (bright side max " + max + ")");
                        outside++;
                    }
                }
            }
            assertTrue(inside > 800 && outside > 200, inside + " / " + outside);
            // the seen region is the crop, in source pixels: x from 20 to 100, the full height
            double[] seen = g.seenSourceRect();
            assertEquals(20, seen[0], 1e-9);
            assertEquals(100, seen[2], 1e-9);
            assertEquals(0, seen[1], 1e-9);
            assertEquals(80, seen[3], 1e-9);
        }
    }
}
