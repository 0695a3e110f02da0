package org.raylens.app.cli;

import org.raylens.inference.encoder.ComputeTarget;
import org.raylens.inference.encoder.TorchEngine;
import org.raylens.inference.encoder.Encoder;
import org.raylens.inference.encoder.Encoders;
import org.raylens.inference.encoder.Precision;
import org.raylens.inference.kernel.CpuFeatures;
import org.raylens.inference.model.LoadOptions;
import org.raylens.inference.model.ModelLoadException;
import org.raylens.inference.weights.SafetensorsException;
import org.raylens.inference.weights.WeightsIdentity;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.io.PrintWriter;
import java.nio.file.Path;

/** Options shared by every command that loads an encoder from a model folder (a picocli mixin). */
public final class ModelOptions {
    @Option(names = "--model", description = "model folder (config.json + model.safetensors, a DINOv2-native "
            + ".safetensors, or EVA-X weights: a folder or a single .pth/.pt/.safetensors file)")
    Path model;

    @Option(names = "--weights-file", description = "weights file name inside the folder (default: model.safetensors, "
            + "else backbone_compatible.safetensors)")
    String weightsFile;

    @Option(names = "--heads", description = "attention heads: required for a native checkpoint without config.json"
            + " unless its shapes are exactly a published DINOv2 model's (shapes cannot tell the head count)")
    Integer heads;

    @Option(names = "--gpu", description = "use CUDA when available (falls back to CPU with a message)")
    boolean gpu;

    @Option(names = "--precision", defaultValue = "FP32", converter = PrecisionConverter.class,
            description = "fp32 (default, exact) or bf16: the fast mode (on the CPU, linear layers and attention"
                    + " multiply in bf16 inside RayLens's kernel; LayerNorm, softmax and outputs stay fp32; every output"
                    + " says bf16). Fast only where the CPU has AMX or AVX-512-BF16; elsewhere it runs, slower, with a"
                    + " warning. fp16 on CUDA only")
    Precision precision;

    @Option(names = "--threads", defaultValue = "0", description = "libtorch intra-op threads (0 = every core)")
    int threads;

    @Option(names = "--family", description = "encoder family to load with instead of the surest one (e.g. onnx to"
            + " run an imported folder's .onnx when its model.json prefers TorchScript)")
    String family;

    @Option(names = "--no-sha256", description = "skip hashing the weights file (provenance then says 'not computed')")
    boolean noSha;

    /**
     * Loads the encoder, or throws a {@link ModelLoadFailure} carrying a typed cause that names the folder: a
     * {@link ModelLoadException} (missing folder, no weights, wrong tensors) or a {@code SafetensorsException}.
     */
    Encoder load(PrintWriter err) {
        return load(err, precision);
    }

    /** As {@link #load(PrintWriter)} in the given precision instead of --precision (the benchmark loads both). */
    Encoder load(PrintWriter err, Precision precision) {
        if (!Files.exists(model)) {
            throw new ModelLoadFailure(new ModelLoadException(model, "no such model folder or weights file"));
        }
        LoadOptions lo = LoadOptions.defaults();
        if (weightsFile != null) {
            lo = lo.withWeightsFile(weightsFile);
        }
        if (heads != null) {
            lo = lo.withHeads(heads);
        }
        // the command is the composition root: it sets libtorch's process-wide thread count once, before loading
        TorchEngine.configure(Math.max(threads, 0));
        ComputeTarget target = ComputeTarget.resolve(gpu, precision);
        if (gpu && target.isCpu() || !gpu && precision != Precision.FP32) {
            err.println("note: " + target.message());
        }
        if (target.cpuBf16() && !CpuFeatures.detect().nativeBf16()) {
            err.println("warning: --precision bf16: " + ComputeTarget.bf16Warning(CpuFeatures.detect()));
        }
        try {
            return Encoders.builder().folder(model).family(family).loadOptions(lo).device(target)
                    .identity(noSha ? null : WeightsIdentity.userCache()).build();
        } catch (ModelLoadException | SafetensorsException e) {
            throw new ModelLoadFailure(e);
        } catch (IOException | IllegalArgumentException e) {
            // an untyped failure (a folder where a file should be, a file that cannot be opened) names no file
            String what = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new ModelLoadFailure(new ModelLoadException(model, "cannot load: " + what, e));
        }
    }

    /** fp32, bf16 or fp16, in any case. */
    public static final class PrecisionConverter implements picocli.CommandLine.ITypeConverter<Precision> {
        @Override
        public Precision convert(String value) {
            try {
                return Precision.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not a precision: fp32 or bf16"
                        + " (fp16 on CUDA)");
            }
        }
    }
}
