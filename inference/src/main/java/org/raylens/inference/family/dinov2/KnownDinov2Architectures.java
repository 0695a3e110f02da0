package org.raylens.inference.family.dinov2;

import org.raylens.inference.encoder.LayerScale;

import java.util.List;
import java.util.Optional;

/**
 * The published DINOv2 backbones (facebookresearch/dinov2 hubconf: ViT-S/B/L/g, patch 14, trained at 518 px, with
 * and without 4 registers) keyed by their exact shapes, so that a native checkpoint of one of them — RAD-DINO's
 * backbone_compatible.safetensors is a ViT-B/14 — loads without config.json. Only an exact match counts: width,
 * depth, patch, 37×37 position grid, 3 channels, MLP kind and width, register count, LayerScale and qkv bias. Any
 * other shapes get no head count from here (see docs/decisions/encoder-native-checkpoint-heads.md).
 */
final class KnownDinov2Architectures {
    /** One published model: its name, the shapes it has and the head count its code builds. */
    record Known(String name, int hiddenSize, int numLayers, FeedForwardKind feedForward, int mlpHiddenSize,
                 int heads) {
    }

    private static final int PATCH = 14;
    private static final int IMAGE = 518;

    private static final List<Known> PUBLISHED = List.of(
            new Known("DINOv2 ViT-S/14", 384, 12, FeedForwardKind.MLP_GELU, 1536, 6),
            new Known("DINOv2 ViT-B/14", 768, 12, FeedForwardKind.MLP_GELU, 3072, 12),
            new Known("DINOv2 ViT-L/14", 1024, 24, FeedForwardKind.MLP_GELU, 4096, 16),
            new Known("DINOv2 ViT-g/14", 1536, 40, FeedForwardKind.SWIGLU, Dinov2Config.swigluHidden(1536, 4.0), 24));

    private KnownDinov2Architectures() {
    }

    static Optional<Known> match(NativeArchitectureInference.Shapes s) {
        if (s.patchSize() != PATCH || s.imageSize() != IMAGE || s.numChannels() != 3 || !s.layerScale()
                || !s.qkvBias() || (s.numRegisterTokens() != 0 && s.numRegisterTokens() != 4)) {
            return Optional.empty();
        }
        return PUBLISHED.stream().filter(k -> k.hiddenSize() == s.hiddenSize() && k.numLayers() == s.numLayers()
                && k.feedForward() == s.feedForward() && k.mlpHiddenSize() == s.mlpHiddenSize()).findFirst();
    }
}
