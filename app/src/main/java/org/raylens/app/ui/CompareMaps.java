package org.raylens.app.ui;

import java.util.List;
import javafx.beans.Observable;
import org.raylens.app.analysis.AnalysisModel;
import org.raylens.app.layers.LayerBinder;
import org.raylens.app.layers.LayerKind;
import org.raylens.app.layers.LayerRow;
import org.raylens.app.layers.LayersModel;
import org.raylens.viewer.fx.Viewport;
import org.raylens.viewer.fx.ViewportModel;

/**
 * The map layers of the compare view's second image: the same method, layer, head, visibility, opacity, colormap and
 * threshold as the main view shows, each map computed for its own image. A twin {@link AnalysisModel} on the same
 * service follows the main one's encoder and settings and runs whenever the main one has a result and the second
 * image differs from the main one (two images side by side: a PA and its lateral); with the same image on both
 * sides (image | overlays) it stays idle and its layers empty, as that view means to show the image bare.
 */
final class CompareMaps {

    private final AnalysisModel main;
    private final AnalysisModel twin;
    private final LayersModel mainLayers;
    private final LayersModel twinLayers;
    private final ViewportModel mainView;
    private final ViewportModel other;

    CompareMaps(AnalysisModel main, LayersModel mainLayers, ViewportModel mainView, Viewport otherView) {
        this.main = main;
        this.mainLayers = mainLayers;
        this.mainView = mainView;
        this.other = otherView.getModel();
        twin = main.sibling();
        twin.imageProperty().bind(other.imageProperty());
        twin.encoderProperty().bind(main.encoderProperty());
        twin.adaptersProperty().bind(main.adaptersProperty());
        twin.targetProperty().bind(main.targetProperty());
        twin.inputRecipeProperty().bind(main.inputRecipeProperty());
        twin.shownWindowProperty().bind(other.windowProperty());
        twin.shownInvertProperty().bind(other.invertProperty());
        twin.gradCamLabelProperty().bind(main.gradCamLabelProperty());
        twin.layerProperty().bindBidirectional(main.layerProperty());
        twin.headProperty().bindBidirectional(main.headProperty());
        twinLayers = new LayersModel(twin, kinds(mainLayers), "inferno", 0.5);
        for (LayerRow row : mainLayers.rows()) {
            for (Observable p : List.of(row.visibleProperty(), row.opacityProperty(), row.colormapProperty(),
                    row.thresholdProperty(), row.maskStyleProperty())) {
                p.addListener(o -> copySettings());
            }
        }
        twin.resultProperty().addListener(o -> copySettings());
        main.resultProperty().addListener(o -> runIfTwoImages());
        other.imageProperty().addListener(o -> runIfTwoImages());
        new LayerBinder(twinLayers, twin, otherView.getOverlays(), otherView.getOverlays().size(),
                otherView::requestOverlayRedraw);
        copySettings();
    }

    AnalysisModel twin() {
        return twin;
    }

    LayersModel layers() {
        return twinLayers;
    }

    private void runIfTwoImages() {
        if (main.getResult() != null && other.getImage() != null && other.getImage() != mainView.getImage()) {
            twin.run();
        }
    }

    /** Shows on the second image what the main one shows: the same rows, opacity, colormap and threshold. */
    private void copySettings() {
        for (LayerRow from : mainLayers.rows()) {
            LayerRow to = twinLayers.row(from.kind());
            if (to == null) {
                continue;
            }
            to.visibleProperty().set(from.visibleProperty().get());
            to.opacityProperty().set(from.opacityProperty().get());
            to.colormapProperty().set(from.colormapProperty().get());
            to.thresholdProperty().set(from.thresholdProperty().get());
            to.maskStyleProperty().set(from.maskStyleProperty().get());
        }
    }

    private static List<LayerKind> kinds(LayersModel layers) {
        return layers.rows().stream().map(LayerRow::kind).toList();
    }
}
