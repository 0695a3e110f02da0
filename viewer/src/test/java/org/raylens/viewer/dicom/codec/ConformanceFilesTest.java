package org.raylens.viewer.dicom.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.viewer.dicom.TransferSyntax;

/**
 * Every compressed file of the conformance set that pydicom decoded, through RayLens's codecs: lossless syntaxes must
 * hash-equal the manifest; lossy ones must match GDCM's decode of the same file (PSNR ≥ 50 dB, or max abs error ≤ 2
 * for 8-bit). Frames are cut from the encapsulated data by test code until the real parser is merged.
 */
class ConformanceFilesTest {

    private static final Set<String> LOSSY = Set.of(TransferSyntax.JPEG_BASELINE, TransferSyntax.JPEG_EXTENDED,
            TransferSyntax.JPEG_LS_NEAR_LOSSLESS, TransferSyntax.JPEG_2000);

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> losslessFilesHashEqualTheManifest() throws Exception {
        assumeTrue(SharedData.conformance() != null, "../shared conformance data is not available");
        return CodecsOnRealFiles.rows().stream()
                .filter(r -> "Y".equals(r.get("pydicom_decoded")) && !LOSSY.contains(r.get("transfer_syntax_uid")))
                .map(r -> DynamicTest.dynamicTest(r.get("path"), () -> {
                    PixelDescription d = SharedData.description(r);
                    int[] decoded = CodecsOnRealFiles.decodeAll(r);
                    assertEquals(r.get("pixel_sha256_le"),
                            SharedData.sha256(SharedData.asManifestValues(decoded, d, r), d.bitsAllocated()));
                }));
    }

    @TestFactory
    Stream<DynamicTest> lossyFilesMatchGdcm() throws Exception {
        assumeTrue(SharedData.conformance() != null, "../shared conformance data is not available");
        assumeTrue(ReferenceDecode.available(), "GDCM (gdcmconv) is not installed");
        return CodecsOnRealFiles.rows().stream()
                .filter(r -> "Y".equals(r.get("pydicom_decoded")) && LOSSY.contains(r.get("transfer_syntax_uid")))
                .map(r -> DynamicTest.dynamicTest(r.get("path"), () -> {
                    PixelDescription d = SharedData.description(r);
                    int[] decoded = CodecsOnRealFiles.decodeAll(r);
                    int[] reference = ReferenceDecode.gdcm(SharedData.conformance().resolve(r.get("path")), d, tmp);
                    assertCloseEnough(decoded, reference, d);
                }));
    }

    static void assertCloseEnough(int[] decoded, int[] reference, PixelDescription d) {
        assertEquals(reference.length, decoded.length, "sample count");
        double psnr = ReferenceDecode.psnr(decoded, reference, d.bitsStored());
        int maxErr = ReferenceDecode.maxAbsError(decoded, reference);
        boolean ok = d.bitsStored() <= 8 ? maxErr <= 2 || psnr >= 50 : psnr >= 50;
        assertTrue(ok, "PSNR " + psnr + " dB, max abs error " + maxErr);
    }

    /** The chest radiographs in cxr/dicom that are compressed (both JPEG 2000), against GDCM. */
    @TestFactory
    Stream<DynamicTest> chestRadiographsMatchGdcm() {
        Path root = SharedData.root();
        assumeTrue(root != null, "../shared data is not available");
        assumeTrue(ReferenceDecode.available(), "GDCM (gdcmconv) is not installed");
        record Cxr(String name, String syntax, PixelDescription d) {
        }
        return Stream.of(
                new Cxr("DX_J2K_0Padding.dcm", TransferSyntax.JPEG_2000_LOSSLESS,
                        new PixelDescription(1416, 1420, 1, 1, 16, 16, 15, false, "MONOCHROME2", 0)),
                new Cxr("RG1_J2KI.dcm", TransferSyntax.JPEG_2000,
                        new PixelDescription(1955, 1841, 1, 1, 16, 15, 14, false, "MONOCHROME1", 0)))
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> {
                    Path file = root.resolve("data/cxr/dicom").resolve(c.name());
                    int[] decoded = CodecsOnRealFiles.codecFor(c.syntax())
                            .decode(TestDicom.encapsulated(file).frame(0, 1), c.d(), c.syntax());
                    int[] reference = ReferenceDecode.gdcm(file, c.d(), tmp);
                    if (c.syntax().equals(TransferSyntax.JPEG_2000_LOSSLESS)) {
                        assertEquals(0, ReferenceDecode.maxAbsError(decoded, reference), "lossless must be exact");
                    } else {
                        assertCloseEnough(decoded, reference, c.d());
                    }
                }));
    }

    @Test
    void noCodecClaimsHtj2kSoTheRegistryReportsItUnsupported() {
        for (String uid : new String[] {TransferSyntax.HTJ2K_LOSSLESS, TransferSyntax.HTJ2K_LOSSLESS_RPCL,
            TransferSyntax.HTJ2K}) {
            assertNull(CodecsOnRealFiles.codecFor(uid), uid);
        }
        for (String uid : new String[] {TransferSyntax.RLE_LOSSLESS, TransferSyntax.JPEG_BASELINE,
            TransferSyntax.JPEG_EXTENDED, TransferSyntax.JPEG_LOSSLESS, TransferSyntax.JPEG_LOSSLESS_SV1,
            TransferSyntax.JPEG_LS_LOSSLESS, TransferSyntax.JPEG_LS_NEAR_LOSSLESS, TransferSyntax.JPEG_2000_LOSSLESS,
            TransferSyntax.JPEG_2000}) {
            assertTrue(CodecsOnRealFiles.codecFor(uid) != null, uid + " has no codec");
        }
    }

    @Test
    void manifestRowsAreFound() throws Exception {
        Map<String, Map<String, String>> m = SharedData.manifest();
        assumeTrue(!m.isEmpty(), "../shared conformance data is not available");
        assertTrue(CodecsOnRealFiles.rows().size() >= 20, "expected the compressed conformance files");
    }
}
