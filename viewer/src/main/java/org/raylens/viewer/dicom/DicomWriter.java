package org.raylens.viewer.dicom;

import org.raylens.core.io.AtomicFiles;
import org.raylens.core.io.AtomicWriteException;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Writes DICOM Part 10 files in Explicit VR Little Endian: the 128-byte preamble, {@code DICM}, a file meta group
 * whose group length is computed, then the dataset. It is for files RayLens creates itself (the synthetic sample
 * study now, exports later), so it writes one well-formed encoding and refuses input it would have to guess about:
 *
 * <ul>
 *   <li>Sequences and items are written with defined lengths, computed before writing: every reader handles them
 *       and a reader can skip a sequence without parsing it.</li>
 *   <li>Odd-length values are padded to even length as PS3.5 §6.2 asks: text with a space, UI and OB/UN with NUL.
 *       Binary values whose length is not a multiple of their unit are rejected rather than padded into garbage.</li>
 *   <li>Dataset group length elements (gggg,0000) are retired outside group 0002 and would be stale after any
 *       change, so they are not written. Elements of group 0002 belong to the meta group the writer builds and
 *       are refused in the dataset.</li>
 *   <li>When a text value that depends on Specific Character Set holds non-ASCII bytes and no (0008,0005) governs
 *       it, the bytes must be UTF-8 and the dataset is written with {@code ISO_IR 192}; anything else is refused.
 *       The caller's {@link DicomObject} is never modified.</li>
 *   <li>Pixel values come from the caller as {@link NativePixels} (OW for 16-bit, OB for 8-bit) and must match
 *       Rows × Columns × Samples per Pixel × Number of Frames.</li>
 * </ul>
 *
 * <p>Files are written to a temporary file in the target folder, forced to disk, and renamed into place, so a
 * failure (or a crash) never leaves a partial file under the target name. An existing target is only replaced when
 * the writer was made with {@link #overwriting()}.
 */
public final class DicomWriter {

    /**
     * RayLens's Implementation Class UID (0002,0012). It sits under the {@code 2.25} UUID root (see
     * {@link UidGenerator}) because RayLens has no registered organisation root; the UUID was generated once, at
     * random, for RayLens 0.x and must stay fixed so that files can be traced to this implementation.
     */
    public static final String IMPLEMENTATION_CLASS_UID = "2.25.307668447513333541173779375004085783404";

    /** Implementation Version Name (0002,0013): at most 16 characters. */
    public static final String IMPLEMENTATION_VERSION_NAME = "RAYLENS_0_1";

    /** (0002,0001), kept here rather than in {@link Tag} because only the writer refers to it. */
    static final int FILE_META_INFORMATION_VERSION = 0x00020001;

    private static final int PREAMBLE_LENGTH = 128;
    private static final int BUFFER_SIZE = 1 << 16;

    private final boolean overwrite;
    private final UnaryOperator<OutputStream> streamWrapper;

    /** A writer that refuses to replace existing files. */
    public DicomWriter() {
        this(false, UnaryOperator.identity());
    }

    /** Test seam: {@code streamWrapper} wraps the stream the file bytes go through (to simulate I/O failures). */
    DicomWriter(boolean overwrite, UnaryOperator<OutputStream> streamWrapper) {
        this.overwrite = overwrite;
        this.streamWrapper = streamWrapper;
    }

    /** A writer like this one that replaces an existing target file (still atomically). */
    public DicomWriter overwriting() {
        return new DicomWriter(true, streamWrapper);
    }

    /**
     * Writes {@code dataset} (and {@code pixels}, if not null, as Pixel Data) to {@code target}.
     *
     * @throws DicomWriteException when the dataset cannot be encoded, the target exists and this writer does not
     *         overwrite, or the file system fails; the target is then untouched
     */
    public void write(Path target, DicomObject dataset, NativePixels pixels) throws DicomWriteException {
        Path absolute = target.toAbsolutePath();
        if (!overwrite && Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
            throw new DicomWriteException("file exists and overwriting was not requested", absolute,
                    DicomException.NO_TAG);
        }
        Plan plan = plan(dataset, pixels, absolute);
        try {
            AtomicFiles.write(absolute, overwrite, out -> {
                OutputStream buffered = new BufferedOutputStream(streamWrapper.apply(out), BUFFER_SIZE);
                writePart10(buffered, plan, absolute);
                buffered.flush();
            });
        } catch (AtomicWriteException e) {
            Throwable cause = e.getCause();
            if (cause instanceof DicomWriteException typed) {
                throw typed;
            }
            if (cause instanceof java.nio.file.FileAlreadyExistsException) {
                throw new DicomWriteException("file exists and overwriting was not requested", absolute,
                        DicomException.NO_TAG);
            }
            throw new DicomWriteException("writing failed: " + e.getMessage(), absolute, DicomException.NO_TAG, e);
        }
    }

    /** The complete Part 10 file as bytes, for tests and small objects. */
    public byte[] toBytes(DicomObject dataset, NativePixels pixels) throws DicomWriteException {
        Plan plan = plan(dataset, pixels, null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writePart10(out, plan, null);
        } catch (IOException e) {
            throw new DicomWriteException("writing failed: " + e.getMessage(), null, DicomException.NO_TAG, e);
        }
        return out.toByteArray();
    }

    /**
     * The file meta group this writer puts before {@code dataset}: version, SOP class and instance from the
     * dataset, transfer syntax, and RayLens's implementation identity, with (0002,0000) computed.
     */
    public static DicomObject fileMetaFor(DicomObject dataset) throws DicomWriteException {
        String sopClass = dataset.getString(Tag.SOPClassUID);
        String sopInstance = dataset.getString(Tag.SOPInstanceUID);
        requireUid(sopClass, Tag.SOPClassUID);
        requireUid(sopInstance, Tag.SOPInstanceUID);
        DicomObject meta = new DicomObject();
        meta.setBytes(FILE_META_INFORMATION_VERSION, VR.OB, new byte[] {0, 1});
        meta.setString(Tag.MediaStorageSOPClassUID, VR.UI, sopClass);
        meta.setString(Tag.MediaStorageSOPInstanceUID, VR.UI, sopInstance);
        meta.setString(Tag.TransferSyntaxUID, VR.UI, TransferSyntax.EXPLICIT_VR_LE);
        meta.setString(Tag.ImplementationClassUID, VR.UI, IMPLEMENTATION_CLASS_UID);
        meta.setString(Tag.ImplementationVersionName, VR.SH, IMPLEMENTATION_VERSION_NAME);
        long groupLength = 0;
        for (DicomElement e : meta.elements()) {
            groupLength += ElementEncoder.encodedLength(e, null);
        }
        meta.setInts(Tag.FileMetaInformationGroupLength, VR.UL, (int) groupLength);
        return meta;
    }

    // ---- planning: everything that can be refused is checked before a byte is written -------------------------

    /** What will be written: the meta group and the dataset's top-level elements in tag order. */
    private record Plan(DicomObject meta, List<DicomElement> elements, NativePixels pixels) {}

    private static Plan plan(DicomObject dataset, NativePixels pixels, Path file) throws DicomWriteException {
        if (dataset.bigEndian()) {
            throw new DicomWriteException("a dataset read as big endian cannot be written as little endian", file,
                    DicomException.NO_TAG);
        }
        DicomObject meta;
        try {
            meta = fileMetaFor(dataset);
        } catch (DicomWriteException e) {
            throw new DicomWriteException(e.reason(), file, e.tag());
        }
        boolean declareUtf8 = CharacterSetCheck.needsUtf8Declaration(dataset, file);
        List<DicomElement> elements = new ArrayList<>();
        if (declareUtf8) {
            elements.add(DicomElement.ofValue(Tag.SpecificCharacterSet, VR.CS,
                    "ISO_IR 192".getBytes(StandardCharsets.US_ASCII), DicomException.NO_OFFSET));
        }
        for (DicomElement e : dataset.elements()) {
            if (Tag.group(e.tag()) == 0x0002) {
                throw new DicomWriteException("file meta elements do not belong in the dataset; the writer builds "
                        + "the meta group itself", file, e.tag());
            }
            if (Tag.element(e.tag()) == 0x0000) {
                continue; // retired dataset group lengths: see the class comment
            }
            if (e.tag() == Tag.PixelData && pixels != null) {
                continue; // replaced by the caller's pixel values below
            }
            elements.add(e);
        }
        if (pixels != null) {
            PixelLayout.check(dataset, pixels, file);
            elements.add(null); // placeholder for Pixel Data, sorted below
        }
        elements.sort((a, b) -> Integer.compareUnsigned(a == null ? Tag.PixelData : a.tag(),
                b == null ? Tag.PixelData : b.tag()));
        for (DicomElement e : elements) {
            if (e != null) {
                ElementEncoder.validate(e, file);
            }
        }
        return new Plan(meta, elements, pixels);
    }

    private static void requireUid(String uid, int tag) throws DicomWriteException {
        if (uid == null) {
            throw new DicomWriteException("required for the file meta group but absent", null, tag);
        }
        if (!UidGenerator.isValid(uid)) {
            throw new DicomWriteException("not a valid UID: '" + uid + "'", null, tag);
        }
    }

    // ---- writing ----------------------------------------------------------------------------------------------

    private static void writePart10(OutputStream out, Plan plan, Path file) throws IOException {
        out.write(new byte[PREAMBLE_LENGTH]);
        out.write(new byte[] {'D', 'I', 'C', 'M'});
        ElementEncoder encoder = new ElementEncoder(out);
        for (DicomElement e : plan.meta().elements()) {
            encoder.write(e);
        }
        for (DicomElement e : plan.elements()) {
            if (e == null) {
                writePixels(out, plan.pixels());
            } else {
                encoder.write(e);
            }
        }
        out.flush();
    }

    private static void writePixels(OutputStream out, NativePixels pixels) throws IOException {
        long length = pixels.byteLength();
        boolean pad = (length & 1) != 0;
        ElementEncoder.writeHeader(out, Tag.PixelData, pixels.vr(), length + (pad ? 1 : 0));
        if (pixels.words() != null) {
            ByteBuffer chunk = ByteBuffer.allocate(BUFFER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
            short[] words = pixels.words();
            for (int i = 0; i < words.length; ) {
                chunk.clear();
                int n = Math.min(words.length - i, BUFFER_SIZE / 2);
                chunk.asShortBuffer().put(words, i, n);
                out.write(chunk.array(), 0, n * 2);
                i += n;
            }
        } else {
            out.write(pixels.bytes());
        }
        if (pad) {
            out.write(0);
        }
    }

    /** True when {@code bytes} decode as UTF-8 without a malformed sequence. */
    static boolean isValidUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

}
