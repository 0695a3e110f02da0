package org.raylens.viewer.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sanity of the synthetic radiograph, measured in fixed regions of the image (fractions of width and height chosen
 * from what any PA chest film shows there), not in the generator's own masks.
 */
class ChestPhantomTest {
    static final ChestPhantom.Spec SMALL = ChestPhantom.Spec.defaults().withSize(500, 600);
    static PhantomImage pa;

    @BeforeAll
    static void generate() {
        pa = ChestPhantom.generate(SMALL);
    }

    /** Mean stored value over a rectangle given as fractions of the image. */
    static double mean(PhantomImage img, double x0, double x1, double y0, double y1) {
        long sum = 0;
        int n = 0;
        for (int r = (int) (y0 * img.rows()); r < (int) (y1 * img.rows()); r++) {
            for (int c = (int) (x0 * img.columns()); c < (int) (x1 * img.columns()); c++) {
                sum += img.value(c, r);
                n++;
            }
        }
        return (double) sum / n;
    }

    @Test
    void sizeSpacingAndBitsAreAsAsked() {
        assertEquals(500, pa.columns());
        assertEquals(600, pa.rows());
        assertEquals(500 * 600, pa.pixels().length);
        assertEquals(0.143 * 5, pa.spacingMm(), 1e-12);
        assertEquals(14, pa.bitsStored());
        assertEquals("MONOCHROME2", pa.photometric());
        PhantomImage full = ChestPhantom.generate(ChestPhantom.Spec.defaults().withSize(250, 300).withBitsStored(12));
        assertEquals(4095, full.maxValue());
        assertTrue(Arrays.stream(toInts(full)).allMatch(v -> v >= 0 && v <= 4095));
    }

    @Test
    void valuesStayInsideBitsStoredAndUseTheRange() {
        int[] v = toInts(pa);
        int min = Arrays.stream(v).min().orElseThrow();
        int max = Arrays.stream(v).max().orElseThrow();
        assertTrue(min >= 0 && max <= pa.maxValue(), min + ".." + max);
        assertTrue(min < 0.1 * pa.maxValue(), "air outside the body is near the bottom: " + min);
        assertTrue(max > 0.6 * pa.maxValue(), "dense anatomy reaches high values: " + max);
        assertTrue(max < pa.maxValue(), "nothing is clipped at the top");
    }

    @Test
    void lungsAreDarkerThanMediastinumAndAbdomenAndAirIsDarkest() {
        double rightLung = mean(pa, 0.22, 0.32, 0.30, 0.50);
        double leftLung = mean(pa, 0.70, 0.78, 0.30, 0.45);
        double mediastinum = mean(pa, 0.47, 0.53, 0.35, 0.55);
        double abdomen = mean(pa, 0.35, 0.65, 0.88, 0.98);
        double air = mean(pa, 0.0, 0.02, 0.4, 0.6);
        assertTrue(rightLung < mediastinum - 0.15 * pa.maxValue(), rightLung + " vs " + mediastinum);
        assertTrue(leftLung < mediastinum - 0.15 * pa.maxValue(), leftLung + " vs " + mediastinum);
        assertTrue(rightLung < abdomen && leftLung < abdomen);
        assertTrue(air < rightLung - 0.1 * pa.maxValue(), "air " + air + " vs lung " + rightLung);
    }

    @Test
    void theHeartLiesToThePatientsLeft() {
        // At heart level, the image-right (patient-left) paracardiac region is denser than the mirror image-left one.
        double patientLeft = mean(pa, 0.60, 0.66, 0.55, 0.62);
        double patientRight = mean(pa, 0.34, 0.40, 0.55, 0.62);
        assertTrue(patientLeft > patientRight + 0.05 * pa.maxValue(), patientLeft + " vs " + patientRight);
    }

    @Test
    void hasQuantumNoise() {
        // Neighbouring pixels in a flat region of lung differ: the image is not a noiseless rendering.
        int differing = 0;
        int r = (int) (0.4 * pa.rows());
        for (int c = (int) (0.25 * pa.columns()); c < (int) (0.30 * pa.columns()); c++) {
            if (pa.value(c, r) != pa.value(c + 1, r)) {
                differing++;
            }
        }
        assertTrue(differing > 10, "differing neighbours: " + differing);
    }

    @Test
    void sameSeedSameImageWhateverTheThreadCountAndOtherSeedsDiffer() throws Exception {
        PhantomImage single = new ForkJoinPool(1).submit(() -> ChestPhantom.generate(SMALL)).get();
        assertArrayEquals(pa.pixels(), single.pixels(), "one thread and many give the same pixels");
        assertEquals(pa.windows(), single.windows());
        PhantomImage other = ChestPhantom.generate(SMALL.withSeed(SMALL.seed() + 1));
        assertFalse(Arrays.equals(pa.pixels(), other.pixels()));
    }

    @Test
    void monochrome1IsTheExactInversionWithMatchingWindows() {
        PhantomImage inverted = ChestPhantom.generate(SMALL.withMonochrome1(true));
        assertEquals("MONOCHROME1", inverted.photometric());
        for (int i = 0; i < pa.pixels().length; i++) {
            assertEquals(pa.maxValue() - (pa.pixels()[i] & 0xFFFF), inverted.pixels()[i] & 0xFFFF, "pixel " + i);
        }
        for (int i = 0; i < pa.windows().size(); i++) {
            assertEquals(pa.maxValue() - pa.windows().get(i).center(), inverted.windows().get(i).center(), 0);
            assertEquals(pa.windows().get(i).width(), inverted.windows().get(i).width(), 0);
        }
    }

    @Test
    void presetsCoverTheChestAndTheLungs() {
        assertEquals(2, pa.windows().size());
        WindowPreset standard = pa.windows().get(0);
        WindowPreset lung = pa.windows().get(1);
        assertEquals("STANDARD CHEST", standard.explanation());
        assertEquals("LUNG DETAIL", lung.explanation());
        assertTrue(lung.width() < standard.width());
        double lungMean = mean(pa, 0.22, 0.32, 0.30, 0.50);
        assertTrue(Math.abs(lungMean - lung.center()) < lung.width() / 2, "lung window is centred on lung");
        double mediastinum = mean(pa, 0.47, 0.53, 0.35, 0.55);
        assertTrue(mediastinum < standard.center() + standard.width() / 2, "standard window reaches mediastinum");
        assertTrue(lungMean > standard.center() - standard.width() / 2, "and the lungs");
    }

    @Test
    void expirationRaisesTheDiaphragm() {
        PhantomImage exp = ChestPhantom.generate(SMALL.withView(ChestPhantom.View.PA_EXPIRATION));
        // Just above the inspiratory right dome, lung on inspiration, liver/diaphragm on expiration.
        double inspiration = mean(pa, 0.22, 0.32, 0.58, 0.62);
        double expiration = mean(exp, 0.22, 0.32, 0.58, 0.62);
        assertTrue(expiration > inspiration + 0.05 * pa.maxValue(), expiration + " vs " + inspiration);
    }

    @Test
    void lateralShowsClearSpacesDenserSpineAndHeartOnTheDiaphragm() {
        PhantomImage lat = ChestPhantom.generate(SMALL.withView(ChestPhantom.View.LATERAL));
        // Columns: anterior wall ~0.22, heart ~0.40, retrocardiac space ~0.55, spine ~0.70 of the width.
        double retrosternal = mean(lat, 0.28, 0.34, 0.22, 0.30);
        double heart = mean(lat, 0.34, 0.44, 0.48, 0.54);
        double retrocardiac = mean(lat, 0.55, 0.60, 0.42, 0.50);
        double abdomen = mean(lat, 0.30, 0.60, 0.85, 0.95);
        double air = mean(lat, 0.0, 0.03, 0.4, 0.6);
        assertTrue(retrosternal < heart - 0.05 * lat.maxValue(), retrosternal + " vs heart " + heart);
        assertTrue(retrocardiac < heart - 0.05 * lat.maxValue(), retrocardiac + " vs heart " + heart);
        assertTrue(heart < abdomen, heart + " vs abdomen " + abdomen);
        assertTrue(air < retrosternal - 0.1 * lat.maxValue(), "air " + air);
        assertFalse(Arrays.equals(pa.pixels(), lat.pixels()));
    }

    @Test
    void badSpecsAreRefused() {
        ChestPhantom.Spec d = ChestPhantom.Spec.defaults();
        assertThrows(IllegalArgumentException.class, () -> new ChestPhantom.Spec(10, 3000, 0.143, 1, 14,
                ChestPhantom.View.PA, false));
        assertThrows(IllegalArgumentException.class, () -> d.withBitsStored(20));
        assertThrows(IllegalArgumentException.class, () -> new ChestPhantom.Spec(2500, 3000, 0, 1, 14,
                ChestPhantom.View.PA, false));
    }

    static int[] toInts(PhantomImage img) {
        int[] out = new int[img.pixels().length];
        for (int i = 0; i < out.length; i++) {
            out[i] = img.pixels()[i] & 0xFFFF;
        }
        return out;
    }
}
