package org.raylens.inference.testsupport;

import org.raylens.inference.preprocess.GreyImage8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Minimal decoder for 8-bit greyscale non-interlaced PNGs (the golden preprocess images), so inference tests need no
 * java.awt / ImageIO (the module must stay AWT-free).
 */
public final class GreyPng {
    private GreyPng() {
    }

    public static GreyImage8 read(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file));
        b.position(8);
        int w = 0;
        int h = 0;
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        while (b.remaining() >= 12) {
            int len = b.getInt();
            byte[] type = new byte[4];
            b.get(type);
            String t = new String(type, java.nio.charset.StandardCharsets.US_ASCII);
            byte[] data = new byte[len];
            b.get(data);
            b.getInt();
            if (t.equals("IHDR")) {
                ByteBuffer ih = ByteBuffer.wrap(data);
                w = ih.getInt();
                h = ih.getInt();
                if (data[8] != 8 || data[9] != 0 || data[12] != 0) {
                    throw new IOException(file + ": only 8-bit greyscale non-interlaced PNG is supported here");
                }
            } else if (t.equals("IDAT")) {
                idat.write(data);
            } else if (t.equals("IEND")) {
                break;
            }
        }
        byte[] raw = new byte[(w + 1) * h];
        Inflater inf = new Inflater();
        inf.setInput(idat.toByteArray());
        try {
            int n = 0;
            while (n < raw.length && !inf.finished()) {
                n += inf.inflate(raw, n, raw.length - n);
            }
        } catch (DataFormatException e) {
            throw new IOException(e);
        } finally {
            inf.end();
        }
        byte[] px = new byte[w * h];
        for (int y = 0; y < h; y++) {
            int f = raw[y * (w + 1)];
            for (int x = 0; x < w; x++) {
                int cur = raw[y * (w + 1) + 1 + x] & 0xff;
                int a = x > 0 ? px[y * w + x - 1] & 0xff : 0;
                int up = y > 0 ? px[(y - 1) * w + x] & 0xff : 0;
                int c = x > 0 && y > 0 ? px[(y - 1) * w + x - 1] & 0xff : 0;
                int v = switch (f) {
                    case 0 -> cur;
                    case 1 -> cur + a;
                    case 2 -> cur + up;
                    case 3 -> cur + ((a + up) >> 1);
                    case 4 -> cur + paeth(a, up, c);
                    default -> throw new IOException("bad PNG filter " + f);
                };
                px[y * w + x] = (byte) v;
            }
        }
        return new GreyImage8(w, h, px);
    }

    private static int paeth(int a, int b, int c) {
        int p = a + b - c;
        int pa = Math.abs(p - a);
        int pb = Math.abs(p - b);
        int pc = Math.abs(p - c);
        return pa <= pb && pa <= pc ? a : (pb <= pc ? b : c);
    }
}
