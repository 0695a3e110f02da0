package org.raylens.viewer.dicom.codec;

import java.io.EOFException;
import java.io.IOException;
import javax.imageio.stream.ImageInputStreamImpl;

/**
 * An ImageInputStream over a byte array whose single-byte {@link #read()} throws {@link EOFException} at the end
 * instead of returning −1.
 *
 * <p>Why: jj2000 (the decoder inside jai-imageio) is written against its RandomAccessIO contract, where reading past
 * the end throws EOFException, but jai's adapter passes ImageInputStream's −1 through. The packet-header bit reader
 * then sees 0xFFFFFFFF, i.e. endless one bits, and a truncated or damaged codestream makes it loop forever in
 * {@code PktDecoder.readPktHead}. Throwing restores jj2000's own end-of-codestream handling.
 */
final class StrictEofImageInputStream extends ImageInputStreamImpl {

    private final byte[] data;

    StrictEofImageInputStream(byte[] data) {
        this.data = data;
    }

    @Override
    public int read() throws IOException {
        checkClosed();
        if (streamPos >= data.length) {
            throw new EOFException("end of the encoded frame");
        }
        bitOffset = 0;
        return data[(int) streamPos++] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        checkClosed();
        if (off < 0 || len < 0 || off + len > b.length) {
            throw new IndexOutOfBoundsException();
        }
        bitOffset = 0;
        if (len == 0) {
            return 0;
        }
        if (streamPos >= data.length) {
            return -1;
        }
        int n = (int) Math.min(len, data.length - streamPos);
        System.arraycopy(data, (int) streamPos, b, off, n);
        streamPos += n;
        return n;
    }

    @Override
    public long length() {
        return data.length;
    }
}
