package org.raylens.app.ui;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.collections.ListChangeListener;
import org.raylens.app.open.StudyInstance;
import org.raylens.overlays.annotation.CornerTextLayer;
import org.raylens.overlays.annotation.FurnitureLayout;
import org.raylens.overlays.chart.ColorbarOverlay;
import org.raylens.overlays.annotation.MeasurementLayer;
import org.raylens.overlays.annotation.OrientationLayer;
import org.raylens.overlays.layer.Layer;
import org.raylens.overlays.layer.PatchCells;
import org.raylens.viewer.annotation.CornerLayout;
import org.raylens.viewer.annotation.CornerText;
import org.raylens.viewer.annotation.CornerTextComposer;
import org.raylens.viewer.annotation.Laterality;
import org.raylens.viewer.annotation.PatientOrientation;
import org.raylens.viewer.annotation.ViewState;
import org.raylens.viewer.dicom.DicomObject;
import org.raylens.viewer.fx.Viewport;
import org.raylens.viewer.fx.ViewportModel;
import org.raylens.viewer.image.VoiWindow;
import org.raylens.viewer.measure.CalibratedSpacing;
import org.raylens.viewer.measure.ImageMeasurements;
import org.raylens.viewer.overlay.Overlay;
import org.raylens.viewer.source.ImageSourceException;

/**
 * The viewer habits of the main viewport: corner text, orientation letters with the L/R marker, measurements (kept
 * per image, by its source URI) and the raw patch grid of map layers. Adds its layers on top of the viewport's
 * overlays, so they paint through the same OverlayCanvas path as the maps and can go into figure exports
 * ({@link #forExport}).
 */
public final class ViewerAnnotations {

    private static final System.Logger LOG = System.getLogger(ViewerAnnotations.class.getName());

    private final Viewport viewport;
    private final ViewportModel vm;
    private final ObjectProperty<StudyInstance> selected;
    private final CornerTextComposer composer = new CornerTextComposer(CornerLayout.standard());
    private final ImageMeasurements measurements = new ImageMeasurements();
    private final CornerTextLayer cornerText;
    private final OrientationLayer orientation;
    private final MeasurementLayer measurementLayer;
    private boolean patchCells;
    /** The header of the selected instance, read once per selection (null when not DICOM). */
    private DicomObject header;

    public ViewerAnnotations(Viewport viewport, ObjectProperty<StudyInstance> selected) {
        this.viewport = viewport;
        this.vm = viewport.getModel();
        this.selected = selected;
        cornerText = new CornerTextLayer(this::cornerTextNow);
        orientation = new OrientationLayer(
                () -> header == null ? Optional.empty() : PatientOrientation.of(header),
                () -> header == null ? Optional.empty() : Laterality.of(header));
        FurnitureLayout furniture = new FurnitureLayout(cornerText, orientation);
        cornerText.placeWith(furniture);
        orientation.placeWith(furniture);
        measurementLayer = new MeasurementLayer(measurements, vm::getImage, this::spacing,
                () -> List.copyOf(viewport.getOverlays()));
        viewport.setMeasurements(measurements);
        selected.addListener((o, a, now) -> selectionChanged(now));
        selectionChanged(selected.get());
        viewport.getOverlays().addAll(orientation, cornerText, measurementLayer);
        // a map's colorbar card keeps clear of the corner text and the letters (the furniture rule)
        viewport.getOverlays().stream().filter(o -> o instanceof ColorbarOverlay)
                .forEach(o -> ((ColorbarOverlay) o).placeWith(furniture::colorbar));
        // map layers the analysis adds later take the current patch-grid mode
        viewport.getOverlays().addListener((ListChangeListener<Overlay>) c -> {
            while (c.next()) {
                for (Overlay added : c.getAddedSubList()) {
                    if (added instanceof ColorbarOverlay bar) {
                        bar.placeWith(furniture::colorbar);
                    }
                    if (added instanceof PatchCells p && p.showsPatchCells() != patchCells) {
                        p.setShowPatchCells(patchCells);
                    }
                }
            }
        });
    }

    public CornerTextLayer cornerText() {
        return cornerText;
    }

    public OrientationLayer orientation() {
        return orientation;
    }

    public MeasurementLayer measurementLayer() {
        return measurementLayer;
    }

    public ImageMeasurements measurements() {
        return measurements;
    }

    /** O: shows or hides the corner text and the orientation letters together, as Weasis's annotation toggle. */
    public void toggleAnnotations() {
        boolean show = !cornerText.isVisible();
        cornerText.setVisible(show);
        orientation.setVisible(show);
        viewport.requestOverlayRedraw();
    }

    public boolean annotationsShown() {
        return cornerText.isVisible();
    }

    /** G: raw patch cells (nearest neighbour on the model's grid) for every map layer, or smooth maps again. */
    public void togglePatchCells() {
        patchCells = !patchCells;
        for (Overlay o : viewport.getOverlays()) {
            if (o instanceof PatchCells p) {
                p.setShowPatchCells(patchCells);
            }
        }
        viewport.requestOverlayRedraw();
    }

    public boolean patchCellsShown() {
        return patchCells;
    }

    /**
     * The overlays as an export should draw them: the corner text replaced by its export form (left out unless
     * included, then de-identified unless {@code identified}).
     */
    public List<Overlay> forExport(List<Overlay> overlays, boolean identified) {
        List<Overlay> out = new ArrayList<>(overlays.size());
        for (Overlay o : overlays) {
            out.add(o == cornerText ? cornerText.forExport(identified) : o);
        }
        return out;
    }

    private void selectionChanged(StudyInstance now) {
        header = null;
        if (now != null) {
            try {
                header = now.source().header().map(f -> f.dataset()).orElse(null);
            } catch (ImageSourceException e) {
                // the image itself reports the unreadable header when it is opened; here it only means no text
                LOG.log(Level.DEBUG, "no header for corner text: " + now.source().displayName(), e);
            }
        }
        measurements.showImage(now == null ? "" : now.source().uri().toString());
        viewport.requestOverlayRedraw();
    }

    private CalibratedSpacing spacing() {
        return CalibratedSpacing.of(header);
    }

    private CornerText cornerTextNow() {
        if (vm.getImage() == null) {
            return CornerText.empty();
        }
        VoiWindow w = vm.getImage().isColor() ? null : vm.getWindow();
        return composer.compose(header, new ViewState(w == null ? Double.NaN : w.center(),
                w == null ? Double.NaN : w.width(), vm.getZoom(), topMapLabel()));
    }

    /** The label of the top-most visible map layer (the one the eye sees), or null. */
    private String topMapLabel() {
        List<Overlay> list = viewport.getOverlays();
        for (int i = list.size() - 1; i >= 0; i--) {
            if (list.get(i) instanceof PatchCells && list.get(i) instanceof Layer l && l.isVisible()) {
                return l.label();
            }
        }
        return null;
    }
}
