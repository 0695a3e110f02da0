package org.raylens.viewer.dicom.codec;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** Shared plumbing for tests over the conformance files: which codec decodes a row, and decoding all its frames. */
final class CodecsOnRealFiles {

    private CodecsOnRealFiles() {
    }

    /** Loaded once, so every test shares one instance per codec, as the application's registry does. */
    private static final List<PixelCodec> CODECS = ServiceLoader.load(PixelCodec.class).stream()
            .map(ServiceLoader.Provider::get).toList();

    static PixelCodec codecFor(String transferSyntaxUid) {
        for (PixelCodec c : CODECS) {
            if (c.transferSyntaxes().contains(transferSyntaxUid)) {
                return c;
            }
        }
        return null;
    }

    /** Manifest rows (sorted by path) whose syntax one of the codecs claims. */
    static List<Map<String, String>> rows() throws Exception {
        Map<String, Map<String, String>> all = new TreeMap<>(SharedData.manifest());
        return all.values().stream()
                .filter(r -> !r.get("transfer_syntax_uid").isEmpty() && codecFor(r.get("transfer_syntax_uid")) != null)
                .filter(r -> "Y".equals(r.get("has_pixel_data")) && !r.get("rows").isEmpty())
                .toList();
    }

    /** Decodes every frame of a conformance file and concatenates them. */
    static int[] decodeAll(Map<String, String> row) throws Exception {
        PixelDescription d = SharedData.description(row);
        Path file = SharedData.conformance().resolve(row.get("path"));
        TestDicom.Encapsulated enc = TestDicom.encapsulated(file);
        PixelCodec codec = codecFor(row.get("transfer_syntax_uid"));
        int per = (int) d.samplesPerFrame();
        int[] all = new int[per * d.frames()];
        for (int f = 0; f < d.frames(); f++) {
            int[] frame = codec.decode(enc.frame(f, d.frames()), d, row.get("transfer_syntax_uid"));
            System.arraycopy(frame, 0, all, f * per, per);
        }
        return all;
    }
}
