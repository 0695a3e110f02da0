package org.raylens.app.analysis;

/**
 * The family's pooled feature of one image (what {@code raylens embed} writes as a row), with what makes it comparable
 * to others: the weights SHA-256 and the input recipe id it was made with.
 */
public record ImageEmbedding(float[] vector, String weightsSha256, String recipe) {}
