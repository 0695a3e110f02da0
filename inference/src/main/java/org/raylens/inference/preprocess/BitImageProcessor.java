package org.raylens.inference.preprocess;

import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.model.PreprocessorConfig;

/**
 * HF transformers' BitImageProcessor, slow (PIL) path, for greyscale 8-bit images — RAD-DINO's preprocessing:
 * grey → RGB (three equal channels), shortest edge to {@code size} with PIL BICUBIC (long side
 * {@code int(size·long/short)}), centre crop with floor offsets, × rescale_factor and (x − mean)/std, both in float32 (bit-identical to the
 * golden reference tensor).
 */
public final class BitImageProcessor {
    private final PreprocessorConfig config;

    public BitImageProcessor(PreprocessorConfig config) {
        this.config = config;
    }

    public PreprocessorConfig config() {
        return config;
    }

    /** Resized and centre-cropped 8-bit image (what PIL hands to numpy). */
    public GreyImage8 resizeAndCrop(GreyImage8 image) {
        ResizeCrop g = resizeCrop(image.width(), image.height());
        GreyImage8 img = image;
        if (config.doResize()) {
            img = PilBicubicResampler.resize(image, g.resizedWidth(), g.resizedHeight());
        }
        if (config.doCenterCrop()) {
            img = centreCrop(img, config.cropWidth(), config.cropHeight());
        }
        return img;
    }

    /**
     * The geometry of {@link #resizeAndCrop} for a source of the given size, without touching pixels: resized size
     * (shortest edge to {@code size}, long side {@code int(size·long/short)}) and the floor centre-crop offsets.
     */
    public ResizeCrop resizeCrop(int sourceWidth, int sourceHeight) {
        int newW = sourceWidth;
        int newH = sourceHeight;
        if (config.doResize()) {
            int s = config.shortestEdge();
            if (sourceWidth <= sourceHeight) {
                newW = s;
                newH = (int) ((double) s * sourceHeight / sourceWidth);
            } else {
                newH = s;
                newW = (int) ((double) s * sourceWidth / sourceHeight);
            }
        }
        if (!config.doCenterCrop()) {
            return new ResizeCrop(sourceWidth, sourceHeight, newW, newH, 0, 0, newW, newH);
        }
        int cw = config.cropWidth();
        int ch = config.cropHeight();
        if (cw > newW || ch > newH) {
            throw new IllegalArgumentException("crop " + cw + "x" + ch + " is larger than the resized image "
                    + newW + "x" + newH + " (padding crops are not supported)");
        }
        return new ResizeCrop(sourceWidth, sourceHeight, newW, newH, (newW - cw) / 2, (newH - ch) / 2, cw, ch);
    }

    static GreyImage8 centreCrop(GreyImage8 img, int cw, int ch) {
        if (cw > img.width() || ch > img.height()) {
            throw new IllegalArgumentException("crop " + cw + "x" + ch + " is larger than the resized image "
                    + img.width() + "x" + img.height() + " (padding crops are not supported)");
        }
        int top = (img.height() - ch) / 2;
        int left = (img.width() - cw) / 2;
        byte[] out = new byte[cw * ch];
        for (int y = 0; y < ch; y++) {
            System.arraycopy(img.pixels(), (top + y) * img.width() + left, out, y * cw, cw);
        }
        return new GreyImage8(cw, ch, out);
    }

    /** The full pipeline: resize, crop, rescale, normalise; output (1, 3, H, W). */
    public ModelInput process(GreyImage8 image, String sourceDescription) {
        GreyImage8 img = resizeAndCrop(image);
        int plane = img.width() * img.height();
        float[] out = new float[3 * plane];
        // float32 × float32(rescale_factor): the golden tensor is bit-identical with this, not with a float64 product
        float rescale = (float) config.rescaleFactor();
        float[] mean = config.imageMean();
        float[] std = config.imageStd();
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < plane; i++) {
                int v = img.pixels()[i] & 0xff;
                float x = config.doRescale() ? v * rescale : v;
                if (config.doNormalize()) {
                    x = (x - mean[c]) / std[c];
                }
                out[c * plane + i] = x;
            }
        }
        FloatTensor t = new FloatTensor(out, new long[]{1, 3, img.height(), img.width()});
        String prov = sourceDescription + " → " + image.width() + "x" + image.height() + " 8-bit → " + config;
        return new ModelInput(t, img, prov, resizeCrop(image.width(), image.height()));
    }
}
