package org.raylens.inference.training;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Train/validation split by patient: all images of one patient land on the same side, so validation never sees a
 * patient the adapter trained on (images without a patient are their own group). Groups are shuffled with the seed
 * and taken into validation until it holds the requested share of images; the same seed and data give the same split.
 * An explicit split column wins: "train" trains, "val"/"valid"/"validation" validates, anything else ("test") is left
 * out.
 */
public final class PatientSplit {
    private PatientSplit() {
    }

    /** {train indices, validation indices}. */
    public static int[][] split(List<LabelledImage> images, double validationFraction, long seed) {
        boolean explicit = images.stream().anyMatch(i -> i.split() != null);
        if (explicit) {
            List<Integer> train = new ArrayList<>();
            List<Integer> val = new ArrayList<>();
            for (int i = 0; i < images.size(); i++) {
                String s = images.get(i).split() == null ? "" : images.get(i).split();
                switch (s) {
                    case "train", "training" -> train.add(i);
                    case "val", "valid", "validation" -> val.add(i);
                    default -> {
                        // test images and blanks are not used for fitting or model selection
                    }
                }
            }
            return new int[][]{toArray(train), toArray(val)};
        }
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < images.size(); i++) {
            String p = images.get(i).patient();
            groups.computeIfAbsent(p == null ? "\u0000image:" + i : "patient:" + p, k -> new ArrayList<>()).add(i);
        }
        List<String> keys = new ArrayList<>(groups.keySet());
        Collections.sort(keys); // the input order must not matter, only the seed
        Collections.shuffle(keys, new Random(seed));
        int wanted = (int) Math.max(1, Math.round(images.size() * validationFraction));
        List<Integer> train = new ArrayList<>();
        List<Integer> val = new ArrayList<>();
        for (String k : keys) {
            boolean lastGroupLeft = val.isEmpty() ? false : train.isEmpty() && keys.indexOf(k) == keys.size() - 1;
            if (val.size() < wanted && !lastGroupLeft) {
                val.addAll(groups.get(k));
            } else {
                train.addAll(groups.get(k));
            }
        }
        Collections.sort(train);
        Collections.sort(val);
        return new int[][]{toArray(train), toArray(val)};
    }

    private static int[] toArray(List<Integer> l) {
        return l.stream().mapToInt(Integer::intValue).toArray();
    }
}
