package org.raylens.viewer.dicom.pixel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.raylens.viewer.dicom.ConformanceData;
import org.raylens.viewer.dicom.DicomFile;
import org.raylens.viewer.dicom.DicomReader;
import org.raylens.viewer.dicom.TransferSyntax;
import org.raylens.viewer.dicom.UnsupportedTransferSyntaxException;
import org.raylens.viewer.dicom.codec.PixelCodecRegistry;

/**
 * Every conformance file pydicom decoded with a lossless or uncompressed transfer syntax must decode to stored
 * values whose little-endian SHA-256 equals the manifest's {@code pixel_sha256_le}. Lossy syntaxes are excluded
 * (their hashes are decoder-specific); encapsulated syntaxes without a registered codec are skipped, naming the
 * syntax, and must raise {@link UnsupportedTransferSyntaxException}.
 */
class ConformancePixelHashTest {
    private static final Set<String> LOSSY = Set.of(TransferSyntax.JPEG_BASELINE, TransferSyntax.JPEG_EXTENDED,
            TransferSyntax.JPEG_LS_NEAR_LOSSLESS, TransferSyntax.JPEG_2000, TransferSyntax.HTJ2K);
    private static final PixelCodecRegistry CODECS = PixelCodecRegistry.fromServiceLoader();

    static Stream<ConformanceData.Row> losslessDecodedRows() {
        List<ConformanceData.Row> rows = ConformanceData.manifest();
        return rows.stream()
                .filter(r -> r.get("pydicom_decoded").equals("Y"))
                .filter(r -> !LOSSY.contains(r.get("transfer_syntax_uid")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("losslessDecodedRows")
    void storedValuesHashToTheManifest(ConformanceData.Row row) throws Exception {
        Path path = ConformanceData.folder().resolve(row.path());
        try (DicomFile file = DicomReader.read(path)) {
            String syntax = file.transferSyntax().uid();
            if (file.transferSyntax().encapsulated() && !CODECS.supports(syntax)) {
                assertThrows(UnsupportedTransferSyntaxException.class, () -> DicomPixels.open(file, CODECS));
                assumeTrue(false, "no codec registered for " + TransferSyntax.describe(syntax) + "; skipping "
                        + row.path());
            }
            DicomPixels pixels = DicomPixels.open(file, CODECS);
            assertEquals(row.get("pixel_sha256_le"), manifestHash(pixels, row), row.path());
        }
    }

    /**
     * The manifest's hash of our stored values. One decoder quirk is undone here, not in RayLens: GDCM (pydicom's
     * gdcm_handler) returns signed compressed data whose Bits Stored is below Bits Allocated as raw, unextended bits
     * (JLSL_16_15_1_1F.dcm: 15-bit signed JPEG-LS), while RayLens sign-extends as PS3.5 defines the stored value.
     * Masking back to Bits Stored compares exactly the same bits.
     */
    private static String manifestHash(DicomPixels pixels, ConformanceData.Row row) throws Exception {
        var d = pixels.description();
        if (!(pixels.isEncapsulated() && d.signed() && d.bitsStored() < d.bitsAllocated()
                && row.get("decoder").equals("gdcm_handler"))) {
            return StoredValueHash.sha256(pixels);
        }
        int mask = (1 << d.bitsStored()) - 1;
        int[][] frames = new int[pixels.frameCount()][];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = pixels.readFrame(i);
            for (int k = 0; k < frames[i].length; k++) {
                frames[i][k] &= mask;
            }
        }
        return StoredValueHash.sha256(d, frames);
    }

    @Test
    void everyUncompressedRowIsCovered() {
        long uncompressed = losslessDecodedRows().filter(r -> !TransferSyntax.of(r.get("transfer_syntax_uid"))
                .encapsulated()).count();
        // 30 DICOMDIR images + CT_small, MR_small (implicit, big endian), emri_small, mlut_18, vlut_04, rtdose,
        // ExplVR_BigEnd, SC_rgb_small_odd, SC_ybr_full_422_uncompressed, examples_overlay, image_dfl.
        assertTrue(uncompressed >= 40, "uncompressed decoded rows: " + uncompressed);
    }
}
