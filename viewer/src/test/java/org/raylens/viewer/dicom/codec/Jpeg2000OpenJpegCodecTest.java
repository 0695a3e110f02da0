package org.raylens.viewer.dicom.codec;

/** The JPEG 2000 contract through the system's OpenJPEG; skipped with a message where libopenjp2 is absent. */
class Jpeg2000OpenJpegCodecTest extends Jpeg2000CodecContract {

    @Override
    Jpeg2000Codec codec() {
        return Jpeg2000Codec.withOpenJpeg().orElse(null);
    }
}
