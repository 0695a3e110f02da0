package org.raylens.app.cli;

import org.raylens.inference.encoder.ModelProvenance;
import org.raylens.core.result.MapGeometry;
import org.raylens.core.result.PatchMap;
import org.raylens.inference.preprocess.GreyImage8;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;

/**
 * Child JVM for {@link AtomicWritesKillTest}: writes the overlay PNG of {@code explain --out map.png} to one path over
 * and over, alternating two versions, until killed; prints {@code wrote <ms>} after each write.
 */
public final class PngOverwriteChild {
    static final int SIZE = 1000;

    private PngOverwriteChild() {
    }

    public static void main(String[] args) throws Exception {
        Path target = Path.of(args[0]);
        // version 1 first: the first completed write replaces the test's version-0 file
        for (int v = 1; ; v ^= 1) {
            long t0 = System.nanoTime();
            write(target, v);
            System.out.println("wrote " + (System.nanoTime() - t0) / 1_000_000);
            System.out.flush();
        }
    }

    /** Version {@code v}: noise (so the PNG is large and slow to encode) under a two-patch map. */
    static void write(Path target, int version) throws Exception {
        byte[] px = new byte[SIZE * SIZE];
        new Random(version).nextBytes(px);
        MapGeometry g = new MapGeometry(SIZE, SIZE, 28, 28, 0, 0, 28, 28, 14, 2, 2);
        PatchMap map = new PatchMap("test", "two patches", 2, 2, 1, new float[]{0, 1, version, 0}, g, "test");
        // a fixed export time, so both versions are the same bytes every time they are written
        ModelProvenance model = new ModelProvenance("/models/test/model.safetensors", "0".repeat(64), "test", "test",
                "cpu", List.of(), false);
        MapOverlayPng.write(target, MapOverlayPng.figure(new GreyImage8(SIZE, SIZE, px), map,
                MapOverlayPng.Settings.windowDefaults(MapOverlayPng.kindOf(map)),
                MapOverlayPng.provenance(map, model, Instant.EPOCH)));
    }
}
