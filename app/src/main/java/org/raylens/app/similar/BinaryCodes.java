package org.raylens.app.similar;

import java.io.IOException;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.hnsw.RandomVectorScorer;

/**
 * One graph's vectors reduced to one bit per (rotated) coordinate, kept in memory to find a query's candidates: the
 * estimator of RaBitQ (Gao &amp; Long, SIGMOD 2024), with a 4-bit query. An estimate costs 48 AND-and-popcount steps
 * for 768-d, where the exact dot product costs 768 multiply-adds, which Java 17 does not vectorise: about 35 ns in a
 * scan against some 600 ns on the benchmark machine. The estimates only need to rank candidates roughly: the candidates are
 * scored again exactly ({@link GraphSearch}), so the answer's similarities are exact.
 *
 * <p>Each vector v becomes r = R(v − c), with c the vectors' mean and R a {@link RandomRotation}; its code is the
 * signs of r, and two numbers correct the estimate: scale = |r|² / Σ|r_i| (the length, over how well the signs align
 * with r) and ⟨v − c, c⟩. The query q is rotated the same way and quantised to 4 bits a coordinate, so that the sum
 * over the code's bits is four AND-and-popcount passes. Then ⟨v, q⟩ ≈ scale·⟨sign(r), R(q − c)⟩ + ⟨v − c, c⟩ + ⟨c, q⟩.
 * A vector's code and its corrections sit side by side in one array ({@code words} longs of signs, then one long
 * holding the scale and its product with the sign count, and one holding ⟨v − c, c⟩), because the graph search visits
 * vectors in no order and each cache line fetched should be used whole: 112 bytes a vector for 768-d.
 */
final class BinaryCodes {
    private static final int QUERY_LEVELS = 15; // 4 bits

    private final int dim;
    private final RandomRotation rotation;
    private final float[] centre;
    private final int words;
    /** Longs per vector: its code, then its corrections. */
    private final int stride;
    private final long[] codes;
    /** Ordinal to document, or null when every document has a vector (the ordinal is the document). */
    private final int[] docs;

    private BinaryCodes(int dim, float[] centre, int count, int[] docs) {
        this.dim = dim;
        this.rotation = new RandomRotation(dim);
        this.centre = centre;
        this.words = rotation.size() / Long.SIZE;
        this.stride = words + 2;
        this.codes = new long[Math.multiplyExact(count, stride)];
        this.docs = docs;
    }

    /** Codes of the vectors in {@code field} of one segment, read twice: once for their mean, once to encode. */
    static BinaryCodes of(LeafReader segment, String field) throws IOException {
        FloatVectorValues values = segment.getFloatVectorValues(field);
        if (values == null) {
            throw new IOException("segment has no vectors in field " + field);
        }
        int dim = values.dimension();
        int count = values.size();
        double[] sum = new double[dim];
        int[] docs = new int[count];
        boolean dense = true;
        int ord = 0;
        for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc()) {
            float[] v = values.vectorValue();
            for (int i = 0; i < dim; i++) {
                sum[i] += v[i];
            }
            dense &= doc == ord;
            docs[ord++] = doc;
        }
        float[] centre = new float[dim];
        for (int i = 0; i < dim; i++) {
            centre[i] = count == 0 ? 0f : (float) (sum[i] / count);
        }
        BinaryCodes codes = new BinaryCodes(dim, centre, count, dense ? null : docs);
        values = segment.getFloatVectorValues(field);
        ord = 0;
        for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc()) {
            codes.encode(ord++, values.vectorValue());
        }
        return codes;
    }

    private void encode(int ord, float[] v) {
        float[] centred = new float[dim];
        double alongCentre = 0;
        for (int i = 0; i < dim; i++) {
            centred[i] = v[i] - centre[i];
            alongCentre += (double) centred[i] * centre[i];
        }
        float[] r = rotation.apply(centred);
        double squared = 0;
        double absSum = 0;
        int base = ord * stride;
        int ones = 0;
        for (int i = 0; i < r.length; i++) {
            squared += (double) r[i] * r[i];
            absSum += Math.abs(r[i]);
            if (r[i] > 0) {
                codes[base + (i >>> 6)] |= 1L << (i & 63);
                ones++;
            }
        }
        // the estimate is scale·⟨sign(r), q'⟩ + ⟨v − c, c⟩ + ⟨c, q⟩, and ⟨sign(r), q'⟩ is
        // step·(2·Σ levels over set bits − Σ levels) + low·(2·ones − size); the two products with scale are kept
        float scale = absSum == 0 ? 0f : (float) (squared / absSum);
        float onesTerm = scale * (2 * ones - r.length);
        codes[base + words] = (long) Float.floatToRawIntBits(scale) << 32
                | (Float.floatToRawIntBits(onesTerm) & 0xffffffffL);
        codes[base + words + 1] = Float.floatToRawIntBits((float) alongCentre);
    }

    int size() {
        return codes.length / stride;
    }

    int ordToDoc(int ord) {
        return docs == null ? ord : docs[ord];
    }

    /** A scorer of this segment's ordinals against {@code query} by the estimate, for the graph search or a scan. */
    RandomVectorScorer estimator(float[] query) {
        Query q = new Query(query);
        return new RandomVectorScorer() {
            @Override
            public float score(int ord) {
                return q.estimate(ord);
            }

            @Override
            public int maxOrd() {
                return size();
            }
        };
    }

    /**
     * The query rotated into the codes' space and cut into the four bit planes of its 4-bit quantisation, the planes
     * of one word side by side.
     */
    private final class Query {
        private final long[] planes = new long[4 * words];
        private final float low;
        private final float twoSteps;
        private final float stepLevels;
        private final float alongCentre;

        Query(float[] query) {
            if (query.length != dim) {
                throw new IllegalArgumentException("expected " + dim + " values, got " + query.length);
            }
            float[] centred = new float[dim];
            double c = 0;
            for (int i = 0; i < dim; i++) {
                centred[i] = query[i] - centre[i];
                c += (double) centre[i] * query[i];
            }
            alongCentre = (float) c;
            float[] r = rotation.apply(centred);
            float min = Float.POSITIVE_INFINITY;
            float max = Float.NEGATIVE_INFINITY;
            for (float x : r) {
                min = Math.min(min, x);
                max = Math.max(max, x);
            }
            float step = max > min ? (max - min) / QUERY_LEVELS : 1f;
            long sum = 0;
            for (int i = 0; i < r.length; i++) {
                int level = Math.min(QUERY_LEVELS, Math.max(0, Math.round((r[i] - min) / step)));
                sum += level;
                for (int plane = 0; plane < 4; plane++) {
                    if ((level >>> plane & 1) != 0) {
                        planes[4 * (i >>> 6) + plane] |= 1L << (i & 63);
                    }
                }
            }
            low = min;
            twoSteps = 2 * step;
            stepLevels = step * sum;
        }

        /** ⟨v, q⟩ estimated from v's code; see the class comment and {@link #encode}. */
        float estimate(int ord) {
            int base = ord * stride;
            long[] c = codes;
            long[] q = planes;
            int ones0 = 0;
            int ones1 = 0;
            int ones2 = 0;
            int ones3 = 0;
            for (int w = 0; w < words; w++) { // one sum per plane: four independent chains
                long b = c[base + w];
                int p = w << 2;
                ones0 += Long.bitCount(b & q[p]);
                ones1 += Long.bitCount(b & q[p + 1]);
                ones2 += Long.bitCount(b & q[p + 2]);
                ones3 += Long.bitCount(b & q[p + 3]);
            }
            // Σ over the code's set bits of the query's levels
            long weighted = ones0 + 2L * ones1 + 4L * ones2 + 8L * ones3;
            long corrections = codes[base + words];
            float scale = Float.intBitsToFloat((int) (corrections >>> 32));
            float onesTerm = Float.intBitsToFloat((int) corrections);
            float offset = Float.intBitsToFloat((int) codes[base + words + 1]);
            return scale * (twoSteps * weighted - stepLevels) + low * onesTerm + offset + alongCentre;
        }
    }
}
