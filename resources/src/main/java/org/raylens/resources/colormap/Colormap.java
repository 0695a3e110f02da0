package org.raylens.resources.colormap;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The colormaps overlays offer, each a 256-entry opaque sRGB look-up table (packed {@code 0xFFRRGGBB}, index 0 for
 * the lowest value). Viridis, inferno and magma are perceptually uniform and read correctly in greyscale print, so
 * viridis is the default; jet is offered because papers still use it, grey for masks and for greyscale journals.
 *
 * <p>Where the tables come from: viridis, inferno and magma are the published CC0 data of their authors (Smith, van
 * der Walt, Firing, 2015), stored as {@code .lut} text files beside this class with their licence in the header.
 * Jet is the classic piecewise-linear definition (each channel a clamped tent: {@code r = clamp(1.5 − |4t − 3|)},
 * {@code g = clamp(1.5 − |4t − 2|)}, {@code b = clamp(1.5 − |4t − 1|)}); grey is {@code t} on all channels.
 */
public enum Colormap {
    VIRIDIS("viridis"),
    INFERNO("inferno"),
    MAGMA("magma"),
    JET("jet"),
    GREY("grey");

    /** Number of entries in every table. */
    public static final int SIZE = 256;

    private final String displayName;
    private final int[] lut;

    Colormap(String displayName) {
        this.displayName = displayName;
        this.lut = switch (displayName) {
            case "jet" -> jet();
            case "grey" -> grey();
            default -> load(displayName + ".lut");
        };
    }

    /** Lower-case name as shown in menus and written in provenance ("viridis"). */
    public String displayName() {
        return displayName;
    }

    /** Entry {@code index} (0–255) as opaque {@code 0xFFRRGGBB}. */
    public int entry(int index) {
        return lut[index];
    }

    /** A copy of the whole table. */
    public int[] table() {
        return lut.clone();
    }

    /**
     * The colour of a normalised value: {@code t} in [0, 1] picks entry {@code round(t · 255)}; values outside are
     * clamped and NaN gives entry 0.
     */
    public int argb(double t) {
        if (!(t > 0)) {
            return lut[0];
        }
        if (t >= 1) {
            return lut[SIZE - 1];
        }
        return lut[(int) (t * (SIZE - 1) + 0.5)];
    }

    /** The colormap with this display or constant name, case-insensitive. */
    public static Colormap byName(String name) {
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        if (wanted.equals("gray")) {
            wanted = "grey";
        }
        for (Colormap c : values()) {
            if (c.displayName.equals(wanted)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown colormap '" + name + "'; known: viridis, inferno, magma, jet, grey");
    }

    @Override
    public String toString() {
        return displayName;
    }

    private static int[] grey() {
        int[] out = new int[SIZE];
        for (int i = 0; i < SIZE; i++) {
            out[i] = 0xFF000000 | i << 16 | i << 8 | i;
        }
        return out;
    }

    private static int[] jet() {
        int[] out = new int[SIZE];
        for (int i = 0; i < SIZE; i++) {
            double t = i / (double) (SIZE - 1);
            out[i] = 0xFF000000 | channel(1.5 - Math.abs(4 * t - 3)) << 16 | channel(1.5 - Math.abs(4 * t - 2)) << 8
                    | channel(1.5 - Math.abs(4 * t - 1));
        }
        return out;
    }

    private static int channel(double v) {
        return (int) Math.round(Math.max(0, Math.min(1, v)) * 255);
    }

    /** Reads 256 lines of {@code rrggbb} hex; lines starting with '#' are comments. */
    private static int[] load(String resource) {
        try (InputStream in = Colormap.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing bundled colormap " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            int[] out = new int[SIZE];
            int n = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                if (n == SIZE || line.length() != 6) {
                    throw new IllegalStateException("colormap " + resource + " is malformed at entry " + n);
                }
                out[n++] = 0xFF000000 | Integer.parseInt(line, 16);
            }
            if (n != SIZE) {
                throw new IllegalStateException("colormap " + resource + " has " + n + " entries, not " + SIZE);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled colormap " + resource, e);
        }
    }
}
