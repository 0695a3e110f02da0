package org.raylens.overlays.export;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.TimeZone;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.raylens.overlays.figure.Figure;
import org.raylens.overlays.figure.FigureLayout;
import org.raylens.resources.RayLensResources;

/**
 * A one-page PDF (PDFBox) whose page is the figure's size at 96 figure units per inch: the figure above the footer as
 * one lossless image XObject at the export DPI, and the provenance footer as real text that can be searched and
 * copied. The text is set in the bundled DejaVu Sans, embedded as a subset (Type 0, Unicode): the standard 14
 * fonts only know WinAnsi, which turned every "→" of a preprocessing line into "?".
 */
final class PdfFigureWriter {

    private static final float POINTS_PER_UNIT = 72f / 96f;

    private PdfFigureWriter() {}

    /**
     * @param body the figure raster without footer, covering {@code layout.width() × layout.heightWithoutFooter()}
     */
    static void write(Figure figure, FigureLayout layout, BufferedImage body, String title, OutputStream out)
            throws IOException {
        float pageW = (float) layout.width() * POINTS_PER_UNIT;
        float pageH = (float) layout.height() * POINTS_PER_UNIT;
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage(new PDRectangle(pageW, pageH));
            doc.addPage(page);
            PDImageXObject image = LosslessFactory.createFromImage(doc, body);
            PDFont font = embeddedFont(doc);
            float bodyH = (float) layout.heightWithoutFooter() * POINTS_PER_UNIT;
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                cs.drawImage(image, 0, pageH - bodyH, pageW, bodyH);
                float size = (float) FigureLayout.FOOTER_FONT * POINTS_PER_UNIT;
                double y = layout.footerTop() + FigureLayout.FOOTER_FONT;
                for (String line : layout.footerLines()) {
                    if (line.startsWith("DEMO")) {
                        cs.setNonStrokingColor(0.69f, 0f, 0.125f);
                    } else {
                        cs.setNonStrokingColor(0f, 0f, 0f);
                    }
                    cs.beginText();
                    cs.setFont(font, size);
                    cs.newLineAtOffset((float) FigureLayout.MARGIN * POINTS_PER_UNIT,
                            pageH - (float) y * POINTS_PER_UNIT);
                    cs.showText(encodable(font, line));
                    cs.endText();
                    y += FigureLayout.FOOTER_LINE;
                }
            }
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle(title);
            info.setCreator("RayLens " + nonNull(figure.provenance().raylensVersion()));
            info.setProducer("RayLens (Apache PDFBox)");
            info.setSubject(String.join("\n", figure.provenance().lines()));
            Calendar created = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
            created.setTimeInMillis(figure.provenance().exportedAt().toEpochMilli());
            info.setCreationDate(created);
            doc.save(out);
        }
    }

    /** The bundled figure font, embedded as a subset of the glyphs the page uses. */
    static PDFont embeddedFont(PDDocument doc) throws IOException {
        try (var in = RayLensResources.figureFont().openStream()) {
            return PDType0Font.load(doc, in, true);
        }
    }

    /** The text with characters the font has no glyph for replaced by '?', so showText cannot fail. */
    static String encodable(PDFont font, String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            String s = new String(Character.toChars(c));
            try {
                font.encode(s);
                out.append(s);
            } catch (IOException | IllegalArgumentException e) {
                out.append('?');
            }
        });
        return out.toString();
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
