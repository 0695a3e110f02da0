package org.raylens.viewer.dicom.codec.openjpeg;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.util.List;
import java.util.Optional;
import org.raylens.viewer.dicom.DicomException;
import org.raylens.viewer.dicom.PixelDataException;
import org.raylens.viewer.dicom.Tag;

/**
 * Decodes a JPEG 2000 codestream with the system's OpenJPEG library (libopenjp2, 2.3 or later) through JNA, from
 * memory. OpenJPEG applies the codestream's inverse multi-component transform (RCT or ICT) itself, as jai-imageio
 * does, so YBR_RCT/YBR_ICT frames come out as RGB.
 *
 * <p>Native code cannot be interrupted, so a stream that could make it spin or read out of bounds must be refused
 * before it gets here: callers screen the main header (size, components, precision, tile and packet counts) against
 * the DICOM attributes and hand over the bare codestream (never a JP2 wrapper, whose boxes OpenJPEG would parse too).
 * Every native object is released in {@code finally}, on success and on failure alike. Stateless and thread-safe:
 * each decode owns its codec, stream and buffers.
 */
public final class OpenJpegDecoder {

    /** Library names tried in order: the development symlink, then the runtime soname Debian/Ubuntu install. */
    private static final List<String> NAMES = List.of("openjp2", "libopenjp2.so.7");

    /**
     * System property naming the library to load instead (a path or a name), e.g. a copy an installer bundles; when
     * set, nothing else is tried.
     */
    public static final String LIBRARY_PROPERTY = "raylens.openjpeg.library";

    /**
     * {@code sizeof(opj_dparameters_t)} is 8 252 bytes in 2.5.0 (two 4 096-byte path buffers dominate); a larger,
     * zeroed block is handed over so a future minor version that grows the struct cannot write past it.
     */
    private static final long DECODER_PARAMETERS_BYTES = 16_384;

    private final OpenJp2 lib;
    private final String version;
    private final int threads;

    private OpenJpegDecoder(OpenJp2 lib, String version, int threads) {
        this.lib = lib;
        this.version = version;
        this.threads = threads;
    }

    /** The outcome of looking for the library: a decoder, or why there is none. */
    public record Availability(Optional<OpenJpegDecoder> decoder, String detail) {
    }

    /** Loads libopenjp2 (call once; the caller keeps the result). Never throws for a missing or unusable library. */
    public static Availability load() {
        if (Native.SIZE_T_SIZE != 8 || Native.POINTER_SIZE != 8) {
            return new Availability(Optional.empty(), "OpenJPEG binding needs a 64-bit platform");
        }
        StringBuilder why = new StringBuilder();
        String chosen = System.getProperty(LIBRARY_PROPERTY);
        for (String name : chosen == null || chosen.isBlank() ? NAMES : List.of(chosen)) {
            try {
                OpenJp2 lib = Native.load(name, OpenJp2.class);
                String version = lib.opj_version();
                if (!supported(version)) {
                    return new Availability(Optional.empty(), "OpenJPEG " + version + " is not 2.3 … 2.x");
                }
                int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
                return new Availability(Optional.of(new OpenJpegDecoder(lib, version, threads)),
                        "OpenJPEG " + version + " (" + name + ")");
            } catch (LinkageError | RuntimeException e) {
                why.append(why.length() == 0 ? "" : "; ").append(name).append(": ").append(e.getMessage());
            }
        }
        return new Availability(Optional.empty(), "libopenjp2 not found (" + why + ")");
    }

    /** Major 2, minor ≥ 3: the struct layouts read here and opj_codec_set_threads. */
    static boolean supported(String version) {
        if (version == null) {
            return false;
        }
        String[] parts = version.split("\\.");
        try {
            return parts.length >= 2 && Integer.parseInt(parts[0]) == 2 && Integer.parseInt(parts[1]) >= 3;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The library version, e.g. "2.5.0". */
    public String version() {
        return version;
    }

    /**
     * Decodes {@code length} bytes of a raw codestream starting at {@code offset}. The expected geometry (from the
     * caller's screening of the SIZ marker) is checked again on the decoded image.
     *
     * @return pixel-interleaved samples, {@code width × height × precision.length} of them
     * @throws PixelDataException with OpenJPEG's own messages when it refuses the stream
     */
    public int[] decode(byte[] data, int offset, int length, int width, int height, int[] precision,
            boolean[] signed) throws PixelDataException {
        Memory block = MemoryStream.block(data, offset, length);
        Memory parameters = new Memory(DECODER_PARAMETERS_BYTES);
        Messages errors = new Messages();
        Messages warnings = new Messages();
        Pointer codec = null;
        Pointer stream = null;
        Pointer image = null;
        try {
            codec = lib.opj_create_decompress(OpenJp2.CODEC_J2K);
            if (codec == null) {
                throw failure("could not create a decoder", errors, warnings);
            }
            lib.opj_set_info_handler(codec, Messages.IGNORE, null);
            lib.opj_set_warning_handler(codec, Messages.COLLECT, warnings.block());
            lib.opj_set_error_handler(codec, Messages.COLLECT, errors.block());
            parameters.clear();
            lib.opj_set_default_decoder_parameters(parameters);
            if (lib.opj_setup_decoder(codec, parameters) == 0) {
                throw failure("set-up failed", errors, warnings);
            }
            if (threads > 1) {
                lib.opj_codec_set_threads(codec, threads); // false without thread support: decodes on one thread
            }
            stream = MemoryStream.open(lib, block);
            if (stream == null) {
                throw failure("could not create a stream", errors, warnings);
            }
            PointerByReference imageRef = new PointerByReference();
            boolean header = lib.opj_read_header(stream, codec, imageRef) != 0;
            image = imageRef.getValue();
            if (!header || image == null) {
                throw failure("main header rejected", errors, warnings);
            }
            if (lib.opj_decode(codec, stream, image) == 0) {
                throw failure("decoding failed", errors, warnings);
            }
            if (lib.opj_end_decompress(codec, stream) == 0) {
                throw failure("end of codestream rejected", errors, warnings);
            }
            return OpenJpegImage.samples(image, width, height, precision, signed);
        } finally {
            if (image != null) {
                lib.opj_image_destroy(image);
            }
            if (stream != null) {
                lib.opj_stream_destroy(stream);
            }
            if (codec != null) {
                lib.opj_destroy_codec(codec);
            }
            block.close();
            parameters.close();
            errors.close();
            warnings.close();
        }
    }

    private PixelDataException failure(String step, Messages errors, Messages warnings) {
        String detail = errors.text();
        if (detail.isEmpty()) {
            detail = warnings.text();
        }
        return new PixelDataException("JPEG 2000 decoder (OpenJPEG " + version + ") could not decode the frame: "
                + step + (detail.isEmpty() ? "" : " (" + detail + ")"), null, Tag.PixelData,
                DicomException.NO_OFFSET);
    }
}
