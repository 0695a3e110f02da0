package org.raylens.inference.toy;

import org.raylens.inference.encoder.ComputeTarget;
import org.raylens.inference.encoder.Encoder;
import org.raylens.inference.encoder.EncoderFamily;
import org.raylens.inference.encoder.EncoderLoadSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A toy encoder family registered from test code only (src/test/resources/META-INF/services), to show that a family
 * plugs in without main-code edits. It is surer of a folder than DINOv2 ever is when the folder holds
 * {@value #MARKER}, so a DINOv2 folder with the marker loads as a toy: ranking, not registration order, decides.
 * See {@link ToyEncoder} for what it computes (no attentions, no gradients).
 */
public final class ToyEncoderFamily implements EncoderFamily {
    public static final String NAME = "toy";
    /** The file that makes a folder a toy model folder. */
    public static final String MARKER = "toy-encoder.json";
    /** Surer than any DINOv2 answer (at most 100). */
    static final int SURE = 1000;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String displayName() {
        return "Toy (patch means, test only)";
    }

    @Override
    public Support supports(Path folder) {
        return Files.isRegularFile(folder.resolve(MARKER)) ? new Support(SURE, MARKER + " present")
                : Support.cannot("no " + MARKER + " in the folder");
    }

    @Override
    public Encoder load(Path folder, EncoderLoadSettings settings) throws IOException {
        if (!supports(folder).supported()) {
            throw new IOException(folder + " holds no " + MARKER);
        }
        return new ToyEncoder(folder.resolve(MARKER).toString());
    }

    /** Any architecture name gives the one toy encoder (its weights are a fixed formula, the seed is ignored). */
    @Override
    public Encoder randomWeights(String architecture, long seed, ComputeTarget target) {
        return new ToyEncoder("random weights (" + architecture + ")");
    }

    /** Makes {@code folder} a toy model folder (it may hold other models' files too). */
    public static void mark(Path folder) throws IOException {
        Files.createDirectories(folder);
        org.raylens.core.io.AtomicFiles.writeString(folder.resolve(MARKER), "{\"family\": \"toy\"}\n");
    }
}
