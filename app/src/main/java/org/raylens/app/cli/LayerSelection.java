package org.raylens.app.cli;

import java.util.Set;
import java.util.TreeSet;

/** Parses "all" or a comma-separated list of 0-based layer indices ("0,11"). */
final class LayerSelection {
    private LayerSelection() {
    }

    static Set<Integer> parse(String spec, int numLayers) {
        Set<Integer> out = new TreeSet<>();
        if (spec == null || spec.isBlank()) {
            return out;
        }
        if (spec.trim().equalsIgnoreCase("all")) {
            for (int i = 0; i < numLayers; i++) {
                out.add(i);
            }
            return out;
        }
        for (String part : spec.split(",")) {
            String t = part.trim();
            int v;
            try {
                v = Integer.parseInt(t);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("attention layer '" + t + "' is not a number (use all or e.g. 0,11)");
            }
            if (v < 0) {
                v += numLayers; // -1 = last layer, as Python indexing
            }
            if (v < 0 || v >= numLayers) {
                throw new IllegalArgumentException("attention layer " + t + " is outside 0.." + (numLayers - 1));
            }
            out.add(v);
        }
        return out;
    }
}
