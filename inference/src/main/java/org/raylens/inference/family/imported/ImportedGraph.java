package org.raylens.inference.family.imported;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.training.ParameterStore;
import ai.djl.translate.NoopTranslator;
import org.raylens.inference.encoder.ComputeTarget;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.encoder.NoGradScope;
import org.raylens.inference.model.ModelLoadException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An imported graph loaded by DJL with its engine named explicitly ({@code Criteria.optEngine}): TorchScript on the
 * PyTorch engine, ONNX on ONNX Runtime. No custom-op library is ever passed to either engine (ONNX Runtime's
 * {@code customOpLibrary} option, libtorch's extra libraries), so a graph that needs one fails to load instead of
 * running code from outside the model file. Shared between threads; each forward runs in its own NDManager scope.
 */
final class ImportedGraph implements AutoCloseable {
    private final ImportEngine engine;
    private final ZooModel<NDList, NDList> model;
    private final String inputName;

    private ImportedGraph(ImportEngine engine, ZooModel<NDList, NDList> model, String inputName) {
        this.engine = engine;
        this.model = model;
        this.inputName = inputName;
    }

    static ImportedGraph load(ImportEngine engine, Path file, String inputName, ComputeTarget target)
            throws ModelLoadException {
        Criteria.Builder<NDList, NDList> b = Criteria.builder().setTypes(NDList.class, NDList.class)
                .optModelPath(file.toAbsolutePath())
                .optEngine(engine.djlEngine())
                .optDevice(target.device())
                .optTranslator(new NoopTranslator());
        if (engine == ImportEngine.TORCHSCRIPT) {
            // a module saved on a GPU still loads on the CPU
            b.optOption("mapLocation", "true");
            // DJL loads a module's parameters under libtorch's InferenceMode unless told trainParam: such "inference
            // tensors" cannot be saved for a backward, so no gradient could reach the input through them. Loaded as
            // ordinary tensors, then frozen (requires_grad off) as DJL would have left them: nothing trains them.
            b.optOption("trainParam", "true");
        }
        try {
            ZooModel<NDList, NDList> loaded = b.build().loadModel();
            if (engine == ImportEngine.TORCHSCRIPT) {
                loaded.getBlock().freezeParameters(true);
            }
            return new ImportedGraph(engine, loaded, inputName);
        } catch (ModelNotFoundException | MalformedModelException | IOException | RuntimeException e) {
            throw new ModelLoadException(file, "the " + engine.djlEngine() + " engine cannot load this "
                    + (engine == ImportEngine.ONNX ? "ONNX graph" : "TorchScript archive") + ": " + e.getMessage(), e);
        }
    }

    ImportEngine engine() {
        return engine;
    }

    /**
     * Runs the graph on one (B, C, H, W) input and returns every graph output in order, as float32.
     *
     * @throws OutputMismatchException when an output is not float32
     */
    List<FloatTensor> run(FloatTensor input) {
        try (NDManager scope = model.getNDManager().newSubManager();
             NoGradScope ignored = engine == ImportEngine.TORCHSCRIPT ? NoGradScope.enter() : null) {
            NDArray x = scope.create(input.data(), new Shape(input.shape()));
            x.setName(inputName);
            NDList out = model.getBlock().forward(new ParameterStore(scope, false), new NDList(x), false);
            List<FloatTensor> result = new ArrayList<>();
            for (NDArray a : out) {
                if (a.getDataType() != DataType.FLOAT32) {
                    throw new OutputMismatchException("graph output " + result.size() + " is " + a.getDataType()
                            + "; imported models must give float32 outputs");
                }
                result.add(new FloatTensor(a.toFloatArray(), a.getShape().getShape()));
            }
            out.close();
            return result;
        }
    }

    /**
     * The graph's outputs for {@code x} with autograd recording as the caller's scope has it (inside a
     * GradientCollector: recorded, so a backward reaches {@code x} when it requires gradients). TorchScript only: ONNX
     * Runtime runs inference only. The module stays in eval mode (training = false), so batch norm uses its running
     * statistics and dropout is off, exactly as in {@link #run}.
     */
    NDList forwardRecorded(NDManager scope, NDArray x) {
        if (engine != ImportEngine.TORCHSCRIPT) {
            throw new NoGradientsException(engine);
        }
        x.setName(inputName);
        // straight to the module's forward with autograd on (DJL's is_train): Block.forward(training = true) would
        // also switch the module to training mode (batch norm on batch statistics, dropout on); it stays in eval mode
        NDList out = IValueUtils.forward((PtSymbolBlock) model.getBlock(), new NDList(x), true);
        out.attach(scope);
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i).getDataType() != DataType.FLOAT32) {
                throw new OutputMismatchException("graph output " + i + " is " + out.get(i).getDataType()
                        + "; imported models must give float32 outputs");
            }
        }
        return out;
    }

    /** A new scope under the model's manager, for arrays that must live in the graph's engine. */
    NDManager newScope() {
        return model.getNDManager().newSubManager();
    }

    /**
     * The TorchScript archive's parameter {@code name} (e.g. {@code fc.weight}) as float32 with its shape, or empty
     * when the archive has none of that name. Read from the loaded module (libtorch's named parameters), never by
     * unpickling anything ourselves.
     */
    java.util.Optional<FloatTensor> parameter(String name) {
        if (engine != ImportEngine.TORCHSCRIPT) {
            return java.util.Optional.empty();
        }
        for (var p : model.getBlock().getParameters()) {
            if (p.getKey().equals(name) && p.getValue().isInitialized()) {
                NDArray a = p.getValue().getArray();
                return java.util.Optional.of(new FloatTensor(a.toType(DataType.FLOAT32, false).toFloatArray(),
                        a.getShape().getShape()));
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * Native arrays held between forwards: constant after loading (for TorchScript, the handles to the module's
     * parameters that freezing them made; the parameters themselves are the engine's), so a leak shows as growth.
     */
    int liveArrayCount() {
        return model.getNDManager().getManagedArrays().size();
    }

    @Override
    public void close() {
        model.close();
    }
}
