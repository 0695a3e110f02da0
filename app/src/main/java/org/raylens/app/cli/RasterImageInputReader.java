package org.raylens.app.cli;

import org.raylens.inference.preprocess.GreyImage8;
import org.raylens.inference.preprocess.MinMaxRecipe;
import org.raylens.inference.preprocess.ModalityImage;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * PNG and JPEG inputs through javax.imageio. 8-bit greyscale (or colour whose three channels are equal) is used as
 * is; 16-bit greyscale is treated as raw values and made 8-bit with the min–max recipe (PIL would instead clip it to
 * 255, silently destroying the image). Colour images with differing channels are refused: the pipeline is greyscale.
 */
public final class RasterImageInputReader implements EmbedInputReader {
    private static final Set<String> EXT = Set.of(".png", ".jpg", ".jpeg");

    @Override
    public boolean accepts(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return EXT.stream().anyMatch(n::endsWith);
    }

    @Override
    public EmbedInput read(Path file) throws IOException {
        BufferedImage img = ImageIO.read(file.toFile());
        if (img == null) {
            throw new IOException(file + ": not a readable PNG/JPEG");
        }
        Raster r = img.getRaster();
        int w = img.getWidth();
        int h = img.getHeight();
        int bands = r.getNumBands();
        int bits = r.getSampleModel().getSampleSize(0);
        if (bands == 1 && bits > 8) {
            float[] v = new float[w * h];
            r.getSamples(0, 0, w, h, 0, v);
            MinMaxRecipe recipe = new MinMaxRecipe();
            return new EmbedInput.Grey(recipe.apply(new ModalityImage(v, w, h, false)),
                    bits + "-bit greyscale image; " + recipe.name() + ": " + recipe.description());
        }
        if (bits != 8) {
            throw new IOException(file + ": " + bits + "-bit samples are not supported");
        }
        byte[] px = new byte[w * h];
        int[] row0 = new int[w];
        int[] row1 = new int[w];
        int[] row2 = new int[w];
        for (int y = 0; y < h; y++) {
            r.getSamples(0, y, w, 1, 0, row0);
            if (bands >= 3) {
                r.getSamples(0, y, w, 1, 1, row1);
                r.getSamples(0, y, w, 1, 2, row2);
                for (int x = 0; x < w; x++) {
                    if (row0[x] != row1[x] || row0[x] != row2[x]) {
                        throw new IOException(file + ": a colour image (channels differ at " + x + "," + y
                                + "); only greyscale images are supported");
                    }
                }
            } else if (bands == 2) {
                // grey + alpha: the alpha channel is ignored, as PIL's convert("RGB") ignores it for LA
            }
            for (int x = 0; x < w; x++) {
                px[y * w + x] = (byte) row0[x];
            }
        }
        return new EmbedInput.Grey(new GreyImage8(w, h, px), "8-bit greyscale image file");
    }
}
