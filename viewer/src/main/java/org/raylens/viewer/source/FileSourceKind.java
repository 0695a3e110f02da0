package org.raylens.viewer.source;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.raylens.viewer.dicom.DicomFile;
import org.raylens.viewer.image.ImageOpener;
import org.raylens.viewer.study.HeaderReader;

/**
 * The {@code file:} kind: local DICOM files, single frames of multi-frame ones ({@code #frame=N}), and PNG, JPEG
 * and TIFF images, all opened by the viewer's {@link ImageOpener}. Registered in {@code META-INF/services}; code
 * that has already read a file's header (the folder index) makes its sources here with {@link #scanned}.
 */
public final class FileSourceKind implements ImageSourceKind {

    /** The score for any well-formed {@code file:} URI: the only kind of its scheme, so any positive value wins. */
    static final double FILE_SCORE = 1.0;

    private final ImageOpener opener;
    private final HeaderReader headers;

    /** The kind as {@link java.util.ServiceLoader} makes it: every codec on the class path, the DICOM reader. */
    public FileSourceKind() {
        this(new ImageOpener(), HeaderReader.DICOM);
    }

    /** @param headers reads headers not handed over by a scan; tests count reads through it */
    public FileSourceKind(ImageOpener opener, HeaderReader headers) {
        this.opener = Objects.requireNonNull(opener, "opener");
        this.headers = Objects.requireNonNull(headers, "headers");
    }

    @Override
    public String name() {
        return "file";
    }

    @Override
    public double supportScore(URI uri) {
        return uri.getScheme() != null && uri.getScheme().toLowerCase(Locale.ROOT).equals("file") && !uri.isOpaque()
                ? FILE_SCORE : 0;
    }

    @Override
    public FileImageSource open(URI uri) throws ImageSourceException {
        FileAddress address = FileAddress.parse(uri);
        if (!Files.isRegularFile(address.file())) {
            throw new ImageSourceException(uri, address.file().toString(), "no such file", null);
        }
        return new FileImageSource(address, opener, headers, null);
    }

    /** A file whose header has not been read yet: it is read on first request. */
    public FileImageSource file(Path file) {
        return new FileImageSource(FileAddress.of(file), opener, headers, null);
    }

    /** A file whose DICOM header a scan has read already: the header is kept, not read again. */
    public FileImageSource scanned(Path file, DicomFile header) {
        return new FileImageSource(FileAddress.of(file), opener, headers, Optional.of(header));
    }

    /** A file a scan found is not DICOM (a PNG, say): it has no header, and none is looked for. */
    public FileImageSource notDicom(Path file) {
        return new FileImageSource(FileAddress.of(file), opener, headers, Optional.empty());
    }
}
