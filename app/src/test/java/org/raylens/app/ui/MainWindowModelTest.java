package org.raylens.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.raylens.app.FakeStudyLoader;
import org.raylens.app.open.StudyLoadException;
import org.raylens.app.task.QueuedRunner;
import org.raylens.app.task.SameThreadRunner;
import org.raylens.viewer.image.DisplayableImage;

class MainWindowModelTest {

    private final FakeStudyLoader loader = new FakeStudyLoader();

    @Test
    void noInputsOpensTheSampleMarkedSyntheticAndShowsItsFirstImage() {
        MainWindowModel model = new MainWindowModel(loader, new SameThreadRunner());
        model.open(List.of());
        assertEquals(3, model.instances().size());
        assertEquals(MainWindowModel.SYNTHETIC_BANNER, model.bannerProperty().get());
        assertEquals(model.instances().get(0), model.selectedProperty().get());
        assertTrue(model.viewport().getImage() != null);
        assertFalse(model.busyProperty().get());
        assertEquals("", model.messageProperty().get());
    }

    @Test
    void userFilesCarryNoBanner() {
        MainWindowModel model = new MainWindowModel(loader, new SameThreadRunner());
        model.open(List.of());
        model.open(List.of(Path.of("x.dcm"), Path.of("y.png")));
        assertEquals("", model.bannerProperty().get());
        assertEquals(2, model.instances().size());
        assertEquals(List.of(Path.of("x.dcm"), Path.of("y.png")), loader.loads.get(1));
    }

    @Test
    void aSlowImageThatArrivesAfterANewerSelectionIsDropped() {
        QueuedRunner runner = new QueuedRunner();
        MainWindowModel model = new MainWindowModel(loader, runner);
        model.open(List.of());
        runner.complete(0); // the study; this queues the first image
        runner.completeAll();
        DisplayableImage first = model.viewport().getImage();

        model.selectedProperty().set(model.instances().get(1));
        model.selectedProperty().set(model.instances().get(2));
        assertEquals(2, runner.pendingCount());
        runner.complete(1); // the newer request finishes first
        DisplayableImage third = model.viewport().getImage();
        assertTrue(third != first);
        runner.complete(0); // the stale one finishes last and must not replace it
        assertSame(third, model.viewport().getImage());
        assertFalse(model.busyProperty().get());
    }

    @Test
    void aStudyThatArrivesAfterANewerOpenIsDropped() {
        QueuedRunner runner = new QueuedRunner();
        MainWindowModel model = new MainWindowModel(loader, runner);
        model.open(List.of());
        model.open(List.of(Path.of("mine.dcm")));
        runner.complete(1);
        runner.complete(0); // the sample study, now stale
        assertEquals(1, model.instances().size());
        assertEquals("", model.bannerProperty().get(), "a stale sample must not raise the synthetic banner");
    }

    @Test
    void anImageThatFailsToOpenSaysWhichFileAndWhy() {
        MainWindowModel model = new MainWindowModel(loader, new SameThreadRunner());
        model.open(List.of(Path.of("ok.dcm"), Path.of("broken.dcm")));
        assertTrue(model.viewport().getImage() != null);
        model.selectedProperty().set(model.instances().get(1));
        assertNull(model.viewport().getImage(), "no stale image stays on screen under an error");
        String message = model.messageProperty().get();
        assertTrue(message.contains("broken.dcm") && message.contains("not a DICOM file"), message);
        model.selectedProperty().set(model.instances().get(0));
        assertEquals("", model.messageProperty().get(), "a good image clears the error");
    }

    @Test
    void aStudyThatCannotBeListedIsReported() {
        MainWindowModel model = new MainWindowModel(loader, new SameThreadRunner());
        model.open(List.of(Path.of("unlistable")));
        assertTrue(model.messageProperty().get().contains("permission denied"), model.messageProperty().get());
        assertFalse(model.busyProperty().get());
    }

    @Test
    void exceptionTypeIsTheSeamsOwn() {
        // The seam's error is checked and typed, so callers cannot forget it.
        assertTrue(Exception.class.isAssignableFrom(StudyLoadException.class));
        assertFalse(RuntimeException.class.isAssignableFrom(StudyLoadException.class));
    }

    @Test
    void anImageWhoseStoredWindowShowsNothingOpensWithAHistogramWindowAndSaysSo() {
        int w = 300;
        int h = 200;
        int[] values = new int[w * h];
        for (int k = 0; k < values.length; k++) {
            values[k] = 35_000 + (k % w) * 2000 / w; // a DX stored at 35 000-37 000
        }
        var image = new org.raylens.viewer.image.GreyscaleImage(w, h, values, false,
                new org.raylens.viewer.image.GreyscalePipeline(org.raylens.viewer.image.ModalityLut.IDENTITY, false,
                        java.util.Map.of()),
                List.of(org.raylens.viewer.image.VoiWindow.linear(2725, 5310, "Window 1")), null);
        org.raylens.app.open.StudyLoader dxLoader = new org.raylens.app.open.StudyLoader() {
            @Override
            public org.raylens.app.open.LoadedStudy load(List<Path> inputs) throws StudyLoadException {
                return loader.load(inputs);
            }

            @Override
            public DisplayableImage open(org.raylens.app.open.StudyInstance instance) {
                return image;
            }
        };
        MainWindowModel model = new MainWindowModel(dxLoader, new SameThreadRunner());
        model.open(List.of(Path.of("dx.dcm")));
        assertEquals("stored window C2725/W5310 does not fit the pixel values (35000 to 36993); using a histogram "
                + "window", model.messageProperty().get());
        assertEquals(image.defaultWindow(), model.viewport().getWindow(), "the viewport opens with it");
        int[] thumb = org.raylens.app.browser.Thumbnail.of(image, 48).argb();
        assertTrue(java.util.Arrays.stream(thumb).map(p -> p & 0xFF).distinct().count() > 10,
                "the thumbnail is not blank white");
    }
}
