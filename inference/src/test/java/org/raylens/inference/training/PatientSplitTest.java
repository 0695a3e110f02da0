package org.raylens.inference.training;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** No patient on both sides; deterministic by seed; explicit split column honoured. */
class PatientSplitTest {
    private static List<LabelledImage> images(int n, int perPatient, String split) {
        List<LabelledImage> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add(new LabelledImage(Path.of("img" + i + ".png"), perPatient == 0 ? null : "p" + (i / perPatient),
                    split == null ? null : (i % 3 == 0 ? "val" : i % 3 == 1 ? "train" : "test"), new float[]{i % 2}, null));
        }
        return l;
    }

    @Test
    void noPatientLeaksAcrossTheSplit() {
        List<LabelledImage> imgs = images(60, 3, null);
        for (long seed = 0; seed < 20; seed++) {
            int[][] s = PatientSplit.split(imgs, 0.2, seed);
            Set<String> train = new HashSet<>();
            for (int i : s[0]) {
                train.add(imgs.get(i).patient());
            }
            for (int i : s[1]) {
                assertTrue(!train.contains(imgs.get(i).patient()), "patient " + imgs.get(i).patient() + " leaks");
            }
            assertEquals(60, s[0].length + s[1].length);
            assertEquals(12, s[1].length, "20 % of 60 in whole patients of 3");
        }
    }

    @Test
    void sameSeedSameSplitAndOrderDoesNotMatter() {
        List<LabelledImage> imgs = images(40, 2, null);
        int[][] a = PatientSplit.split(imgs, 0.25, 7);
        int[][] b = PatientSplit.split(imgs, 0.25, 7);
        assertArrayEquals(a[1], b[1]);
        int[][] c = PatientSplit.split(imgs, 0.25, 8);
        assertTrue(!Arrays.equals(a[1], c[1]), "another seed, another split");
    }

    @Test
    void imagesWithoutPatientAreTheirOwnGroupAndBothSidesNonEmpty() {
        int[][] s = PatientSplit.split(images(2, 0, null), 0.9, 1);
        assertEquals(1, s[0].length);
        assertEquals(1, s[1].length);
    }

    @Test
    void explicitSplitColumnWinsAndTestIsLeftOut() {
        int[][] s = PatientSplit.split(images(9, 1, "x"), 0.5, 1);
        assertArrayEquals(new int[]{1, 4, 7}, s[0]);
        assertArrayEquals(new int[]{0, 3, 6}, s[1]);
    }
}
