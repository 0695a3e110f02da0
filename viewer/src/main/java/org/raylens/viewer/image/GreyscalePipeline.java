package org.raylens.viewer.image;

import java.util.Map;

/**
 * The greyscale display chain of PS3.3 C.11 as one object: stored value → Modality LUT → VOI (a window function or
 * a VOI LUT) → polarity (MONOCHROME1 / Presentation LUT Shape INVERSE / user invert) → 8-bit grey. Rather than run
 * it per pixel it produces a table over a frame's {@link StoredDomain}, so a redraw is one lookup per screen pixel.
 *
 * @param modality   stored → modality values
 * @param inverse    true when the file's polarity makes the lowest values white (MONOCHROME1, or a Presentation
 *                   LUT Shape of INVERSE). Both say the same thing in a conforming DX file, so they are not applied
 *                   twice: either one inverts once.
 * @param voiLuts    the file's VOI LUT Sequence items, keyed by the preset window that selects each (see
 *                   {@link GreyscaleImage#presets()})
 */
public record GreyscalePipeline(ModalityLut modality, boolean inverse, Map<VoiWindow, LookupTable> voiLuts) {

    public GreyscalePipeline {
        voiLuts = Map.copyOf(voiLuts);
    }

    /** The display value in [0, 1] before polarity, for modality value {@code m} under {@code window}. */
    public double voi(double m, VoiWindow window) {
        LookupTable lut = voiLuts.get(window);
        if (lut != null) {
            return (double) lut.lookup(m) / lut.maxOutput();
        }
        return VoiTransfer.apply(window, m);
    }

    /** The 8-bit grey for stored value {@code s}. */
    public int grey(double s, VoiWindow window, boolean userInvert) {
        double y = voi(modality.apply(s), window);
        if (inverse ^ userInvert) {
            y = 1 - y;
        }
        return VoiTransfer.toByte(y);
    }

    /** Opaque ARGB for every bin of {@code domain}. */
    public int[] argbTable(StoredDomain domain, VoiWindow window, boolean userInvert) {
        int[] table = new int[domain.size()];
        for (int i = 0; i < table.length; i++) {
            int g = grey(domain.valueAt(i), window, userInvert);
            table[i] = 0xFF000000 | (g << 16) | (g << 8) | g;
        }
        return table;
    }
}
