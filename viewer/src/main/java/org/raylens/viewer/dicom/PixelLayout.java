package org.raylens.viewer.dicom;

import java.nio.file.Path;

/**
 * Checks that pixel values handed to {@link DicomWriter} match the image attributes of the dataset they go into, so
 * the writer never produces a file whose Pixel Data length contradicts Rows × Columns × Samples × Frames.
 */
final class PixelLayout {
    private PixelLayout() {}

    static void check(DicomObject dataset, NativePixels pixels, Path file) throws DicomWriteException {
        int rows = require(dataset, Tag.Rows, file);
        int columns = require(dataset, Tag.Columns, file);
        int bitsAllocated = require(dataset, Tag.BitsAllocated, file);
        int samples = dataset.getInt(Tag.SamplesPerPixel, 1);
        int frames = dataset.getInt(Tag.NumberOfFrames, 1);
        if (bitsAllocated != pixels.bitsAllocated()) {
            throw new DicomWriteException("Bits Allocated is " + bitsAllocated + " but " + pixels.bitsAllocated()
                    + "-bit values were given", file, Tag.BitsAllocated);
        }
        int bitsStored = dataset.getInt(Tag.BitsStored, bitsAllocated);
        if (bitsStored < 1 || bitsStored > bitsAllocated) {
            throw new DicomWriteException("Bits Stored " + bitsStored + " is outside 1.." + bitsAllocated, file,
                    Tag.BitsStored);
        }
        if (rows <= 0 || columns <= 0 || samples <= 0 || frames <= 0) {
            throw new DicomWriteException("image dimensions must be positive: rows " + rows + ", columns " + columns
                    + ", samples " + samples + ", frames " + frames, file, Tag.Rows);
        }
        long expected;
        try {
            expected = Math.multiplyExact(Math.multiplyExact((long) rows, columns),
                    Math.multiplyExact((long) samples, frames));
        } catch (ArithmeticException e) {
            throw new DicomWriteException("image dimensions overflow", file, Tag.Rows);
        }
        if (expected != pixels.sampleCount()) {
            throw new DicomWriteException("the image attributes call for " + expected + " samples but "
                    + pixels.sampleCount() + " were given", file, Tag.PixelData);
        }
    }

    private static int require(DicomObject dataset, int tag, Path file) throws DicomWriteException {
        int[] v = dataset.getInts(tag);
        if (v.length == 0) {
            throw new DicomWriteException("required with pixel data but absent", file, tag);
        }
        return v[0];
    }
}
