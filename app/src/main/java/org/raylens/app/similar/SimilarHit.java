package org.raylens.app.similar;

/** One result of a query: its rank (1 = most similar), the image, and the cosine similarity (-1..1) to the query. */
public record SimilarHit(int rank, IndexedImage image, double similarity) {}
