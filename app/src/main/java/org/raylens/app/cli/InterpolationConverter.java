package org.raylens.app.cli;

import java.util.Locale;
import org.raylens.inference.encoder.PositionEmbeddingInterpolation;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses {@code --interpolation}: {@code hf} (current HF Dinov2Model, the default), {@code dinov2} (the official
 * code's scale_factor variant) or {@code hf-antialias} (HF Dinov2WithRegisters). A wrong name is a usage error.
 */
public final class InterpolationConverter implements ITypeConverter<PositionEmbeddingInterpolation> {
    public static final String NAMES = "hf (default; HF Dinov2Model), dinov2 (official code, scale_factor) or "
            + "hf-antialias (HF Dinov2WithRegisters)";

    @Override
    public PositionEmbeddingInterpolation convert(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "hf" -> PositionEmbeddingInterpolation.HF;
            case "dinov2" -> PositionEmbeddingInterpolation.DINOV2;
            case "hf-antialias" -> PositionEmbeddingInterpolation.HF_ANTIALIAS;
            default -> throw new TypeConversionException("'" + value + "': must be hf, dinov2 or hf-antialias");
        };
    }
}
