package org.raylens.app.derived;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.app.open.LoadedStudy;
import org.raylens.app.open.StudyInstance;
import org.raylens.app.open.ViewerWiring;
import org.raylens.app.task.SameThreadRunner;
import org.raylens.viewer.derived.DerivedData;
import org.raylens.viewer.source.FileSourceKind;
import org.raylens.viewer.study.DerivedObject;

/**
 * The segments the window offers for an image, from dcmqi's label.seg (copied with its source images into a
 * temporary folder): the slice a frame was derived from by UID, and the multi-frame conversion of the same slices
 * (mf.dcm, a SOP instance the SEG never names) by Frame of Reference and position, frame by frame.
 */
class DerivedObjectsModelTest {

    @TempDir
    Path dir;

    private LoadedStudy load(boolean breakTheSeg) throws Exception {
        Path source = DerivedData.seg24();
        Path study = Files.createDirectories(dir.resolve("study"));
        for (String name : List.of("IMG0001.dcm", "IMG0002.dcm", "IMG0003.dcm")) {
            Files.copy(source.resolve("image").resolve(name), study.resolve(name));
        }
        Files.copy(source.resolve("multiframe/mf.dcm"), study.resolve("mf.dcm"));
        byte[] seg = Files.readAllBytes(source.resolve("seg/label.seg"));
        if (breakTheSeg) {
            // Bits Allocated 1 → 8: a binary SEG may not have it, so the reader refuses the object
            String text = new String(seg, java.nio.charset.StandardCharsets.ISO_8859_1);
            int at = text.indexOf(new String(new byte[] {0x28, 0, 0, 1, 'U', 'S', 2, 0},
                    java.nio.charset.StandardCharsets.ISO_8859_1));
            seg[at + 8] = 8;
        }
        Files.write(study.resolve("label.seg"), seg);
        return ViewerWiring.studyLoader(Files.createDirectories(dir.resolve("data"))).load(List.of(study));
    }

    private static StudyInstance named(LoadedStudy study, String fileName) {
        return study.instances().stream().filter(i -> i.source().uri().toString().endsWith(fileName)).findFirst()
                .orElseThrow();
    }

    @Test
    void segmentsOverSlicesByUidAndOverTheMultiFrameConversionByPosition() throws Exception {
        LoadedStudy study = load(false);
        assertEquals(4, study.instances().size());
        StudyInstance slice2 = named(study, "IMG0002.dcm");
        StudyInstance multiFrame = named(study, "mf.dcm");
        assertEquals(List.of(DerivedObject.Kind.SEGMENTATION), slice2.derived().stream().map(DerivedObject::kind)
                .toList());
        assertTrue(multiFrame.derived().isEmpty(), "the SEG belongs to the slices' series");

        SimpleObjectProperty<StudyInstance> selected = new SimpleObjectProperty<>();
        DerivedObjectsModel model = new DerivedObjectsModel(selected,
                FXCollections.observableArrayList(study.instances()), new SameThreadRunner());
        selected.set(slice2);
        assertEquals(1, model.rows().size());
        assertEquals(315, model.rows().get(0).pixelsInside());
        assertEquals("Liver", model.rows().get(0).segment().label());

        selected.set(named(study, "IMG0001.dcm"));
        assertEquals(0, model.rows().get(0).pixelsInside(), "slice 1's frame is empty (pydicom)");

        selected.set(multiFrame); // the whole file shows frame 1, at z = -177.75 like IMG0001
        assertEquals(1, model.rows().size());
        assertEquals(0, model.rows().get(0).pixelsInside());

        URI frame2 = URI.create(multiFrame.source().uri() + "#frame=2"); // z = -175.25, like IMG0002
        selected.set(new StudyInstance(new FileSourceKind().open(frame2), multiFrame.patient(), multiFrame.study(),
                multiFrame.series(), "mf frame 2"));
        assertEquals(1, model.rows().size());
        assertEquals(315, model.rows().get(0).pixelsInside());
        assertEquals(1f, model.rows().get(0).values()[12]);
        assertEquals("", model.problemProperty().get());
    }

    @Test
    void aParametricMapFrameIsAColormapRowInItsRealWorldUnits() throws Exception {
        LoadedStudy plain = load(false);
        Path study = dir.resolve("study");
        // one float frame per slice, referenced like dcmqi's SEG references them (same study, patient, series refs)
        org.raylens.viewer.dicom.DicomObject header = new org.raylens.viewer.dicom.DicomObject();
        var slice = named(plain, "IMG0001.dcm").source().header().orElseThrow().dataset();
        for (int tag : new int[] {org.raylens.viewer.dicom.Tag.StudyInstanceUID,
            org.raylens.viewer.dicom.Tag.PatientID, org.raylens.viewer.dicom.Tag.PatientName}) {
            header.put(slice.get(tag));
        }
        header.setString(org.raylens.viewer.dicom.Tag.SeriesInstanceUID, org.raylens.viewer.dicom.VR.UI, "2.25.999");
        header.setString(org.raylens.viewer.dicom.Tag.Modality, org.raylens.viewer.dicom.VR.CS, "OT");
        header.setSequence(org.raylens.viewer.dicom.Tag.ReferencedSeriesSequence, List.of(
                new org.raylens.viewer.dicom.DicomObject().setString(org.raylens.viewer.dicom.Tag.SeriesInstanceUID,
                        org.raylens.viewer.dicom.VR.UI, slice.getString(org.raylens.viewer.dicom.Tag.SeriesInstanceUID))));
        org.raylens.viewer.derived.TinyParametricMap.write(study.resolve("pm.dcm"), 38, 24,
                List.of(DerivedData.IMG1, DerivedData.IMG2, DerivedData.IMG3), false, header);
        LoadedStudy withMap = ViewerWiring.studyLoader(dir.resolve("data")).load(List.of(study));
        assertEquals(4, withMap.instances().size(), "the map is not an image");
        SimpleObjectProperty<StudyInstance> selected = new SimpleObjectProperty<>();
        DerivedObjectsModel model = new DerivedObjectsModel(selected,
                FXCollections.observableArrayList(withMap.instances()), new SameThreadRunner());
        selected.set(named(withMap, "IMG0002.dcm"));
        assertEquals(2, model.rows().size(), model.problemProperty().get());
        DerivedLayerRow map = model.rows().get(1);
        assertTrue(map.scalar());
        assertEquals("SUVbw [{SUVbw}g/ml]", map.quantity());
        String name = map.layerName();
        assertTrue(name.startsWith("SUVbw [{SUVbw}g/ml]") && !name.substring(19).contains("SUVbw"),
                "the layer's name says its quantity once, with its units: " + name);
        // frame 2 stores 0.5 × (912 … 1823); real = 2 × stored + 1
        assertEquals(913.0, map.range()[0], 1e-9);
        assertEquals(1824.0, map.range()[1], 1e-9);
        assertEquals(913f, map.values()[0]);
    }

    @Test
    void aBrokenSegIsNamedAndNothingIsShownFromIt() throws Exception {
        LoadedStudy study = load(true);
        SimpleObjectProperty<StudyInstance> selected = new SimpleObjectProperty<>();
        DerivedObjectsModel model = new DerivedObjectsModel(selected,
                FXCollections.observableArrayList(study.instances()), new SameThreadRunner());
        selected.set(named(study, "IMG0002.dcm"));
        assertTrue(model.rows().isEmpty());
        assertTrue(model.problemProperty().get().contains("label.seg")
                && model.problemProperty().get().contains("Bits Allocated 1, has 8"), model.problemProperty().get());
    }
}
