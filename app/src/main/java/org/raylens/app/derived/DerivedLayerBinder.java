package org.raylens.app.derived;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.Observable;
import javafx.collections.ListChangeListener;
import org.raylens.app.layers.LayerBinder;
import org.raylens.app.layers.LayerRow;
import org.raylens.core.result.MapGeometry;
import org.raylens.core.result.PatchMap;
import org.raylens.overlays.layer.HeatmapLayer;
import org.raylens.overlays.layer.Layer;
import org.raylens.overlays.layer.MaskLayer;

/**
 * Turns the {@link DerivedLayerRow}s of the image on screen into the overlays module's layers and hands them to the
 * window's {@link LayerBinder}, which paints them above the analysis maps (and exports paint the same objects): a
 * binary segment is a {@link MaskLayer} in its colour, filled or as a contour; a fractional one a
 * {@link HeatmapLayer} of its fractions on the source pixel grid, over the fixed range 0–1, and a Parametric Map's
 * frame one of its real-world values over their range, so the colorbar reads in the object's own unit; both are
 * transparent below the row's threshold (a map's pixels without a value always are).
 */
public final class DerivedLayerBinder {

    private final DerivedObjectsModel model;
    private final LayerBinder target;
    private final List<Layer> layers = new ArrayList<>();

    public DerivedLayerBinder(DerivedObjectsModel model, LayerBinder target) {
        this.model = model;
        this.target = target;
        model.rows().addListener((ListChangeListener<DerivedLayerRow>) c -> rebuild());
        rebuild();
    }

    /** The layers shown, one per row, in row order; for tests and exports. */
    public List<Layer> layers() {
        return List.copyOf(layers);
    }

    private void rebuild() {
        layers.clear();
        for (DerivedLayerRow row : model.rows()) {
            Layer layer = layerOf(row);
            layers.add(layer);
            for (Observable p : List.of(row.visibleProperty(), row.opacityProperty(), row.styleProperty(),
                    row.colourProperty(), row.colormapProperty(), row.thresholdProperty())) {
                p.addListener(o -> {
                    style(row, layer);
                    target.setExtraLayers(layers);
                });
            }
            style(row, layer);
        }
        target.setExtraLayers(layers);
    }

    private static Layer layerOf(DerivedLayerRow row) {
        int rows = row.rows();
        int columns = row.columns();
        if (!row.scalar()) {
            MaskLayer mask = MaskLayer.probability(row.title(), columns, rows, columns, rows, row.values());
            mask.setThreshold(0.5);
            return mask;
        }
        double[] range = row.range();
        float[] values = row.values().clone();
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                values[i] = (float) range[0] - 1; // no value here: below the range, so under any threshold
            }
        }
        String source = row.parametricMap() != null ? "DICOM Parametric Map " + row.parametricMap().sopInstanceUid()
                : "DICOM SEG " + row.segmentation().sopInstanceUid() + " segment " + row.segment().number();
        PatchMap map = new PatchMap(row.parametricMap() != null ? "dicom-pm" : "dicom-seg", row.quantity(), rows,
                columns, 1, values, MapGeometry.identity(columns, rows, 1), source);
        HeatmapLayer heat = new HeatmapLayer(row.layerName(), map);
        heat.setRange(range[0], range[1]);
        return heat;
    }

    private static void style(DerivedLayerRow row, Layer layer) {
        layer.setVisible(row.visibleProperty().get());
        layer.setOpacity(row.opacityProperty().get());
        if (layer instanceof MaskLayer mask) {
            mask.setStyle(row.styleProperty().get() == LayerRow.MaskStyle.CONTOUR ? MaskLayer.Style.CONTOUR
                    : MaskLayer.Style.FILL);
            mask.setColour(LayerBinder.argb(row.colourProperty().get()));
        } else if (layer instanceof HeatmapLayer heat) {
            heat.setColormap(LayerBinder.colormap(row.colormapProperty().get()));
            double t = row.thresholdProperty().get();
            heat.setThreshold(t <= row.range()[0] ? row.range()[0] : t);
        }
    }
}
