package org.raylens.inference.weights.torch;

/**
 * What the unpickler does with a global outside its allow-list. In neither case is anything looked up or run;
 * the choice is only how much of a checkpoint can be read. See docs/decisions/torch-checkpoint-reader.md.
 */
public enum UnpicklePolicy {
    /**
     * Refuse any global outside the allow-list the moment GLOBAL names it, as {@code torch.load(weights_only=True)}
     * does: a training checkpoint carrying {@code args} (an {@code argparse.Namespace}) is refused whole.
     */
    STRICT,
    /**
     * The default. REDUCE of an unknown global (calling it: how every pickle exploit runs code) is refused at once,
     * naming it. An unknown class instantiated by NEWOBJ and filled by BUILD (how {@code argparse.Namespace} and
     * other plain objects are pickled) becomes an inert record of its name and state, allowed only outside the
     * state dict being loaded and listed by {@link TorchCheckpoint#inertGlobals()}; if the weights reach one, the
     * load is refused naming it.
     */
    INERT_OUTSIDE_WEIGHTS
}
