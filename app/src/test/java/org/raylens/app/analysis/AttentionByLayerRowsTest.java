package org.raylens.app.analysis;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.app.FakeImage;
import org.raylens.core.result.MapGeometry;
import org.raylens.inference.encoder.AttentionRows;
import org.raylens.inference.encoder.ComputeTarget;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.encoder.TokenLayout;
import org.raylens.inference.explain.AttentionQuery;
import org.raylens.inference.explain.ForwardTrace;
import org.raylens.inference.explain.TraceNeeds;
import org.raylens.inference.family.dinov2.SyntheticModelFolder;
import org.raylens.inference.weights.WeightsIdentity;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The layer chooser reads CLS maps of layers kept as their CLS row only, bit-identical to the maps of the whole
 * matrix, and says plainly when click-a-patch needs a whole layer that was not kept; an Analyse asks for the CLS row
 * of every layer.
 */
class AttentionByLayerRowsTest {
    @TempDir
    Path dir;

    @Test
    void clsMapsFromRowsEqualThoseFromWholeLayers() {
        TokenLayout layout = new TokenLayout(1, 3, 4, 14, 8);
        int n = layout.numTokens();
        int heads = 3;
        SplittableRandom r = new SplittableRandom(3);
        float[] probs = new float[heads * n * n];
        for (int i = 0; i < probs.length; i++) {
            probs[i] = (float) r.nextDouble();
        }
        FloatTensor whole = new FloatTensor(probs, new long[]{1, heads, n, n});
        MapGeometry g = MapGeometry.identity(56, 42, 14);
        AttentionByLayer full = new AttentionByLayer(layout, g, Map.of(0, whole, 1, whole), 2, "p");
        AttentionByLayer rows = new AttentionByLayer(layout, g, Map.of(1, whole),
                Map.of(0, AttentionRows.of(probs, heads, n, new int[]{0})), 2, "p");
        assertEquals(Set.of(0, 1), rows.keptLayers());
        assertEquals(heads, rows.heads());
        for (int h : new int[]{AttentionByLayer.MEAN, 0, 2}) {
            assertArrayEquals(full.cls(0, h).values(), rows.cls(0, h).values());
            assertArrayEquals(full.point(1, 2, 1, h).values(), rows.point(1, 2, 1, h).values());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> rows.point(1, 2, 0, 0));
        assertTrue(e.getMessage().contains("only its CLS attention"), e.getMessage());
    }

    @Test
    void anAnalyseKeepsTheClsRowOfEveryLayer() throws Exception {
        Path model = dir.resolve("model");
        SyntheticModelFolder.write(model, SyntheticModelFolder.tinyGeometry(), 21);
        List<TraceNeeds> asked = new ArrayList<>();
        try (AnalysisService service = new AnalysisService(new WeightsIdentity(dir.resolve("sha.properties")),
                (ctx, in, needs, p, c) -> {
                    asked.add(needs);
                    return ForwardTrace.record(ctx, in, needs, p, c);
                })) {
            AnalysisResult r = service.analyse(new FakeImage(120, 90, 0), new EncoderChoice.Imported(model, "tiny"),
                    ComputeTarget.cpu(), (d, t, m) -> { }, () -> false);
            int layers = SyntheticModelFolder.tinyGeometry().numLayers();
            Set<Integer> all = IntStream.range(0, layers).boxed().collect(Collectors.toSet());
            assertEquals(all, asked.get(0).rowLayers());
            assertTrue(asked.get(0).rows().contains(AttentionQuery.CLS));
            assertEquals(all, r.attention().keptLayers());
            for (int l : all) {
                assertEquals(r.attention().geometry().rows() * r.attention().geometry().cols(),
                        r.attention().cls(l, AttentionByLayer.MEAN).values().length);
            }
        }
    }
}
