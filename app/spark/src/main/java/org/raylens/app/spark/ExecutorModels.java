package org.raylens.app.spark;

import org.raylens.inference.encoder.Encoder;
import org.raylens.inference.encoder.TorchEngine;
import org.raylens.inference.weights.WeightsIdentity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The encoders loaded in this JVM, one per model spec, so an executor loads its model once however many tasks it
 * runs (and its task threads share it, each with its own session). This is the module's one piece of static state,
 * and on purpose: Spark gives a task no handle on its executor's lifetime, so a JVM-wide holder is the only place a
 * loaded model can outlive the task that loaded it. The encoders live until the executor exits.
 */
final class ExecutorModels {
    private static final Map<JobSpec, Encoder> LOADED = new ConcurrentHashMap<>();

    private ExecutorModels() {
    }

    /**
     * This JVM's encoder for {@code spec}, loaded on first use and checked against the weights SHA-256 the driver
     * computed.
     *
     * @throws ModelMismatchException when this executor's copy of the model is not the driver's
     */
    static Encoder get(JobSpec spec) {
        return LOADED.computeIfAbsent(spec, ExecutorModels::load);
    }

    private static Encoder load(JobSpec spec) {
        Path folder = Path.of(spec.model()).toAbsolutePath();
        if (!Files.exists(folder)) {
            throw new ModelMismatchException("the model " + spec.model() + " is not on this executor (working folder "
                    + Path.of("").toAbsolutePath() + "): put it on a path every node sees, or ship it with"
                    + " --archives model.zip#model and pass --executor-model model");
        }
        // this JVM's composition root: libtorch's process-wide thread count is set once, before the first load
        TorchEngine.configure(Math.max(spec.threads(), 0));
        Encoder encoder;
        try {
            // a fresh cache: the executor always hashes its own copy (a cache could hide a changed file)
            Path cache = Files.createTempFile("raylens-weights-sha256", ".properties");
            Files.delete(cache);
            encoder = spec.load(folder, new WeightsIdentity(cache));
            Files.deleteIfExists(cache);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the model " + folder + " on this executor: " + e.getMessage(), e);
        }
        String sha = encoder.provenance().sha256();
        if (spec.expectedSha256() != null && !spec.expectedSha256().equals(sha)) {
            encoder.close();
            throw new ModelMismatchException("the model at " + folder + " on this executor has weights SHA-256 " + sha
                    + ", the driver's has " + spec.expectedSha256() + ": every node must see the same model");
        }
        return encoder;
    }
}
