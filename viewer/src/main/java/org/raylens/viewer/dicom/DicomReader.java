package org.raylens.viewer.dicom;

import java.io.IOException;
import java.nio.file.Path;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads DICOM Part 10 files (PS3.10 §7): the 128-byte preamble and "DICM", the file meta group (always explicit VR
 * little endian), then the dataset in the transfer syntax the meta group names. Files without a preamble or without
 * a meta group (bare datasets, as old archives hold) are read too: their encoding is inferred from the first
 * element, as is a dataset whose meta group lacks (0002,0010).
 *
 * <p>Pixel Data is never read here: it becomes {@link BulkData} (where the value or the fragments lie), read later
 * through {@link DicomFile#source()}. Header-only reads stop before (7FE0,0010) and are what indexing uses.
 * Deflated datasets are inflated into memory, bounded by {@link #MAX_INFLATED_BYTES}.
 *
 * <p>Every failure is a {@link DicomException} subclass naming the file, tag and byte offset. Source files are
 * opened read-only and never written.
 */
public final class DicomReader {
    /** Largest inflated dataset accepted from a deflated file; beyond it the file is refused rather than risk OOM. */
    public static final long MAX_INFLATED_BYTES = 1L << 30;

    private static final int PREAMBLE = 128;

    private DicomReader() {}

    /** Reads the whole file; the returned file keeps the source open for lazy pixel access until closed. */
    public static DicomFile read(Path path) throws DicomException {
        return readPath(path, false);
    }

    /**
     * Reads everything before Pixel Data and closes the file again: for indexing many files. The returned
     * {@link DicomFile} has no source.
     */
    public static DicomFile readHeader(Path path) throws DicomException {
        return readPath(path, true);
    }

    private static DicomFile readPath(Path path, boolean headerOnly) throws DicomException {
        FileByteSource source;
        try {
            source = FileByteSource.open(path);
        } catch (IOException | RuntimeException e) {
            throw new DicomException("cannot open file: " + e, path, DicomException.NO_TAG, DicomException.NO_OFFSET,
                    e);
        }
        boolean keepOpen = false;
        try {
            DicomFile file = read(source, path, headerOnly);
            if (headerOnly) {
                // Indexing reads thousands of headers: do not hold a file handle for each. Inflated sources are
                // in memory and need no handle either.
                return new DicomFile(path, file.fileMeta(), file.dataset(), file.transferSyntax(),
                        file.source() == source ? null : file.source(), true);
            }
            keepOpen = file.source() == source;
            return file;
        } finally {
            if (!keepOpen) {
                closeQuietly(source);
            }
        }
    }

    private static void closeQuietly(ByteSource source) {
        try {
            source.close();
        } catch (IOException ignored) {
            // Closing a read-only channel cannot lose data; the parse result (or its error) is what matters.
        }
    }

    /**
     * Parses {@code source}. The caller keeps ownership of {@code source}; for deflated files the returned
     * {@link DicomFile#source()} is an in-memory inflated copy instead, whose offsets the bulk data refers to.
     *
     * @param nameForMessages the path errors name (may be null)
     */
    public static DicomFile read(ByteSource source, Path nameForMessages, boolean headerOnly)
            throws DicomException {
        StreamCursor in = new StreamCursor(source, nameForMessages, 0);
        DicomDictionary dictionary = DicomDictionary.standard();
        boolean hasMeta = skipPreamble(in);
        DicomObject meta = new DicomObject(false, SpecificCharacterSet.DEFAULT);
        if (hasMeta || startsWithMetaGroup(in)) {
            meta = new FileMetaParser(in).parse();
        }
        String tsUid = meta.getString(Tag.TransferSyntaxUID);
        TransferSyntax ts;
        if (tsUid == null) {
            ts = inferEncoding(in, hasMeta || !meta.elements().isEmpty());
        } else {
            ts = TransferSyntax.of(tsUid);
            ts = correctMislabelledVr(in, ts);
        }
        ByteSource datasetSource = source;
        if (ts.deflated()) {
            datasetSource = inflate(in);
            in = new StreamCursor(datasetSource, nameForMessages, 0);
        }
        DatasetParser parser = new DatasetParser(in, dictionary, headerOnly);
        DicomObject dataset = parser.parseDataset(new DatasetParser.Encoding(ts.explicitVr(), ts.bigEndian()));
        return new DicomFile(nameForMessages, meta, dataset, ts, datasetSource, headerOnly);
    }

    /** Skips the preamble and magic when present; true when they were there. */
    private static boolean skipPreamble(StreamCursor in) throws DicomException {
        if (in.size() >= PREAMBLE + 4 && magicAt(in, PREAMBLE)) {
            in.seek(PREAMBLE + 4);
            return true;
        }
        if (in.size() >= 4 && magicAt(in, 0)) {
            in.seek(4); // "DICM" without the preamble: seen from some tools that strip the 128 bytes
            return true;
        }
        return false;
    }

    private static boolean magicAt(StreamCursor in, long at) throws DicomException {
        long saved = in.position();
        in.seek(at);
        boolean magic = in.peek(0) == 'D' && in.peek(1) == 'I' && in.peek(2) == 'C' && in.peek(3) == 'M';
        in.seek(saved);
        return magic;
    }

    private static boolean startsWithMetaGroup(StreamCursor in) throws DicomException {
        return in.remaining() >= 8 && in.peek(0) == 0x02 && in.peek(1) == 0x00;
    }

    /**
     * A bare dataset (no meta, or meta without a transfer syntax): little endian is what such files are in practice;
     * the VR is explicit when bytes 4–5 of the first element spell a VR. Without the "DICM" magic or a meta group,
     * a first tag outside the groups a dataset starts with means this is not DICOM at all.
     */
    private static TransferSyntax inferEncoding(StreamCursor in, boolean knownDicom) throws DicomException {
        if (in.remaining() < 8 && knownDicom) {
            // the magic or a meta group said DICOM: a file that ends here was cut short, it is not something else
            throw new TruncatedDicomException("the file ends " + in.remaining() + " byte(s) after the file meta"
                    + " information, before any dataset element", in.name(), DicomException.NO_TAG, in.position());
        }
        if (in.remaining() < 8) {
            throw new NotDicomException("not a DICOM file: no preamble, no meta group and fewer than 8 bytes",
                    in.name(), in.position());
        }
        int groupLe = in.peek(0) | (in.peek(1) << 8);
        int groupBe = (in.peek(0) << 8) | in.peek(1);
        boolean explicit = VR.fromCode(in.peek(4), in.peek(5)) != null;
        if (knownDicom && (groupLe & 0xFF00) != 0 && groupBe <= 0x0028 && explicit) {
            return TransferSyntax.of(TransferSyntax.EXPLICIT_VR_BE);
        }
        if (knownDicom || plausibleFirstGroup(groupLe)) {
            return TransferSyntax.of(explicit ? TransferSyntax.EXPLICIT_VR_LE : TransferSyntax.IMPLICIT_VR_LE);
        }
        if (plausibleFirstGroup(groupBe) && explicit) {
            return TransferSyntax.of(TransferSyntax.EXPLICIT_VR_BE);
        }
        throw new NotDicomException(String.format("not a DICOM file: no \"DICM\" magic and the first bytes "
                + "(group 0x%04X) do not start a dataset", groupLe), in.name(), in.position());
    }

    private static boolean plausibleFirstGroup(int group) {
        return group <= 0x0028 && (group & 1) == 0 && group != 0;
    }

    /**
     * Some writers label an implicit-VR dataset as explicit or the reverse. Looking at the first element tells them
     * apart safely: an explicit header has a VR code in bytes 4–5, and an implicit length read from those bytes would
     * then be absurd. The meta group's claim stands whenever the bytes fit it.
     */
    private static TransferSyntax correctMislabelledVr(StreamCursor in, TransferSyntax ts) throws DicomException {
        if (ts.deflated() || in.remaining() < 8) {
            return ts;
        }
        boolean vrBytes = VR.fromCode(in.peek(4), in.peek(5)) != null;
        if (ts.explicitVr() && !vrBytes && !ts.bigEndian()) {
            return TransferSyntax.of(TransferSyntax.IMPLICIT_VR_LE);
        }
        if (!ts.explicitVr() && vrBytes) {
            long implicitLength = in.peek(4) | (in.peek(5) << 8) | ((long) in.peek(6) << 16)
                    | ((long) in.peek(7) << 24);
            if (implicitLength > in.remaining() - 8) {
                return TransferSyntax.of(TransferSyntax.EXPLICIT_VR_LE);
            }
        }
        return ts;
    }

    /**
     * Inflates the rest of the stream (raw deflate, RFC 1951, PS3.5 §A.5) into memory. Two passes: the first counts
     * the inflated bytes (refusing more than {@link #MAX_INFLATED_BYTES}) through a small scratch buffer, the second
     * fills an array of exactly that size; the compressed bytes are streamed from the source in chunks, never
     * copied whole. Memory use is therefore the inflated size, not a guess or a doubling buffer.
     */
    private static ByteSource inflate(StreamCursor in) throws DicomException {
        long start = in.position();
        long length = inflatePass(in, start, null);
        byte[] out = new byte[(int) length];
        inflatePass(in, start, out);
        return new MemoryByteSource(out);
    }

    /** Inflates from {@code start} to the end; writes into {@code out} when given, else only counts. */
    private static long inflatePass(StreamCursor in, long start, byte[] out) throws DicomException {
        Inflater inflater = new Inflater(true);
        byte[] chunk = new byte[(int) Math.min(65536, Math.max(1, in.size() - start))];
        byte[] scratch = out == null ? new byte[65536] : null;
        long produced = 0;
        long next = start;
        try {
            while (!inflater.finished()) {
                if (inflater.needsInput()) {
                    if (next >= in.size()) {
                        break; // some writers omit the final block; what inflated so far is the dataset
                    }
                    int n = (int) Math.min(chunk.length, in.size() - next);
                    in.seek(next);
                    in.readFully(chunk, n, DicomException.NO_TAG); // reused: the inflater has consumed it
                    inflater.setInput(chunk, 0, n);
                    next += n;
                }
                int n;
                if (out == null) {
                    n = inflater.inflate(scratch);
                } else {
                    n = inflater.inflate(out, (int) produced, out.length - (int) produced);
                    if (n == 0 && produced == out.length) {
                        break; // the first pass counted exactly this much
                    }
                }
                produced += n;
                if (produced > MAX_INFLATED_BYTES) {
                    throw new MalformedDicomException("deflated dataset inflates beyond " + MAX_INFLATED_BYTES
                            + " bytes", in.name(), DicomException.NO_TAG, start);
                }
                if (n == 0 && inflater.needsDictionary()) {
                    throw new MalformedDicomException("deflated dataset asks for a preset dictionary", in.name(),
                            DicomException.NO_TAG, start);
                }
            }
            return produced;
        } catch (DataFormatException e) {
            throw new MalformedDicomException("deflated dataset is corrupt: " + e.getMessage(), in.name(),
                    DicomException.NO_TAG, start, e);
        } finally {
            inflater.end();
        }
    }
}
