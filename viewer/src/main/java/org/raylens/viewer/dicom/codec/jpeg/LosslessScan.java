package org.raylens.viewer.dicom.codec.jpeg;

import org.raylens.viewer.dicom.PixelDataException;

/**
 * Decodes the samples of one lossless JPEG scan into the frame's pixel-interleaved output (Annex H.1–H.2). A
 * restart interval counts MCUs (one sample of every scan component) and restarts prediction as at the top of the
 * image.
 */
final class LosslessScan {

    private final FastBitReader in;
    private final FastHuffman[] tables;
    private final int[] components;
    private final int stride;
    private final int rows;
    private final int columns;
    private final int predictor;
    private final int pointTransform;
    private final int initial;
    private final int restartInterval;
    private final int[] out;

    LosslessScan(FastBitReader in, FastHuffman[] tables, int[] components, int frameComponents, int rows,
            int columns, int precision, int predictor, int pointTransform, int restartInterval, int[] out) {
        this.in = in;
        this.tables = tables;
        this.components = components;
        this.stride = frameComponents;
        this.rows = rows;
        this.columns = columns;
        this.predictor = predictor;
        this.pointTransform = pointTransform;
        this.initial = 1 << (precision - pointTransform - 1);
        this.restartInterval = restartInterval;
        this.out = out;
    }

    private int difference(FastHuffman table) throws PixelDataException {
        int s = table.decode(in);
        if (s == 0) {
            return 0;
        }
        if (s == 16) {
            return 32768;
        }
        if (s > 16) {
            throw org.raylens.viewer.dicom.codec.CodecErrors.corrupt("lossless JPEG difference category " + s
                    + " is above 16", in.position());
        }
        int v = in.bits(s);
        return v < (1 << (s - 1)) ? v - (1 << s) + 1 : v;
    }

    void decode() throws PixelDataException {
        int ns = components.length;
        int mcusLeft = restartInterval;
        boolean firstLine = true; // first line of the image or of a restart interval: predict from the left
        boolean freshStart = true; // first sample after the start or a restart: predict 2^(P−Pt−1)
        int[] v = out;
        int w = columns;
        int lineStride = w * stride;
        for (int y = 0; y < rows; y++) {
            int rowBase = y * lineStride;
            for (int x = 0; x < w; x++) {
                if (restartInterval > 0) {
                    if (mcusLeft == 0) {
                        in.restart();
                        mcusLeft = restartInterval;
                        freshStart = true;
                        firstLine = true;
                    }
                    mcusLeft--;
                }
                int base = rowBase + x * stride;
                for (int i = 0; i < ns; i++) {
                    int o = base + components[i];
                    int px;
                    if (freshStart) {
                        px = initial;
                    } else if (x == 0) {
                        px = v[o - lineStride] >> pointTransform;
                    } else if (firstLine) {
                        px = v[o - stride] >> pointTransform;
                    } else {
                        px = predict(v, o, lineStride);
                    }
                    v[o] = ((px + difference(tables[i])) & 0xFFFF) << pointTransform;
                }
                freshStart = false;
            }
            firstLine = false;
        }
    }

    private int predict(int[] v, int o, int lineStride) {
        int pt = pointTransform;
        int ra = v[o - stride] >> pt;
        int rb = v[o - lineStride] >> pt;
        int rc = v[o - lineStride - stride] >> pt;
        return switch (predictor) {
            case 1 -> ra;
            case 2 -> rb;
            case 3 -> rc;
            case 4 -> ra + rb - rc;
            case 5 -> ra + ((rb - rc) >> 1);
            case 6 -> rb + ((ra - rc) >> 1);
            default -> (ra + rb) >> 1;
        };
    }
}
