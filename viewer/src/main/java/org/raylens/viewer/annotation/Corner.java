package org.raylens.viewer.annotation;

/** A corner of the viewport. */
public enum Corner { TOP_LEFT, TOP_RIGHT, BOTTOM_LEFT, BOTTOM_RIGHT }
