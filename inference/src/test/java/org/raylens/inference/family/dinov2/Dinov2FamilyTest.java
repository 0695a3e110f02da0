package org.raylens.inference.family.dinov2;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.inference.encoder.ComputeTarget;
import org.raylens.inference.encoder.Encoder;
import org.raylens.inference.encoder.EncoderFamily;
import org.raylens.inference.encoder.EncoderSession;
import org.raylens.inference.encoder.Encoders;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.encoder.ForwardOptions;
import org.raylens.inference.weights.SafetensorsException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The DINOv2 family behind the seam: how sure it is of a folder, and the same numbers as the encoder it wraps. */
class Dinov2FamilyTest {
    @TempDir
    Path tmp;

    private final Dinov2Family family = new Dinov2Family();

    @Test
    void aConfigNamingDinov2IsSurerThanWeightNamesAlone() throws Exception {
        Path folder = tmp.resolve("m");
        family.writeRandomFolder(folder, "tiny", 4);
        EncoderFamily.Support withConfig = family.supports(folder);
        assertEquals(Dinov2Family.CONFIG_SAYS_DINOV2, withConfig.score(), withConfig.reason());
        Files.delete(folder.resolve("config.json"));
        EncoderFamily.Support namesOnly = family.supports(folder);
        assertEquals(Dinov2Family.WEIGHT_NAMES_MATCH, namesOnly.score(), namesOnly.reason());
        assertTrue(family.supports(folder.resolve("model.safetensors")).supported(), "a weights file on its own");
        assertEquals(EncoderFamily.Support.CANNOT, family.supports(tmp.resolve("absent")).score());
    }

    @Test
    void truncatedWeightsGiveTheReadersTypedErrorNotANobodySupportsIt() throws Exception {
        Path folder = Files.createDirectory(tmp.resolve("broken"));
        Files.write(folder.resolve("model.safetensors"), new byte[]{1, 2, 3});
        assertThrows(SafetensorsException.Truncated.class, () -> Encoders.builder().folder(folder).build());
    }

    @Test
    void randomWeightsThroughTheSeamGiveTheWrappedEncodersExactNumbers() throws Exception {
        Dinov2Config c = Dinov2Family.architecture("tiny").orElseThrow();
        float[] v = new float[3 * 56 * 42];
        SplittableRandom r = new SplittableRandom(2);
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        FloatTensor x = new FloatTensor(v, new long[]{1, 3, 56, 42});
        try (Encoder seam = Encoders.builder().family("dinov2").architecture("tiny").randomWeights(9).build();
             EncoderSession s = seam.newSession();
             Dinov2Encoder direct = Dinov2Encoder.build(c, ComputeTarget.cpu(), null, new SyntheticWeights(c, 9));
             EncoderPredictor p = direct.newPredictor()) {
            assertEquals(Dinov2Model.describe(c), seam.info().architecture());
            assertArrayEquals(p.forward(x, ForwardOptions.defaults()).lastHiddenState().data(),
                    s.forward(x, ForwardOptions.defaults()).lastHiddenState().data());
        }
    }
}
