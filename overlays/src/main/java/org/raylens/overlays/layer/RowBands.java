package org.raylens.overlays.layer;

import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Runs a per-row body over a raster's rows, in parallel bands of rows on the common pool when the raster is large
 * enough to pay for it (a full-screen view), in order on the calling thread otherwise. Bodies must write only their
 * own rows.
 */
final class RowBands {

    private static final int PARALLEL_THRESHOLD = 1 << 17;
    private static final int ROWS_PER_BAND = 32;

    private RowBands() {}

    static void forEachRow(int width, int height, IntConsumer row) {
        int bands = (height + ROWS_PER_BAND - 1) / ROWS_PER_BAND;
        IntStream stream = IntStream.range(0, bands);
        if ((long) width * height >= PARALLEL_THRESHOLD && Runtime.getRuntime().availableProcessors() > 1) {
            stream = stream.parallel();
        }
        stream.forEach(band -> {
            for (int j = band * ROWS_PER_BAND, end = Math.min(height, j + ROWS_PER_BAND); j < end; j++) {
                row.accept(j);
            }
        });
    }
}
