package org.raylens.inference.encoder;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The one DJL engine RayLens runs on, named once, and its process-wide setup.
 *
 * <p>libtorch's intra-op thread count is global to the process: an encoder that set it while being built would
 * change the speed of every other encoder and training run in the JVM (the window once switched between one thread
 * and every core depending on which model was loaded last). So only the composition root sets it, once, through
 * {@link #configure}: the window before its first model, each CLI command from its {@code --threads} option, the
 * benchmarks from theirs. Library code only {@link #get()}s the engine.
 */
public final class TorchEngine {
    /** DJL's name of the PyTorch (libtorch) engine. */
    public static final String NAME = "PyTorch";

    private TorchEngine() {
    }

    /** The engine, loading libtorch (extracting it to ~/.djl.ai on first use) before any JNI call. */
    public static Engine get() {
        return Engine.getEngine(NAME);
    }

    /**
     * Loads libtorch and sets its intra-op threads for the whole process.
     *
     * @param threads threads per operation; 0 = every core available to the JVM (libtorch's own default is one per
     *                physical core). One thread is far faster for tiny models on a loaded machine, where each
     *                parallel region waits for a descheduled second thread.
     */
    public static void configure(int threads) {
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0, got " + threads);
        }
        get();
        int wanted = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        if (JniUtils.getNumThreads() != wanted) {
            JniUtils.setNumThreads(wanted);
        }
    }
}
