package org.raylens.viewer.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.viewer.dicom.DicomFile;
import org.raylens.viewer.dicom.DicomObject;
import org.raylens.viewer.dicom.DicomReader;
import org.raylens.viewer.dicom.Tag;

class SampleStudyTest {
    static final ChestPhantom.Spec SMALL = ChestPhantom.Spec.defaults().withSize(250, 300);

    @Test
    void generatesOneStudyOfThreeSeriesMarkedSynthetic(@TempDir Path dir) throws Exception {
        List<Path> files = SampleStudy.ensureGenerated(dir.resolve("sample"), SMALL);
        assertEquals(3, files.size());
        Set<String> instances = new HashSet<>();
        Set<String> series = new HashSet<>();
        Set<String> studies = new HashSet<>();
        Set<String> photometric = new HashSet<>();
        List<String> views = new java.util.ArrayList<>();
        for (Path f : files) {
            assertTrue(Files.isRegularFile(f), f.toString());
            try (DicomFile file = DicomReader.readHeader(f)) {
                DicomObject d = file.dataset();
                instances.add(d.getString(Tag.SOPInstanceUID));
                series.add(d.getString(Tag.SeriesInstanceUID));
                studies.add(d.getString(Tag.StudyInstanceUID));
                photometric.add(d.getString(Tag.PhotometricInterpretation));
                assertEquals(d.getString(Tag.SOPInstanceUID),
                        file.fileMeta().getString(Tag.MediaStorageSOPInstanceUID));
                assertEquals("SYNTHETIC^PHANTOM", d.getString(Tag.PatientName));
                assertEquals("RAYLENS-SYNTHETIC", d.getString(Tag.PatientID));
                assertEquals("RayLens synthetic sample study — not patient data", d.getString(Tag.StudyDescription));
                assertEquals("ISO_IR 192", d.getString(Tag.SpecificCharacterSet));
                assertEquals("DX", d.getString(Tag.Modality));
                assertEquals("SYN", d.getString(Tag.ConversionType));
                assertEquals("CHEST", d.getString(Tag.BodyPartExamined));
                views.add(d.getString(Tag.ViewPosition) + " "
                        + String.join("\\", d.getStrings(Tag.PatientOrientation)));
                assertEquals(16, d.getInt(Tag.BitsAllocated, 0));
                assertEquals(14, d.getInt(Tag.BitsStored, 0));
                assertEquals(13, d.getInt(Tag.HighBit, 0));
                assertEquals(300, d.getInt(Tag.Rows, 0));
                assertEquals(250, d.getInt(Tag.Columns, 0));
                assertArrayEquals(d.getDoubles(Tag.PixelSpacing), d.getDoubles(Tag.ImagerPixelSpacing));
                assertEquals(2, d.getDoubles(Tag.WindowCenter).length);
                assertEquals(2, d.getDoubles(Tag.WindowWidth).length);
                assertEquals(2, d.getStrings(Tag.WindowCenterWidthExplanation).length);
                assertEquals(1.0, d.getDouble(Tag.RescaleSlope, 0));
                assertEquals(0.0, d.getDouble(Tag.RescaleIntercept, 1));
                assertEquals("NO", d.getString(SampleTags.BurnedInAnnotation));
            }
        }
        assertEquals(3, instances.size(), "distinct SOP instances");
        assertEquals(3, series.size(), "one series per view");
        assertEquals(1, studies.size(), "one study");
        assertEquals(Set.of("MONOCHROME1", "MONOCHROME2"), photometric);
        assertEquals(List.of("PA L\\F", "LL P\\F", "PA L\\F"), views);
    }

    @Test
    void pixelsInTheFileAreThePhantomsPixels(@TempDir Path dir) throws Exception {
        Path pa = SampleStudy.ensureGenerated(dir.resolve("s"), SMALL).get(0);
        short[] expected = ChestPhantom.generate(SMALL).pixels();
        byte[] file = Files.readAllBytes(pa);
        int start = file.length - expected.length * 2;
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], (short) ((file[start + 2 * i] & 0xFF) | (file[start + 2 * i + 1] << 8)));
        }
    }

    @Test
    void aCurrentStudyIsReusedAndAnOutdatedOrIncompleteOneRegenerated(@TempDir Path dir) throws Exception {
        Path folder = dir.resolve("sample");
        List<Path> files = SampleStudy.ensureGenerated(folder, SMALL);
        Path marker = folder.resolve(SampleStudy.MARKER);
        assertEquals(SampleStudy.GENERATOR_VERSION, Files.readString(marker).strip());

        // Reused: a file we drop in stays, which it would not if the folder were replaced.
        Path sentinel = folder.resolve("sentinel");
        Files.writeString(sentinel, "x");
        assertEquals(files, SampleStudy.ensureGenerated(folder, SMALL));
        assertTrue(Files.exists(sentinel));

        // An older generator's study is replaced as a whole.
        Files.writeString(marker, "0\n");
        SampleStudy.ensureGenerated(folder, SMALL);
        assertFalse(Files.exists(sentinel));
        assertEquals(SampleStudy.GENERATOR_VERSION, Files.readString(marker).strip());

        // So is one with a file missing.
        Files.delete(files.get(1));
        Files.writeString(sentinel, "x");
        SampleStudy.ensureGenerated(folder, SMALL);
        assertTrue(Files.isRegularFile(files.get(1)));
        assertFalse(Files.exists(sentinel));
        assertEquals(List.of("sample"), names(dir), "no staging or old folders are left beside it");
    }

    @Test
    void uidsAreStableAcrossRegenerations(@TempDir Path dir) throws Exception {
        Path a = SampleStudy.ensureGenerated(dir.resolve("a"), SMALL).get(0);
        Path b = SampleStudy.ensureGenerated(dir.resolve("b"), SMALL).get(0);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), "same version, same bytes, same UIDs");
    }

    @Test
    void twoStartsAtOnceBothGetACompleteStudy(@TempDir Path dir) throws Exception {
        Path folder = dir.resolve("sample");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<List<Path>> start = () -> SampleStudy.ensureGenerated(folder, SMALL);
            Future<List<Path>> first = pool.submit(start);
            Future<List<Path>> second = pool.submit(start);
            assertEquals(first.get(), second.get());
        } finally {
            pool.shutdownNow();
        }
        assertTrue(SampleStudy.isCurrent(folder));
        assertEquals(List.of("sample"), names(dir));
        for (Path f : SampleStudy.files(folder)) {
            try (DicomFile file = DicomReader.read(f)) {
                assertNotEquals(null, file.dataset().get(Tag.PixelData));
            }
        }
    }

    @Test
    void dcmdumpReadsTheSampleWithoutWarnings(@TempDir Path dir) throws Exception {
        for (Path f : SampleStudy.ensureGenerated(dir.resolve("s"), SMALL)) {
            String dump = org.raylens.viewer.dicom.DcmdumpSupport.dumpWithoutWarnings(f);
            assertTrue(dump.contains("SYNTHETIC^PHANTOM"), dump);
        }
    }

    static List<String> names(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
