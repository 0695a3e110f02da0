package org.raylens.viewer.dicom.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Decodes a file with GDCM ({@code gdcmconv --raw}) and compares values the way the issue asks for lossy data. */
final class ReferenceDecode {

    private ReferenceDecode() {
    }

    static boolean available() {
        return ExternalTools.available("gdcmconv");
    }

    /** All frames as stored values (sign-extended from Bits Stored when signed), as GDCM writes them raw. */
    static int[] gdcm(Path file, PixelDescription d, Path tmp) throws Exception {
        Path out = Files.createTempFile(tmp, "gdcm", ".dcm");
        ExternalTools.run("gdcmconv", "--raw", file.toString(), out.toString());
        return values(TestDicom.nativePixelData(out), d);
    }

    static int[] values(byte[] raw, PixelDescription d) {
        int n = (int) (d.samplesPerFrame() * d.frames());
        int[] v = new int[n];
        ByteBuffer bb = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            v[i] = switch (d.bitsAllocated()) {
                case 8 -> raw[i] & 0xFF;
                case 16 -> bb.getShort(2 * i) & 0xFFFF;
                default -> bb.getInt(4 * i);
            };
        }
        return SampleOutput.toStoredValues(v, d);
    }

    /** Peak signal-to-noise ratio in dB over Bits Stored (infinite when equal). */
    static double psnr(int[] a, int[] b, int bitsStored) {
        double se = 0;
        for (int i = 0; i < a.length; i++) {
            double e = a[i] - b[i];
            se += e * e;
        }
        if (se == 0) {
            return Double.POSITIVE_INFINITY;
        }
        double peak = (1L << bitsStored) - 1;
        return 10 * Math.log10(peak * peak / (se / a.length));
    }

    static int maxAbsError(int[] a, int[] b) {
        int m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }
}
