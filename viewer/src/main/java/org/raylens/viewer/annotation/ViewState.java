package org.raylens.viewer.annotation;

/**
 * What the viewport shows besides the header, for the corner text: the window (NaN centre for a colour image, which
 * has none), the zoom in view pixels per source pixel, and the label of the map layer on top (null when none).
 */
public record ViewState(double windowCenter, double windowWidth, double zoom, String mapLabel) {}
