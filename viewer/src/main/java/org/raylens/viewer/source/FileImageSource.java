package org.raylens.viewer.source;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.raylens.viewer.dicom.DicomException;
import org.raylens.viewer.dicom.DicomFile;
import org.raylens.viewer.dicom.NotDicomException;
import org.raylens.viewer.image.DisplayableImage;
import org.raylens.viewer.image.ImageOpener;
import org.raylens.viewer.image.OpenedImage;
import org.raylens.viewer.study.HeaderReader;

/**
 * A local file (DICOM, PNG, JPEG or TIFF), or one frame of a multi-frame DICOM file, as an {@link ImageSource}.
 * Pixels open through the viewer's {@link ImageOpener}. The header is either handed over by whoever already read
 * it (the folder index) or read on first request through the {@link HeaderReader}; either way it is read at most
 * once, and a failure to read it is kept too, so asking again does not touch the file again.
 */
public final class FileImageSource implements ImageSource {

    private final FileAddress address;
    private final URI uri;
    private final ImageOpener opener;
    private final HeaderReader headers;
    private Optional<DicomFile> header; // null until known
    private DicomException headerError;

    FileImageSource(FileAddress address, ImageOpener opener, HeaderReader headers, Optional<DicomFile> knownHeader) {
        this.address = Objects.requireNonNull(address, "address");
        this.uri = address.uri();
        this.opener = Objects.requireNonNull(opener, "opener");
        this.headers = Objects.requireNonNull(headers, "headers");
        this.header = knownHeader;
    }

    public FileAddress address() {
        return address;
    }

    @Override
    public URI uri() {
        return uri;
    }

    @Override
    public String displayName() {
        Path name = address.file().getFileName();
        String file = name == null ? address.file().toString() : name.toString();
        return address.isFrame() ? file + " frame " + address.frame() : file;
    }

    @Override
    public synchronized Optional<DicomFile> header() throws ImageSourceException {
        if (header == null && headerError == null) {
            try {
                header = Optional.of(headers.read(address.file()));
            } catch (NotDicomException e) {
                header = Optional.empty(); // a PNG, JPEG or TIFF: no header, not an error
            } catch (DicomException e) {
                headerError = e;
            }
        }
        if (headerError != null) {
            throw new ImageSourceException(uri, address.file().toString(), headerError.getMessage(), headerError);
        }
        return header;
    }

    @Override
    public DisplayableImage open() throws ImageSourceException {
        // The frame is decoded eagerly, so the file is closed again before the image is shown.
        try (OpenedImage opened = opener.open(address.file())) {
            int index = address.isFrame() ? address.frame() - 1 : 0;
            if (index >= opened.frameCount()) {
                throw new ImageSourceException(uri, address.file().toString(), "has " + opened.frameCount()
                        + (opened.frameCount() == 1 ? " frame" : " frames") + ", no frame " + address.frame(), null);
            }
            return opened.frame(index);
        } catch (DicomException e) {
            throw new ImageSourceException(uri, address.file().toString(), e.getMessage(), e);
        } catch (IOException e) {
            throw new ImageSourceException(uri, address.file().toString(), "cannot be closed: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Path> localFile() {
        return Optional.of(address.file());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FileImageSource other && other.uri.equals(uri);
    }

    @Override
    public int hashCode() {
        return uri.hashCode();
    }

    @Override
    public String toString() {
        return uri.toString();
    }
}
