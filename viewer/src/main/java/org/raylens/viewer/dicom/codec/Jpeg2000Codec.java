package org.raylens.viewer.dicom.codec;

import java.util.Optional;
import java.util.Set;
import org.raylens.viewer.dicom.PixelDataException;
import org.raylens.viewer.dicom.TransferSyntax;
import org.raylens.viewer.dicom.codec.openjpeg.OpenJpegDecoder;

/**
 * JPEG 2000 lossless (1.2.840.10008.1.2.4.90) and lossy (.4.91). Two decoders give the same samples: the system's
 * OpenJPEG library through JNA (about twice as fast; used when libopenjp2 loads) and jai-imageio (pure Java; the
 * fallback where OpenJPEG is absent, or when {@code -Draylens.openjpeg=false}). The choice is made once per JVM, on
 * first use, and logged.
 *
 * <p>The codestream's own multi-component transform (RCT for YBR_RCT, ICT for YBR_ICT) is inverted by either
 * decoder, so colour frames with those photometric interpretations come out as RGB. Signed components are
 * sign-extended from Bits Stored here. Before any decoder sees the bytes, the SIZ geometry is checked against the
 * DICOM header and {@link J2kHeader} screens the main header and packet data for what would make a decoder
 * allocate without bound or spin; for the native decoder this is the only protection, as native code cannot be
 * interrupted. A JP2-wrapped frame (some writers embed JP2 files) is decoded from its codestream box.
 */
public final class Jpeg2000Codec implements PixelCodec {

    private static final Set<String> SYNTAXES = Set.of(TransferSyntax.JPEG_2000_LOSSLESS, TransferSyntax.JPEG_2000);

    /** Decodes one screened frame to raw samples, pixel-interleaved. */
    interface FrameDecoder {
        String name();

        int[] decode(byte[] encoded, J2kHeader header, int samples) throws PixelDataException;
    }

    private final FrameDecoder decoder;

    /** The preferred decoder: OpenJPEG when it loads and is not disabled, otherwise jai-imageio. */
    public Jpeg2000Codec() {
        this(Selection.PREFERRED);
    }

    private Jpeg2000Codec(FrameDecoder decoder) {
        this.decoder = decoder;
    }

    /** A codec that always uses jai-imageio (tests, benchmarks, a user who distrusts native code). */
    public static Jpeg2000Codec withJaiImageIo() {
        return new Jpeg2000Codec(new JaiJpeg2000Decoder());
    }

    /** A codec that always uses OpenJPEG, or empty when libopenjp2 cannot be loaded (whatever the property says). */
    public static Optional<Jpeg2000Codec> withOpenJpeg() {
        return Native.AVAILABILITY.decoder().map(d -> new Jpeg2000Codec(new NativeDecoder(d)));
    }

    /** Why OpenJPEG is or is not available: its version, or the loading failure. */
    public static String openJpegStatus() {
        return Native.AVAILABILITY.detail();
    }

    /** Which decoder this codec uses: "OpenJPEG 2.5.0" or "jai-imageio". */
    public String decoderName() {
        return decoder.name();
    }

    @Override
    public Set<String> transferSyntaxes() {
        return SYNTAXES;
    }

    @Override
    public int[] decode(byte[] frame, PixelDescription description, String transferSyntaxUid)
            throws PixelDataException {
        int samples = SampleOutput.samplesPerFrame(description);
        byte[] encoded = J2kFrameBounds.codestream(frame);
        J2kHeader header = J2kHeader.parse(encoded);
        if (header.width() != description.columns() || header.height() != description.rows()
                || header.components() != description.samplesPerPixel()) {
            throw CodecErrors.corrupt("JPEG 2000 image is " + header.width() + "×" + header.height() + "×"
                    + header.components() + " but the header declares " + description.columns() + "×"
                    + description.rows() + "×" + description.samplesPerPixel());
        }
        for (int p : header.precision()) {
            if (p > Math.min(16, Math.max(description.bitsAllocated(), 8))) {
                throw CodecErrors.corrupt("JPEG 2000 component precision " + p + " exceeds Bits Allocated "
                        + description.bitsAllocated());
            }
        }
        return SampleOutput.toStoredValues(decoder.decode(encoded, header, samples), description);
    }

    /** The OpenJPEG path, fed the bare codestream. */
    private record NativeDecoder(OpenJpegDecoder openJpeg) implements FrameDecoder {
        @Override
        public String name() {
            return "OpenJPEG " + openJpeg.version();
        }

        @Override
        public int[] decode(byte[] encoded, J2kHeader header, int samples) throws PixelDataException {
            int start = header.codestreamStart();
            int[] out = openJpeg.decode(encoded, start, encoded.length - start, header.width(), header.height(),
                    header.precision(), header.signed());
            if (out.length != samples) {
                throw CodecErrors.corrupt("JPEG 2000 decoder returned " + out.length + " samples, expected "
                        + samples);
            }
            return out;
        }
    }

    /** libopenjp2, looked for once per JVM on first use (class initialisation is lazy and thread-safe). */
    private static final class Native {
        static final OpenJpegDecoder.Availability AVAILABILITY = load();

        private static OpenJpegDecoder.Availability load() {
            try {
                return OpenJpegDecoder.load();
            } catch (LinkageError e) { // JNA itself missing from a trimmed class path: stay on jai-imageio
                return new OpenJpegDecoder.Availability(Optional.empty(), "JNA is not available (" + e + ")");
            }
        }
    }

    /** The decoder the no-argument constructor uses, chosen and logged once. */
    private static final class Selection {
        static final FrameDecoder PREFERRED = choose();

        private static FrameDecoder choose() {
            System.Logger log = System.getLogger(Jpeg2000Codec.class.getName());
            if (!Boolean.parseBoolean(System.getProperty("raylens.openjpeg", "true"))) {
                log.log(System.Logger.Level.INFO, "JPEG 2000: jai-imageio (OpenJPEG disabled by raylens.openjpeg)");
                return new JaiJpeg2000Decoder();
            }
            Optional<OpenJpegDecoder> openJpeg = Native.AVAILABILITY.decoder();
            if (openJpeg.isPresent()) {
                log.log(System.Logger.Level.INFO, "JPEG 2000: " + Native.AVAILABILITY.detail());
                return new NativeDecoder(openJpeg.get());
            }
            log.log(System.Logger.Level.INFO, "JPEG 2000: jai-imageio; " + Native.AVAILABILITY.detail());
            return new JaiJpeg2000Decoder();
        }
    }
}
