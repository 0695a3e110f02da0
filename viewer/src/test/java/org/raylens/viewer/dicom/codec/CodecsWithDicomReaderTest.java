package org.raylens.viewer.dicom.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.viewer.dicom.BulkData;
import org.raylens.viewer.dicom.DicomElement;
import org.raylens.viewer.dicom.DicomFile;
import org.raylens.viewer.dicom.DicomObject;
import org.raylens.viewer.dicom.DicomReader;
import org.raylens.viewer.dicom.Tag;
import org.raylens.viewer.dicom.TransferSyntax;

/**
 * End to end on the conformance files: {@link DicomReader} parses the file and locates the fragments, the image
 * attributes come from the parsed dataset (not the manifest), and the codecs decode every frame. Lossless results
 * must hash-equal the manifest, lossy ones match GDCM. (Splitting fragments into frames is done here with the
 * usual rules; the pixel registry owns that in the application.)
 */
class CodecsWithDicomReaderTest {

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> everyCompressedFileDecodesThroughTheParser() throws Exception {
        assumeTrue(SharedData.conformance() != null, "../shared conformance data is not available");
        return CodecsOnRealFiles.rows().stream()
                .filter(r -> "Y".equals(r.get("pydicom_decoded")))
                .map(r -> DynamicTest.dynamicTest(r.get("path"), () -> check(r)));
    }

    private void check(Map<String, String> row) throws Exception {
        Path file = SharedData.conformance().resolve(row.get("path"));
        try (DicomFile dicom = DicomReader.read(file)) {
            DicomObject ds = dicom.dataset();
            String syntax = dicom.transferSyntax().uid();
            PixelDescription d = new PixelDescription(ds.getInt(Tag.Rows, 0), ds.getInt(Tag.Columns, 0),
                    Math.max(1, ds.getInt(Tag.NumberOfFrames, 1)), ds.getInt(Tag.SamplesPerPixel, 1),
                    ds.getInt(Tag.BitsAllocated, 0), ds.getInt(Tag.BitsStored, 0), ds.getInt(Tag.HighBit, 0),
                    ds.getInt(Tag.PixelRepresentation, 0) == 1, ds.getString(Tag.PhotometricInterpretation, ""),
                    ds.getInt(Tag.PlanarConfiguration, 0));
            assertEquals(SharedData.description(row).rows(), d.rows());
            DicomElement pixel = ds.get(Tag.PixelData);
            BulkData bulk = pixel.bulkData();
            assertTrue(bulk.isEncapsulated(), "compressed pixel data must be encapsulated");
            List<byte[]> fragments = new ArrayList<>();
            for (BulkData.Fragment f : bulk.fragments()) {
                byte[] b = new byte[f.length()];
                dicom.source().read(f.dataOffset(), b, 0, b.length);
                fragments.add(b);
            }
            int[] bot = new int[bulk.basicOffsetTable().length];
            for (int i = 0; i < bot.length; i++) {
                bot[i] = (int) bulk.basicOffsetTable()[i];
            }
            TestDicom.Encapsulated enc = new TestDicom.Encapsulated(bot, fragments);
            PixelCodec codec = CodecsOnRealFiles.codecFor(syntax);
            int per = (int) d.samplesPerFrame();
            int[] all = new int[per * d.frames()];
            for (int f = 0; f < d.frames(); f++) {
                System.arraycopy(codec.decode(enc.frame(f, d.frames()), d, syntax), 0, all, f * per, per);
            }
            boolean lossy = syntax.equals(TransferSyntax.JPEG_BASELINE) || syntax.equals(TransferSyntax.JPEG_EXTENDED)
                    || syntax.equals(TransferSyntax.JPEG_LS_NEAR_LOSSLESS) || syntax.equals(TransferSyntax.JPEG_2000);
            if (!lossy) {
                assertEquals(row.get("pixel_sha256_le"),
                        SharedData.sha256(SharedData.asManifestValues(all, d, row), d.bitsAllocated()));
            } else if (ReferenceDecode.available()) {
                ConformanceFilesTest.assertCloseEnough(all, ReferenceDecode.gdcm(file, d, tmp), d);
            }
        }
    }
}
