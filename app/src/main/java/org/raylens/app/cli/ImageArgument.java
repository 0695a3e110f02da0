package org.raylens.app.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;
import org.raylens.viewer.source.FileAddress;
import org.raylens.viewer.source.ImageSourceException;
import org.raylens.viewer.source.ImageSourceKind;
import org.raylens.viewer.source.ImageSourceRegistry;
import org.raylens.viewer.source.UnsupportedSourceException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * One image (or folder) named on the command line: a plain path ({@code scans/IM1.dcm}) or an image source URI
 * ({@code file:///data/mf.dcm#frame=2} for frame 2 of a multi-frame file). Either way it becomes a URI that the
 * {@link ImageSourceRegistry} resolves, so the commands open images as the window does and a new source kind needs
 * no change here. A URI that no installed kind supports (an {@code http:} address, say) is a usage error naming the
 * kinds there are; nothing is ever fetched to find out.
 *
 * @param text what was typed
 * @param uri  the source URI it names
 */
public record ImageArgument(String text, URI uri) {

    /** A scheme of two letters or more: "C:\x" is a Windows path, not a URI. */
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:.*", Pattern.DOTALL);

    /**
     * Reads a command-line argument.
     *
     * @throws UnsupportedSourceException when it is a URI no installed source kind supports
     * @throws ImageSourceException       when it is a URI the chosen kind cannot read (a bad {@code #frame=})
     */
    public static ImageArgument parse(String text, ImageSourceRegistry registry) throws ImageSourceException {
        if (!SCHEME.matcher(text).matches()) {
            try {
                return new ImageArgument(text, FileAddress.of(Path.of(text)).uri());
            } catch (InvalidPathException e) {
                throw new ImageSourceException(null, text, "not a valid path: " + e.getMessage(), e);
            }
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new ImageSourceException(null, text, "not a valid URI: " + e.getMessage(), e);
        }
        ImageSourceKind kind = registry.best(uri).orElseThrow(() ->
                new UnsupportedSourceException(uri, registry.kinds().stream().map(ImageSourceKind::name).toList()));
        if (kind.name().equals("file")) {
            FileAddress.parse(uri); // a malformed fragment or query is the user's to fix now, not per file later
        }
        return new ImageArgument(text, uri);
    }

    /** The local file or folder this names as a whole (not one frame of it), if it names one. */
    public Optional<Path> wholeLocalFile() {
        try {
            FileAddress address = FileAddress.parse(uri);
            return address.isFrame() ? Optional.empty() : Optional.of(address.file());
        } catch (ImageSourceException notAFile) {
            return Optional.empty(); // another kind of source: no local file to list
        }
    }

    /**
     * The arguments of a command whose images are optional ({@code 0..*}): picocli leaves a value its converter
     * refuses there as "unmatched" and loses the reason, so such a command takes strings and reads them here.
     *
     * @throws ParameterException a usage error saying why an argument names no image source
     */
    public static List<ImageArgument> parseAll(CommandSpec spec, List<String> texts) {
        Converter converter = new Converter();
        List<ImageArgument> out = new ArrayList<>();
        for (String text : texts == null ? List.<String>of() : texts) {
            try {
                out.add(converter.convert(text));
            } catch (TypeConversionException e) {
                String why = e.getMessage();
                throw new ParameterException(spec.commandLine(), why.startsWith(text) ? why : text + ": " + why);
            }
        }
        return out;
    }

    /** picocli's converter: a bad argument is a usage error whose message says why. */
    public static final class Converter implements ITypeConverter<ImageArgument> {
        private final ImageSourceRegistry registry = ImageSourceRegistry.fromServiceLoader();

        @Override
        public ImageArgument convert(String value) {
            try {
                return parse(value, registry);
            } catch (ImageSourceException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
