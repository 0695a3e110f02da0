package org.raylens.overlays.export;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * Encodes a figure raster as PNG with its resolution in the pHYs chunk (pixels per metre, what journals' upload checks
 * read as DPI) and the provenance in iTXt chunks (UTF-8), through the JDK's own PNG writer.
 */
final class PngFigureWriter {

    private static final String FORMAT = "javax_imageio_png_1.0";

    private PngFigureWriter() {}

    /** Pixels per metre for a DPI, as pHYs stores it. */
    static long pixelsPerMetre(double dpi) {
        return Math.round(dpi / 0.0254);
    }

    static void write(BufferedImage image, double dpi, String title, String description, OutputStream out)
            throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            IIOMetadata metadata =
                    writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), param);
            IIOMetadataNode root = new IIOMetadataNode(FORMAT);
            IIOMetadataNode phys = new IIOMetadataNode("pHYs");
            String ppm = Long.toString(pixelsPerMetre(dpi));
            phys.setAttribute("pixelsPerUnitXAxis", ppm);
            phys.setAttribute("pixelsPerUnitYAxis", ppm);
            phys.setAttribute("unitSpecifier", "meter");
            root.appendChild(phys);
            IIOMetadataNode itxt = new IIOMetadataNode("iTXt");
            itxt.appendChild(textEntry("Title", title));
            itxt.appendChild(textEntry("Description", description));
            itxt.appendChild(textEntry("Software", "RayLens"));
            root.appendChild(itxt);
            metadata.mergeTree(FORMAT, root);
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, metadata), param);
            stream.flush();
        } finally {
            writer.dispose();
        }
    }

    private static IIOMetadataNode textEntry(String keyword, String text) {
        IIOMetadataNode entry = new IIOMetadataNode("iTXtEntry");
        entry.setAttribute("keyword", keyword);
        entry.setAttribute("compressionFlag", "FALSE");
        entry.setAttribute("compressionMethod", "0");
        entry.setAttribute("languageTag", "");
        entry.setAttribute("translatedKeyword", "");
        entry.setAttribute("text", text == null ? "" : text);
        return entry;
    }
}
