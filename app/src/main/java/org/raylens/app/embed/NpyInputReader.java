package org.raylens.app.embed;

import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.io.NpyReader;
import org.raylens.inference.preprocess.MinMaxRecipe;
import org.raylens.inference.preprocess.GreyModalityImage;
import org.raylens.viewer.source.ImageSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * .npy inputs: a (1, C, H, W) or (C, H, W) array is taken as an already-normalised model input; a (H, W) array as
 * modality values, made 8-bit with the RAD-DINO min–max recipe. Only whole local files (a .npy has no frames).
 */
public final class NpyInputReader implements EmbedInputReader {
    @Override
    public boolean accepts(ImageSource source) {
        return npyFile(source).isPresent();
    }

    private static Optional<Path> npyFile(ImageSource source) {
        return source.uri().getFragment() != null ? Optional.empty() : source.localFile()
                .filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy"));
    }

    @Override
    public EmbedInput read(ImageSource source) throws IOException {
        Path file = npyFile(source).orElseThrow(() -> new IOException(source + ": not a local .npy file"));
        FloatTensor t = NpyReader.read(file);
        switch (t.rank()) {
            case 4 -> {
                if (t.dim(0) != 1) {
                    throw new IOException(file + ": embed takes one image per .npy (got batch " + t.dim(0) + ")");
                }
                return new EmbedInput.Normalised(t, "npy tensor used as given (already normalised)");
            }
            case 3 -> {
                return new EmbedInput.Normalised(new FloatTensor(t.data(), new long[]{1, t.dim(0), t.dim(1), t.dim(2)}),
                        "npy tensor used as given (already normalised)");
            }
            case 2 -> {
                MinMaxRecipe recipe = new MinMaxRecipe();
                var img = recipe.apply(new GreyModalityImage(t.data(), t.dim(1), t.dim(0), false));
                return new EmbedInput.Grey(img, "npy 2-D values; " + recipe.name() + ": " + recipe.description());
            }
            default -> throw new IOException(file + ": expected a 2-D image or a (1,)C,H,W tensor, got rank " + t.rank());
        }
    }
}
