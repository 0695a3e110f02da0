package org.raylens.viewer.sample;

/** A VOI window preset as written to (0028,1050), (0028,1051) and (0028,1055). */
public record WindowPreset(double center, double width, String explanation) {}
