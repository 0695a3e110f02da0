package org.raylens.viewer.dicom.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.viewer.dicom.TransferSyntax;

/**
 * Every JPEG 2000 file of the conformance set and the JPEG 2000 chest radiographs, through BOTH decoders
 * explicitly (whichever one the application prefers, the other must stay correct): lossless files hash-equal the
 * manifest, lossy ones match GDCM's decode (PSNR ≥ 50 dB), and where OpenJPEG is present the two decoders agree
 * exactly on lossless data and within ±1 on lossy data.
 */
class Jpeg2000DecodersOnRealFilesTest {

    @TempDir
    Path tmp;

    private static List<Jpeg2000Codec> decoders() {
        List<Jpeg2000Codec> list = new ArrayList<>(List.of(Jpeg2000Codec.withJaiImageIo()));
        Jpeg2000Codec.withOpenJpeg().ifPresentOrElse(list::add, () -> System.out.println(
                "OpenJPEG path not tested: " + Jpeg2000Codec.openJpegStatus()));
        return list;
    }

    private static int[] decodeAll(Jpeg2000Codec codec, Map<String, String> row) throws Exception {
        PixelDescription d = SharedData.description(row);
        TestDicom.Encapsulated enc = TestDicom.encapsulated(SharedData.conformance().resolve(row.get("path")));
        int per = (int) d.samplesPerFrame();
        int[] all = new int[per * d.frames()];
        for (int f = 0; f < d.frames(); f++) {
            System.arraycopy(codec.decode(enc.frame(f, d.frames()), d, row.get("transfer_syntax_uid")), 0, all,
                    f * per, per);
        }
        return all;
    }

    @TestFactory
    Stream<DynamicTest> conformanceFilesDecodeAlikeThroughBothDecoders() throws Exception {
        assumeTrue(SharedData.conformance() != null, "../shared conformance data is not available");
        List<Jpeg2000Codec> decoders = decoders();
        return CodecsOnRealFiles.rows().stream()
                .filter(r -> "Y".equals(r.get("pydicom_decoded")))
                .filter(r -> r.get("transfer_syntax_uid").equals(TransferSyntax.JPEG_2000_LOSSLESS)
                        || r.get("transfer_syntax_uid").equals(TransferSyntax.JPEG_2000))
                .map(r -> DynamicTest.dynamicTest(r.get("path"), () -> {
                    PixelDescription d = SharedData.description(r);
                    boolean lossless = r.get("transfer_syntax_uid").equals(TransferSyntax.JPEG_2000_LOSSLESS);
                    int[] reference = lossless ? null
                            : gdcm(SharedData.conformance().resolve(r.get("path")), d);
                    List<int[]> outputs = new ArrayList<>();
                    for (Jpeg2000Codec codec : decoders) {
                        int[] decoded = decodeAll(codec, r);
                        outputs.add(decoded);
                        if (lossless) {
                            assertEquals(r.get("pixel_sha256_le"), SharedData.sha256(
                                    SharedData.asManifestValues(decoded, d, r), d.bitsAllocated()),
                                    codec.decoderName());
                        } else {
                            ConformanceFilesTest.assertCloseEnough(decoded, reference, d);
                        }
                    }
                    assertDecodersAgree(outputs, lossless);
                }));
    }

    @TestFactory
    Stream<DynamicTest> chestRadiographsDecodeAlikeThroughBothDecoders() {
        Path root = SharedData.root();
        assumeTrue(root != null, "../shared data is not available");
        assumeTrue(ReferenceDecode.available(), "GDCM (gdcmconv) is not installed");
        List<Jpeg2000Codec> decoders = decoders();
        record Cxr(String name, String syntax, PixelDescription d) {
        }
        return Stream.of(
                new Cxr("DX_J2K_0Padding.dcm", TransferSyntax.JPEG_2000_LOSSLESS,
                        new PixelDescription(1416, 1420, 1, 1, 16, 16, 15, false, "MONOCHROME2", 0)),
                new Cxr("RG1_J2KI.dcm", TransferSyntax.JPEG_2000,
                        new PixelDescription(1955, 1841, 1, 1, 16, 15, 14, false, "MONOCHROME1", 0)))
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> {
                    Path file = root.resolve("data/cxr/dicom").resolve(c.name());
                    byte[] frame = TestDicom.encapsulated(file).frame(0, 1);
                    int[] reference = ReferenceDecode.gdcm(file, c.d(), tmp);
                    boolean lossless = c.syntax().equals(TransferSyntax.JPEG_2000_LOSSLESS);
                    List<int[]> outputs = new ArrayList<>();
                    for (Jpeg2000Codec codec : decoders) {
                        int[] decoded = codec.decode(frame, c.d(), c.syntax());
                        outputs.add(decoded);
                        if (lossless) {
                            assertArrayEquals(reference, decoded, codec.decoderName() + ": lossless must be exact");
                        } else {
                            ConformanceFilesTest.assertCloseEnough(decoded, reference, c.d());
                        }
                    }
                    assertDecodersAgree(outputs, lossless);
                }));
    }

    private int[] gdcm(Path file, PixelDescription d) throws Exception {
        assumeTrue(ReferenceDecode.available(), "GDCM (gdcmconv) is not installed");
        return ReferenceDecode.gdcm(file, d, tmp);
    }

    private static void assertDecodersAgree(List<int[]> outputs, boolean lossless) {
        for (int i = 1; i < outputs.size(); i++) {
            int err = ReferenceDecode.maxAbsError(outputs.get(0), outputs.get(i));
            assertEquals(true, lossless ? err == 0 : err <= 1,
                    "jai-imageio and OpenJPEG differ by up to " + err);
        }
    }
}
