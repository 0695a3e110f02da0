package org.raylens.inference.training;

import org.raylens.inference.adapter.AdapterTask;

import java.util.List;

/**
 * A labelled image list ready for feature extraction, with where it came from: a description and the SHA-256 of the
 * label file (or of the sorted file list) for the adapter's provenance, and notes on rows that were skipped.
 */
public record LabelledImages(AdapterTask task, List<String> labels, List<LabelledImage> images, String source,
                             String sourceSha256, List<String> notes) {
    public LabelledImages {
        labels = List.copyOf(labels);
        images = List.copyOf(images);
        notes = List.copyOf(notes);
        if (images.isEmpty()) {
            throw new IllegalArgumentException(source + ": no usable images");
        }
    }
}
