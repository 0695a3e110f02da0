package org.raylens.viewer.dicom;

import java.util.Map;

/**
 * What a transfer syntax UID means for parsing: VR encoding, byte order, deflate, and whether pixel data is
 * encapsulated. Unknown UIDs are kept as encapsulated explicit-VR little endian (PS3.5 §10: every syntax other than
 * the three native ones encapsulates) so the header still reads and the pixel decode raises
 * {@link UnsupportedTransferSyntaxException}.
 */
public record TransferSyntax(String uid, String name, boolean explicitVr, boolean bigEndian, boolean deflated,
        boolean encapsulated, boolean lossy) {

    public static final String IMPLICIT_VR_LE = "1.2.840.10008.1.2";
    public static final String EXPLICIT_VR_LE = "1.2.840.10008.1.2.1";
    public static final String DEFLATED_EXPLICIT_VR_LE = "1.2.840.10008.1.2.1.99";
    public static final String EXPLICIT_VR_BE = "1.2.840.10008.1.2.2";
    public static final String JPEG_BASELINE = "1.2.840.10008.1.2.4.50";
    public static final String JPEG_EXTENDED = "1.2.840.10008.1.2.4.51";
    public static final String JPEG_LOSSLESS = "1.2.840.10008.1.2.4.57";
    public static final String JPEG_LOSSLESS_SV1 = "1.2.840.10008.1.2.4.70";
    public static final String JPEG_LS_LOSSLESS = "1.2.840.10008.1.2.4.80";
    public static final String JPEG_LS_NEAR_LOSSLESS = "1.2.840.10008.1.2.4.81";
    public static final String JPEG_2000_LOSSLESS = "1.2.840.10008.1.2.4.90";
    public static final String JPEG_2000 = "1.2.840.10008.1.2.4.91";
    public static final String HTJ2K_LOSSLESS = "1.2.840.10008.1.2.4.201";
    public static final String HTJ2K_LOSSLESS_RPCL = "1.2.840.10008.1.2.4.202";
    public static final String HTJ2K = "1.2.840.10008.1.2.4.203";
    public static final String RLE_LOSSLESS = "1.2.840.10008.1.2.5";

    private static final Map<String, TransferSyntax> KNOWN = Map.ofEntries(
            entry(IMPLICIT_VR_LE, "Implicit VR Little Endian", false, false, false, false, false),
            entry(EXPLICIT_VR_LE, "Explicit VR Little Endian", true, false, false, false, false),
            entry(DEFLATED_EXPLICIT_VR_LE, "Deflated Explicit VR Little Endian", true, false, true, false, false),
            entry(EXPLICIT_VR_BE, "Explicit VR Big Endian", true, true, false, false, false),
            entry(JPEG_BASELINE, "JPEG Baseline (Process 1)", true, false, false, true, true),
            entry(JPEG_EXTENDED, "JPEG Extended (Process 2 & 4)", true, false, false, true, true),
            entry(JPEG_LOSSLESS, "JPEG Lossless, Non-Hierarchical (Process 14)", true, false, false, true, false),
            entry(JPEG_LOSSLESS_SV1, "JPEG Lossless, First-Order Prediction (Process 14 SV1)", true, false, false,
                    true, false),
            entry(JPEG_LS_LOSSLESS, "JPEG-LS Lossless", true, false, false, true, false),
            entry(JPEG_LS_NEAR_LOSSLESS, "JPEG-LS Near-Lossless", true, false, false, true, true),
            entry(JPEG_2000_LOSSLESS, "JPEG 2000 (Lossless Only)", true, false, false, true, false),
            entry(JPEG_2000, "JPEG 2000", true, false, false, true, true),
            entry(HTJ2K_LOSSLESS, "High-Throughput JPEG 2000 (Lossless Only)", true, false, false, true, false),
            entry(HTJ2K_LOSSLESS_RPCL, "High-Throughput JPEG 2000 with RPCL Options (Lossless Only)", true, false,
                    false, true, false),
            entry(HTJ2K, "High-Throughput JPEG 2000", true, false, false, true, true),
            entry(RLE_LOSSLESS, "RLE Lossless", true, false, false, true, false));

    private static Map.Entry<String, TransferSyntax> entry(String uid, String name, boolean explicitVr,
            boolean bigEndian, boolean deflated, boolean encapsulated, boolean lossy) {
        return Map.entry(uid, new TransferSyntax(uid, name, explicitVr, bigEndian, deflated, encapsulated, lossy));
    }

    /** The syntax for a UID; an unknown UID is treated as encapsulated explicit VR little endian. */
    public static TransferSyntax of(String uid) {
        TransferSyntax known = KNOWN.get(uid);
        if (known != null) {
            return known;
        }
        return new TransferSyntax(uid, "unknown transfer syntax", true, false, false, true, false);
    }

    /** True when RayLens knows this UID by name (whether or not it can decode it). */
    public boolean isKnown() {
        return KNOWN.containsKey(uid);
    }

    /** "name (uid)" for messages. */
    public static String describe(String uid) {
        TransferSyntax ts = KNOWN.get(uid);
        return ts == null ? "'" + uid + "'" : ts.name() + " (" + uid + ")";
    }
}
