package org.raylens.inference.adapter;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a trained adapter came from: the data (a description and the SHA-256 of the label file or file list), when,
 * with which seed, epochs, optimiser, and the validation metrics it reached.
 */
public record TrainingProvenance(String dataSource, String dataSha256, String date, long seed, int epochs,
                                 String optimiser, Map<String, Double> metrics) {
    public TrainingProvenance {
        metrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }
}
