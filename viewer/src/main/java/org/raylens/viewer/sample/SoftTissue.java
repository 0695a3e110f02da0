package org.raylens.viewer.sample;

/**
 * The smooth (non-bone) anatomy of one projection, in {@link ThoraxFrame} units, as physical path lengths along the
 * beam in millimetres. {@link ThoraxShape} is the PA projection, {@link LateralShape} the lateral one.
 */
interface SoftTissue {
    /** Soft tissue crossed by the ray (0 outside the body). */
    double bodyThickness(double x, double y);

    /** Aerated lung crossed by the ray. */
    double lungDepth(double x, double y);

    /** Distance in mm inside the lung fields where vessels may grow (negative outside). */
    double vesselMargin(double x, double y);

    /** Air outside the lungs (trachea, bronchi, gastric bubble) crossed by the ray. */
    double otherAir(double x, double y);
}
