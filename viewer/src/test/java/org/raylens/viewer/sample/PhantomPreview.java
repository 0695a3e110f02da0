package org.raylens.viewer.sample;

import java.awt.image.BufferedImage;
import java.io.File;
import javax.imageio.ImageIO;

/**
 * Writes a windowed PNG of the phantom for a person to look at (not a test):
 * {@code java -cp ... org.raylens.viewer.sample.PhantomPreview /tmp/phantom.png [PA|PA_EXPIRATION] [mono1] [preset]}.
 */
public final class PhantomPreview {
    public static void main(String[] args) throws Exception {
        String out = args.length > 0 ? args[0] : "/tmp/phantom.png";
        ChestPhantom.View view = args.length > 1 ? ChestPhantom.View.valueOf(args[1]) : ChestPhantom.View.PA;
        boolean mono1 = args.length > 2 && args[2].equals("mono1");
        int preset = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        int scale = args.length > 4 ? Integer.parseInt(args[4]) : 3;
        long t0 = System.nanoTime();
        PhantomImage img = ChestPhantom.generate(ChestPhantom.Spec.defaults().withView(view).withMonochrome1(mono1));
        long t1 = System.nanoTime();
        System.out.printf("generated %dx%d in %.0f ms; presets %s%n", img.columns(), img.rows(), (t1 - t0) / 1e6,
                img.windows());
        WindowPreset w = img.windows().get(preset);
        writePng(img, w, scale, new File(out));
    }

    static void writePng(PhantomImage img, WindowPreset w, int scale, File out) throws Exception {
        int width = img.columns() / scale;
        int height = img.rows() / scale;
        BufferedImage bi = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        double lo = w.center() - w.width() / 2;
        boolean invert = img.photometric().equals("MONOCHROME1");
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double sum = 0;
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        sum += img.value(x * scale + dx, y * scale + dy);
                    }
                }
                double v = (sum / (scale * scale) - lo) / w.width();
                int g = (int) Math.round(255 * Math.max(0, Math.min(1, v)));
                bi.getRaster().setSample(x, y, 0, invert ? 255 - g : g);
            }
        }
        ImageIO.write(bi, "png", out);
    }
}
