package org.raylens.overlays.layer;

/**
 * A map layer that can show its patch map either smoothly (bilinear between patch centres, the default) or as the
 * raw cells of the model's patch grid (nearest neighbour), for checking how the grid sits on the image.
 */
public interface PatchCells {

    boolean showsPatchCells();

    void setShowPatchCells(boolean cells);
}
