package org.raylens.viewer.sample;

/** The bones of one projection, rendered as excess attenuation over the soft tissue they displace. */
interface Bones {
    /** Adds the bones' attenuation to {@code out} (full resolution, row-major) for columns in [colFrom, colTo). */
    void render(float[] out, int colFrom, int colTo);
}
