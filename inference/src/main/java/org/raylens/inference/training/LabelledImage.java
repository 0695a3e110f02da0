package org.raylens.inference.training;

/**
 * One training image: its file, its patient (null when unknown: then the image is its own group), an explicit split
 * ("train" / "val", or null to split by patient), its target (multi-hot or one-hot; empty for masks) and, for
 * segmentation, its mask file.
 */
public record LabelledImage(java.nio.file.Path image, String patient, String split, float[] target,
                            java.nio.file.Path mask) {
}
