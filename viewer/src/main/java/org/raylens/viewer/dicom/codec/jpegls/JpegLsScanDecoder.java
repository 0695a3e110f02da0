package org.raylens.viewer.dicom.codec.jpegls;

import org.raylens.viewer.dicom.PixelDataException;
import org.raylens.viewer.dicom.codec.CodecErrors;

/**
 * Decodes the entropy-coded lines of one JPEG-LS scan (ISO 14495-1 Annex A): context modelling over 365 regular
 * contexts and two run-interruption contexts, median edge prediction with bias correction, limited-length Golomb
 * codes, run mode with the J table, and NEAR &gt; 0 reconstruction with the modular range.
 *
 * <p>Lines are held in int buffers with one guard sample on each side so that the edge rules of §A.2.1 (Ra = Rb and
 * Rc = the previous line's Ra at the left edge, Rd = Rb at the right edge) need no branches in the inner loop.
 * The buffers of a component are laid out as {@code [guard, x0 .. x(w-1), guard]}.
 */
final class JpegLsScanDecoder {

    private static final int CONTEXTS = 365;
    private static final int MIN_C = -128;
    private static final int MAX_C = 127;
    private static final int[] J = {0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 9,
        10, 11, 12, 13, 14, 15};

    private final JpegLsBitReader in;
    private final int maxVal;
    private final int near;
    private final int range;
    private final int qbpp;
    private final int limit;
    private final int reset;
    private final int step;          // 2·NEAR + 1
    private final int fullRange;     // RANGE · (2·NEAR + 1)
    private final byte[] quantize;   // gradient + maxVal → region −4..4
    private final int[] a = new int[CONTEXTS];
    private final int[] b = new int[CONTEXTS];
    private final int[] c = new int[CONTEXTS];
    private final int[] n = new int[CONTEXTS];
    private final int[] runA = new int[2];
    private final int[] runN = new int[2];
    private final int[] runNn = new int[2];
    private int runIndex;

    JpegLsScanDecoder(JpegLsParameters p, JpegLsBitReader in) {
        this.in = in;
        this.maxVal = p.maxVal();
        this.near = p.near();
        this.range = p.range();
        this.qbpp = p.qbpp();
        this.limit = p.limit();
        this.reset = p.reset();
        this.step = 2 * near + 1;
        this.fullRange = range * step;
        this.quantize = new byte[2 * maxVal + 1];
        for (int d = -maxVal; d <= maxVal; d++) {
            quantize[d + maxVal] = (byte) region(d, p.t1(), p.t2(), p.t3());
        }
        resetContexts();
    }

    private int region(int d, int t1, int t2, int t3) {
        if (d <= -t3) {
            return -4;
        } else if (d <= -t2) {
            return -3;
        } else if (d <= -t1) {
            return -2;
        } else if (d < -near) {
            return -1;
        } else if (d <= near) {
            return 0;
        } else if (d < t1) {
            return 1;
        } else if (d < t2) {
            return 2;
        } else if (d < t3) {
            return 3;
        }
        return 4;
    }

    /** Initialises the context variables (§A.2.1), at the start of a scan and after every restart marker. */
    void resetContexts() {
        int initialA = Math.max(2, (range + 32) / 64);
        java.util.Arrays.fill(a, initialA);
        java.util.Arrays.fill(b, 0);
        java.util.Arrays.fill(c, 0);
        java.util.Arrays.fill(n, 1);
        runA[0] = initialA;
        runA[1] = initialA;
        runN[0] = 1;
        runN[1] = 1;
        runNn[0] = 0;
        runNn[1] = 0;
        runIndex = 0;
    }

    int runIndex() {
        return runIndex;
    }

    void setRunIndex(int value) {
        runIndex = value;
    }

    /**
     * Decodes one line of one component (ILV 0 and 1). {@code prev} holds the line above (zeros above the first
     * line), {@code cur} receives the line; both have the guard layout described on the class.
     */
    void decodeLine(int[] prev, int[] cur, int width) throws PixelDataException {
        cur[0] = prev[1];
        prev[width + 1] = prev[width];
        final byte[] q = quantize;
        final int off = maxVal;
        int rb = prev[0];
        int rd = prev[1];
        int x = 0;
        while (x < width) {
            int ra = cur[x];
            int rc = rb;
            rb = rd;
            rd = prev[x + 2];
            int qs = q[rd - rb + off] * 81 + q[rb - rc + off] * 9 + q[rc - ra + off];
            if (qs != 0) {
                cur[x + 1] = decodeRegular(qs, predict(ra, rb, rc));
                x++;
            } else {
                x += decodeRun(prev, cur, x, width, ra);
                if (x < width) {
                    rb = prev[x];
                    rd = prev[x + 1];
                }
            }
        }
    }

    /**
     * Decodes one line of all components in sample-interleaved mode (ILV 2): a pixel enters run mode only when
     * every component's gradients are within NEAR, and run interruption codes every component in context 0.
     */
    void decodeInterleavedLine(int[][] prev, int[][] cur, int width) throws PixelDataException {
        int comps = prev.length;
        int[] qs = new int[comps];
        for (int k = 0; k < comps; k++) {
            cur[k][0] = prev[k][1];
            prev[k][width + 1] = prev[k][width];
        }
        final byte[] q = quantize;
        final int off = maxVal;
        int x = 0;
        while (x < width) {
            boolean flat = true;
            for (int k = 0; k < comps; k++) {
                int[] p = prev[k];
                int ra = cur[k][x];
                int rc = p[x];
                int rb = p[x + 1];
                int rd = p[x + 2];
                qs[k] = q[rd - rb + off] * 81 + q[rb - rc + off] * 9 + q[rc - ra + off];
                flat &= qs[k] == 0;
            }
            if (!flat) {
                for (int k = 0; k < comps; k++) {
                    int[] p = prev[k];
                    cur[k][x + 1] = decodeRegular(qs[k], predict(cur[k][x], p[x + 1], p[x]));
                }
                x++;
            } else {
                x += decodeInterleavedRun(prev, cur, x, width);
            }
        }
    }

    private static int predict(int ra, int rb, int rc) {
        int max = Math.max(ra, rb);
        int min = Math.min(ra, rb);
        if (rc >= max) {
            return min;
        }
        if (rc <= min) {
            return max;
        }
        return ra + rb - rc;
    }

    private int decodeRegular(int qs, int predicted) throws PixelDataException {
        int sign = qs >> 31;
        int ctx = (qs ^ sign) - sign;
        int px = predicted + ((c[ctx] ^ sign) - sign);
        if (px < 0) {
            px = 0;
        } else if (px > maxVal) {
            px = maxVal;
        }
        int ctxA = a[ctx];
        int ctxN = n[ctx];
        int k = 0;
        while ((ctxN << k) < ctxA) {
            k++;
        }
        int mapped = decodeGolomb(k, limit);
        int err = (mapped >>> 1) ^ -(mapped & 1);
        int ctxB = b[ctx];
        if (k == 0 && near == 0 && 2 * ctxB + ctxN - 1 < 0) {
            err = ~err;
        }
        updateRegular(ctx, err, ctxA, ctxB, ctxN);
        return reconstruct(px + ((err ^ sign) - sign) * step);
    }

    private int decodeGolomb(int k, int codeLimit) throws PixelDataException {
        int escape = codeLimit - qbpp - 1;
        int high = in.readUnary(escape);
        int value;
        if (high < escape) {
            value = (high << k) | in.read(k);
        } else {
            value = in.read(qbpp) + 1;
        }
        if (value > 2 * range + 1 || value < 0) {
            throw CodecErrors.corrupt("JPEG-LS prediction error " + value + " is outside the sample range",
                    in.position());
        }
        return value;
    }

    private void updateRegular(int ctx, int err, int ctxA, int ctxB, int ctxN) {
        ctxB += err * step;
        ctxA += Math.abs(err);
        if (ctxN == reset) {
            ctxA >>= 1;
            ctxB >>= 1;
            ctxN >>= 1;
        }
        ctxN++;
        if (ctxB + ctxN <= 0) {
            ctxB += ctxN;
            if (ctxB <= -ctxN) {
                ctxB = -ctxN + 1;
            }
            if (c[ctx] > MIN_C) {
                c[ctx]--;
            }
        } else if (ctxB > 0) {
            ctxB -= ctxN;
            if (ctxB > 0) {
                ctxB = 0;
            }
            if (c[ctx] < MAX_C) {
                c[ctx]++;
            }
        }
        a[ctx] = ctxA;
        b[ctx] = ctxB;
        n[ctx] = ctxN;
    }

    /** Brings a reconstructed value back into [0, MAXVAL] through the modular range, then clamps (§A.4.5). */
    private int reconstruct(int value) {
        if (value < -near) {
            value += fullRange;
        } else if (value > maxVal + near) {
            value -= fullRange;
        }
        if (value < 0) {
            return 0;
        }
        return Math.min(value, maxVal);
    }

    /** Reads a run length (§A.7.1.2); returns how many samples of the line the run covers (may reach the end). */
    private int decodeRunLength(int remaining) throws PixelDataException {
        int count = 0;
        while (in.readBit() == 1) {
            int len = 1 << J[runIndex];
            int take = Math.min(len, remaining - count);
            count += take;
            if (take == len && runIndex < 31) {
                runIndex++;
            }
            if (count == remaining) {
                return count;
            }
        }
        count += in.read(J[runIndex]);
        if (count > remaining) {
            throw CodecErrors.corrupt("JPEG-LS run of " + count + " samples overruns a line of " + remaining
                    + " remaining", in.position());
        }
        return count;
    }

    private int decodeRun(int[] prev, int[] cur, int x, int width, int ra) throws PixelDataException {
        int remaining = width - x;
        int count = decodeRunLength(remaining);
        java.util.Arrays.fill(cur, x + 1, x + 1 + count, ra);
        int end = x + count;
        if (end == width) {
            return count;
        }
        int rb = prev[end + 1];
        int value;
        if (Math.abs(ra - rb) <= near) {
            value = reconstruct(ra + decodeInterruptionError(1) * step);
        } else {
            int err = decodeInterruptionError(0);
            value = reconstruct(rb + (rb >= ra ? err : -err) * step);
        }
        cur[end + 1] = value;
        if (runIndex > 0) {
            runIndex--;
        }
        return count + 1;
    }

    private int decodeInterleavedRun(int[][] prev, int[][] cur, int x, int width) throws PixelDataException {
        int remaining = width - x;
        int count = decodeRunLength(remaining);
        int comps = prev.length;
        for (int k = 0; k < comps; k++) {
            java.util.Arrays.fill(cur[k], x + 1, x + 1 + count, cur[k][x]);
        }
        int end = x + count;
        if (end == width) {
            return count;
        }
        for (int k = 0; k < comps; k++) {
            int ra = cur[k][x];
            int rb = prev[k][end + 1];
            int err = decodeInterruptionError(0);
            cur[k][end + 1] = reconstruct(rb + (rb >= ra ? err : -err) * step);
        }
        if (runIndex > 0) {
            runIndex--;
        }
        return count + 1;
    }

    /** Decodes the error of a run-interruption sample in context {@code type} (§A.7.2). */
    private int decodeInterruptionError(int type) throws PixelDataException {
        int ctxA = runA[type];
        int ctxN = runN[type];
        int temp = ctxA + (ctxN >> 1) * type;
        int k = 0;
        for (int nt = ctxN; nt < temp; nt <<= 1) {
            k++;
        }
        int mapped = decodeGolomb(k, limit - J[runIndex] - 1);
        int t = mapped + type;
        boolean map = (t & 1) != 0;
        int magnitude = (t + (map ? 1 : 0)) >> 1;
        int err = ((k != 0 || 2 * runNn[type] >= ctxN) == map) ? -magnitude : magnitude;
        if (err < 0) {
            runNn[type]++;
        }
        runA[type] += (mapped + 1 - type) >> 1;
        if (ctxN == reset) {
            runA[type] >>= 1;
            runN[type] >>= 1;
            runNn[type] >>= 1;
        }
        runN[type]++;
        return err;
    }
}
