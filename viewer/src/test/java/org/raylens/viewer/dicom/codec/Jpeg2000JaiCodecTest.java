package org.raylens.viewer.dicom.codec;

/** The JPEG 2000 contract through jai-imageio, the pure-Java fallback. */
class Jpeg2000JaiCodecTest extends Jpeg2000CodecContract {

    @Override
    Jpeg2000Codec codec() {
        return Jpeg2000Codec.withJaiImageIo();
    }
}
