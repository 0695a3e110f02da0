package org.raylens.app.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.app.RayLensApp;
import org.raylens.app.open.ViewerWiring;
import org.raylens.app.task.SameThreadRunner;
import org.raylens.viewer.dicom.DicomFile;
import org.raylens.viewer.dicom.DicomObject;
import org.raylens.viewer.dicom.DicomReader;
import org.raylens.viewer.dicom.DicomWriter;
import org.raylens.viewer.dicom.NativePixels;
import org.raylens.viewer.dicom.Tag;
import org.raylens.viewer.dicom.VR;
import org.raylens.viewer.image.DisplayableImage;
import org.raylens.viewer.image.ImageOpener;
import org.raylens.viewer.image.OpenedImage;
import org.raylens.viewer.image.ViewTransform;
import org.raylens.viewer.sample.ChestPhantom;
import org.raylens.viewer.sample.PhantomImage;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 16: the window's Secondary Capture of a 2 500 × 3 000 radiograph was saved at screen size (709 × 772). Now it
 * has the source's Rows and Columns, and the colorbar and the scores (with the legend) are burned into its pixels.
 */
@ExtendWith(ApplicationExtension.class)
class SecondaryCaptureFullResolutionTest {

    static final int COLUMNS = 2500;
    static final int ROWS = 3000;
    /** ScoresChart's bar colours (above, below the threshold, no threshold): drawn only by the scores card. */
    static final List<Integer> SCORE_BAR_RGB = List.of(0xD9480F, 0xADB5BD, 0x4263EB);

    @TempDir
    static Path dir;

    private RayLensApp app;

    @Start
    void start(Stage stage) throws Exception {
        Path source = writeLargeRadiograph(Files.createDirectories(dir.resolve("study")).resolve("large.dcm"));
        app = new RayLensApp(ViewerWiring.studyLoader(Files.createDirectories(dir.resolve("data"))),
                new SameThreadRunner(), Files.createDirectories(dir.resolve("config")));
        app.start(stage);
        stage.setWidth(1100);
        stage.setHeight(820);
        app.window().open(List.of(source));
    }

    @Test
    void theCaptureHasTheSourcesSizeWithTheColorbarAndScoresBurnedIn(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        assertNotNull(app.workbench().main().viewport().getImage(), app.workbench().main().messageProperty().get());
        robot.clickOn("#runAnalysis");
        WaitForAsyncUtils.waitForFxEvents();
        assertNotNull(app.workbench().analysis().getResult(), "the demo analysis ran");
        ExportModel export = app.workbench().export();
        Path dcm = dir.resolve("sc.dcm");
        robot.interact(() -> export.exportSecondaryCapture(dcm));
        assertEquals(dcm, export.lastWrittenProperty().get(), export.messageProperty().get());

        try (DicomFile sc = DicomReader.read(dcm)) {
            assertEquals(ROWS, sc.dataset().getInt(Tag.Rows, 0), "Rows of the source, not of the screen");
            assertEquals(COLUMNS, sc.dataset().getInt(Tag.Columns, 0), "Columns of the source");
        }
        int[] rgb = new int[COLUMNS * ROWS];
        try (OpenedImage opened = new ImageOpener().open(dcm)) {
            DisplayableImage image = opened.frame(0);
            image.render(null, false, ViewTransform.zoomPan(1, 0, 0), rgb, COLUMNS, ROWS, 0);
        }
        double scale = ExportModel.captureScale(COLUMNS, ROWS,
                (int) Math.floor(app.workbench().main().viewport().viewWidth()),
                (int) Math.floor(app.workbench().main().viewport().viewHeight()));
        // The scores card: bottom-left, 260 view units wide; its bars are drawn in ScoresChart's colours.
        int bars = count(rgb, 0, (int) (300 * scale), ROWS - (int) (400 * scale), ROWS,
                p -> SCORE_BAR_RGB.contains(p & 0xFFFFFF));
        assertTrue(bars > 200 * scale * scale, "score bars burned in at the capture's scale: " + bars + " pixels");
        // The colorbar card: top-right, 140 × 200 view units, a light card.
        int x0 = COLUMNS - (int) (150 * scale);
        int y0 = (int) (55 * scale);
        int light = count(rgb, x0, x0 + (int) (130 * scale), y0, y0 + (int) (30 * scale), p -> ((p >> 16) & 0xFF) > 200
                && ((p >> 8) & 0xFF) > 200 && (p & 0xFF) > 200);
        assertTrue(light > 0.5 * 130 * 30 * scale * scale, "the colorbar card's title area is light: " + light);
    }

    private static int count(int[] rgb, int x0, int x1, int y0, int y1, java.util.function.IntPredicate test) {
        int n = 0;
        for (int y = Math.max(0, y0); y < Math.min(ROWS, y1); y++) {
            for (int x = Math.max(0, x0); x < Math.min(COLUMNS, x1); x++) {
                if (test.test(rgb[y * COLUMNS + x])) {
                    n++;
                }
            }
        }
        return n;
    }

    static Path writeLargeRadiograph(Path file) throws Exception {
        PhantomImage image = ChestPhantom.generate(ChestPhantom.Spec.defaults().withSize(COLUMNS, ROWS));
        DicomObject d = new DicomObject();
        d.setString(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.1.1");
        d.setString(Tag.SOPInstanceUID, VR.UI, "2.25.2001");
        d.setString(Tag.StudyInstanceUID, VR.UI, "2.25.2002");
        d.setString(Tag.SeriesInstanceUID, VR.UI, "2.25.2003");
        d.setString(Tag.PatientName, VR.PN, "TEST^LARGE");
        d.setString(Tag.PatientID, VR.LO, "LARGE-1");
        d.setString(Tag.Modality, VR.CS, "DX");
        d.setInts(Tag.SamplesPerPixel, VR.US, 1);
        d.setString(Tag.PhotometricInterpretation, VR.CS, image.photometric());
        d.setInts(Tag.Rows, VR.US, image.rows());
        d.setInts(Tag.Columns, VR.US, image.columns());
        d.setInts(Tag.BitsAllocated, VR.US, 16);
        d.setInts(Tag.BitsStored, VR.US, image.bitsStored());
        d.setInts(Tag.HighBit, VR.US, image.bitsStored() - 1);
        d.setInts(Tag.PixelRepresentation, VR.US, 0);
        new DicomWriter().write(file, d, NativePixels.ofShorts(image.pixels()));
        return file;
    }
}
