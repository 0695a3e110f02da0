package org.raylens.viewer.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Real files: header-only reads stay clear of the pixel bytes, and every encapsulated file's fragments map to its
 * frames (or, where nothing in the file says where frames start, fail with a typed error).
 */
class RealFileLayoutTest {

    /** Records the furthest byte any read reached. */
    private static final class RecordingSource implements ByteSource {
        private final ByteSource delegate;
        long furthest;

        RecordingSource(ByteSource delegate) {
            this.delegate = delegate;
        }

        @Override
        public long size() {
            return delegate.size();
        }

        @Override
        public void read(long position, byte[] dst, int offset, int length) throws IOException {
            furthest = Math.max(furthest, position + length);
            delegate.read(position, dst, offset, length);
        }

        @Override
        public void close() throws IOException {
            delegate.close();
        }
    }

    @Test
    void headerOnlyReadsStopAtPixelData() throws Exception {
        Path folder = ConformanceData.folder();
        int checked = 0;
        for (ConformanceData.Row row : ConformanceData.manifest()) {
            if (ConformanceExpectations.BROKEN.containsKey(row.path())) {
                continue;
            }
            Path file = folder.resolve(row.path());
            long pixelValue;
            try (DicomFile full = DicomReader.read(file)) {
                DicomElement pixels = full.dataset().get(Tag.PixelData);
                if (pixels == null || full.transferSyntax().deflated() || pixels.length() < 65536) {
                    continue;
                }
                pixelValue = pixels.bulkData().valueOffset();
            }
            try (RecordingSource source = new RecordingSource(FileByteSource.open(file))) {
                DicomFile header = DicomReader.read(source, file, true);
                assertFalse(header.dataset().contains(Tag.PixelData), row.path());
                // The reader fetches element headers through an 8 KiB window, so it may see up to one window
                // past the Pixel Data tag, never the (large) pixel value itself.
                assertTrue(source.furthest <= pixelValue + 8192,
                        row.path() + ": header read reached byte " + source.furthest + ", pixel data at "
                                + pixelValue + " of " + source.size());
                checked++;
            }
        }
        assertTrue(checked >= 5, "only " + checked + " files with large pixel data");
    }

    @Test
    void encapsulatedFragmentsMapToFrames() throws Exception {
        Path folder = ConformanceData.folder();
        List<String> unmapped = new ArrayList<>();
        java.util.Set<EncapsulatedFrames.Source> sources = java.util.EnumSet.noneOf(EncapsulatedFrames.Source.class);
        int mapped = 0;
        for (ConformanceData.Row row : ConformanceData.manifest()) {
            if (ConformanceExpectations.BROKEN.containsKey(row.path())) {
                continue;
            }
            try (DicomFile f = DicomReader.read(folder.resolve(row.path()))) {
                DicomElement pixels = f.dataset().get(Tag.PixelData);
                if (pixels == null || !pixels.bulkData().isEncapsulated()) {
                    continue;
                }
                int frames = f.dataset().getInt(Tag.NumberOfFrames, 1);
                try {
                    EncapsulatedFrames map = EncapsulatedFrames.of(pixels.bulkData(), frames, f.dataset(),
                            f.source(), f.path());
                    sources.add(map.source());
                    assertEquals(frames, map.frameCount(), row.path());
                    long total = 0;
                    for (int i = 0; i < frames; i++) {
                        assertFalse(map.fragments(i).isEmpty(), row.path());
                        total += map.frameLength(i);
                    }
                    long all = pixels.bulkData().fragments().stream().mapToLong(BulkData.Fragment::length).sum();
                    assertEquals(all, total, row.path() + ": frames must cover every fragment once");
                    byte[] last = map.readFrame(f.source(), frames - 1);
                    assertEquals(map.frameLength(frames - 1), last.length);
                    mapped++;
                } catch (PixelDataException e) {
                    unmapped.add(row.path() + " (" + frames + " frames, "
                            + pixels.bulkData().fragments().size() + " fragments)");
                }
            }
        }
        System.out.println("EncapsulatedFrames: mapped " + mapped + " via " + sources);
        assertEquals(List.of(), unmapped);
        assertTrue(mapped >= 25, "mapped only " + mapped);
        // The set includes files without a BOT whose frames span several fragments (dicomParser's fragmented
        // files), found by their codestream markers.
        assertTrue(sources.contains(EncapsulatedFrames.Source.CODESTREAM_MARKERS), sources.toString());
    }
}
