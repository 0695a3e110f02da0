package org.raylens.viewer.dicom.codec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import org.raylens.viewer.dicom.UnsupportedTransferSyntaxException;

/**
 * The codecs RayLens can decode encapsulated pixel data with, by transfer syntax UID. Codecs announce themselves
 * through {@link ServiceLoader} ({@code META-INF/services/org.raylens.viewer.dicom.codec.PixelCodec}) or are passed
 * explicitly (tests, a user preference). Immutable once built; the first codec listed for a syntax wins.
 */
public final class PixelCodecRegistry {
    private final Map<String, PixelCodec> bySyntax;

    private PixelCodecRegistry(List<PixelCodec> codecs) {
        Map<String, PixelCodec> map = new LinkedHashMap<>();
        for (PixelCodec codec : codecs) {
            for (String uid : codec.transferSyntaxes()) {
                map.putIfAbsent(uid, codec);
            }
        }
        this.bySyntax = Map.copyOf(map);
    }

    /** The given codecs, earlier ones taking precedence. */
    public static PixelCodecRegistry of(List<? extends PixelCodec> codecs) {
        return new PixelCodecRegistry(new ArrayList<>(codecs));
    }

    /** Every codec on the class path, found through {@link ServiceLoader}. */
    public static PixelCodecRegistry fromServiceLoader() {
        List<PixelCodec> found = new ArrayList<>();
        ServiceLoader.load(PixelCodec.class, PixelCodecRegistry.class.getClassLoader()).forEach(found::add);
        return new PixelCodecRegistry(found);
    }

    /** True when some codec decodes {@code transferSyntaxUid}. */
    public boolean supports(String transferSyntaxUid) {
        return transferSyntaxUid != null && bySyntax.containsKey(transferSyntaxUid);
    }

    /** The transfer syntaxes with a codec. */
    public Set<String> supportedSyntaxes() {
        return bySyntax.keySet();
    }

    /**
     * The codec for a syntax.
     *
     * @throws UnsupportedTransferSyntaxException naming the syntax and the file when no codec decodes it
     */
    public PixelCodec codecFor(String transferSyntaxUid, Path file) throws UnsupportedTransferSyntaxException {
        PixelCodec codec = transferSyntaxUid == null ? null : bySyntax.get(transferSyntaxUid);
        if (codec == null) {
            throw new UnsupportedTransferSyntaxException(transferSyntaxUid, file);
        }
        return codec;
    }
}
