package org.raylens.viewer.dicom.codec.jpegls;

/** A decoded JPEG-LS frame: samples pixel-interleaved, with the precision and geometry the stream declared. */
public record JpegLsFrame(int[] samples, int precision, int rows, int columns, int components) {
}
