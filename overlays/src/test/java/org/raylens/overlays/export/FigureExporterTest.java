package org.raylens.overlays.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.overlays.figure.Figure;
import org.raylens.overlays.figure.FigureLayout;
import org.raylens.overlays.figure.Provenance;
import org.raylens.overlays.figure.FigurePainter;
import org.raylens.overlays.figure.FigurePanel;
import org.raylens.overlays.layer.NotSeenBorderLayer;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class FigureExporterTest {

    @TempDir
    Path dir;

    @Test
    void pngHoldsExactlyTheRenderedFigureAndItsDpi() throws Exception {
        Figure figure = TestFigures.figure(false, false);
        for (int dpi : new int[] {96, 300}) {
            Path png = dir.resolve("figure-" + dpi + ".png");
            FigureExporter.write(figure, png, new FigureExporter.Options(dpi, false));
            BufferedImage expected = FigureExporter.render(figure, dpi);
            BufferedImage actual = ImageIO.read(png.toFile());
            FigureLayout layout = FigureLayout.of(figure);
            assertEquals((int) Math.ceil(layout.width() * dpi / 96.0), actual.getWidth());
            assertEquals((int) Math.ceil(layout.height() * dpi / 96.0), actual.getHeight());
            assertPixelsEqual(expected, actual, 0, 0);
            assertEquals(Math.round(dpi / 0.0254), pixelsPerMetre(png));
        }
    }

    /**
     * The panel inside a 96-dpi figure is the viewport's paint: the image rendered through the panel's view transform
     * and each overlay painted on a canvas of the panel's size — checked against that paint done on its own.
     */
    @Test
    void panelInTheFigureEqualsTheViewPaintedAlone() throws Exception {
        Figure figure = TestFigures.figure(false, false);
        FigureLayout layout = FigureLayout.of(figure);
        BufferedImage whole = FigureExporter.render(figure, 96);
        for (int i = 0; i < figure.panels().size(); i++) {
            FigurePanel panel = figure.panels().get(i);
            BufferedImage alone = new BufferedImage(panel.width(), panel.height(), BufferedImage.TYPE_INT_RGB);
            Graphics2D g = alone.createGraphics();
            FigurePainter.paintPanel(panel, new Graphics2DCanvas(g, panel.width(), panel.height(), 1), false);
            g.dispose();
            double[] r = layout.panelRects().get(i);
            assertPixelsEqual(alone, whole, (int) r[0], (int) r[1]);
        }
    }

    @Test
    void svgIsWellFormedWithImagesVectorsAndText() throws Exception {
        Figure figure = TestFigures.figure(false, false);
        Path svg = dir.resolve("figure.svg");
        FigureExporter.write(figure, svg, new FigureExporter.Options(96, false));
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document doc = factory.newDocumentBuilder().parse(svg.toFile());
        Element root = doc.getDocumentElement();
        assertEquals("svg", root.getLocalName());
        assertEquals("http://www.w3.org/2000/svg", root.getNamespaceURI());
        FigureLayout layout = FigureLayout.of(figure);
        assertEquals("0 0 " + (long) layout.width() + " " + (long) layout.height(), root.getAttribute("viewBox"));
        // 3 panel images, the heatmap, the mask, the colorbar strip
        NodeList images = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "image");
        assertEquals(6, images.getLength());
        for (int i = 0; i < images.getLength(); i++) {
            String href = ((Element) images.item(i)).getAttributeNS("http://www.w3.org/1999/xlink", "href");
            assertTrue(href.startsWith("data:image/png;base64,"), href.substring(0, 30));
        }
        List<String> texts = texts(doc);
        assertTrue(texts.contains("Original"));
        assertTrue(texts.contains("Attention"));
        assertTrue(texts.contains("Cardiomegaly"));
        assertTrue(texts.contains(NotSeenBorderLayer.TEXT));
        assertTrue(texts.stream().anyMatch(t -> t.contains("weights SHA-256: " + "ab".repeat(32))), texts.toString());
        assertTrue(doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "line").getLength() > 10);
        assertTrue(doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "ellipse").getLength() >= 2);
        assertEquals(3, doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "clipPath").getLength());
    }

    @Test
    void pdfHasOnePageWithTheFigureImageAndTheProvenanceAsText() throws Exception {
        Figure figure = TestFigures.figure(false, true);
        Path pdf = dir.resolve("figure.pdf");
        FigureExporter.write(figure, pdf, new FigureExporter.Options(150, false));
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            assertEquals(1, doc.getNumberOfPages());
            PDPage page = doc.getPage(0);
            FigureLayout layout = FigureLayout.of(figure);
            assertEquals(layout.width() * 0.75, page.getMediaBox().getWidth(), 0.01);
            assertEquals(layout.height() * 0.75, page.getMediaBox().getHeight(), 0.01);
            List<PDImageXObject> images = new ArrayList<>();
            for (COSName name : page.getResources().getXObjectNames()) {
                if (page.getResources().getXObject(name) instanceof PDImageXObject image) {
                    images.add(image);
                }
            }
            assertEquals(1, images.size());
            assertEquals((int) Math.ceil(layout.width() * 150 / 96.0), images.get(0).getWidth());
            String text = new PDFTextStripper().getText(doc);
            assertTrue(text.contains("weights SHA-256: " + "ab".repeat(32)), text);
            assertTrue(text.contains("DEMO"), text);
            assertTrue(text.contains("Preprocessing: as displayed"), text);
        }
    }

    @Test
    void pdfTextKeepsArrowsDashesAndComparisonSignsThroughTheEmbeddedFont() throws Exception {
        Figure base = TestFigures.figure(false, true);
        Provenance p = base.provenance();
        // Short words, so the footer's wrapping cannot separate what the assertions look for.
        String preprocessing = "a \u2192 b \u2265 c \u00b5";
        Figure figure = Figure.builder(new Provenance(p.model(), p.weightsSha256(), p.adapter(), p.method(),
                p.layerHead(), p.targetClass(), preprocessing, p.raylensVersion(), p.exportedAt(), p.demo()))
                .addPanel(base.panels().get(0)).build();
        Path pdf = dir.resolve("arrows.pdf");
        FigureExporter.write(figure, pdf, new FigureExporter.Options(96, false));
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            String text = new PDFTextStripper().getText(doc);
            assertTrue(text.contains("a \u2192 b \u2265 c \u00b5"), text);
            assertTrue(text.contains("DEMO \u2014 random"), text);
            assertFalse(text.contains("?"), text);
            for (COSName name : doc.getPage(0).getResources().getFontNames()) {
                var font = doc.getPage(0).getResources().getFont(name);
                assertTrue(font.isEmbedded(), font.getName() + " is embedded, so no reader substitutes a font");
            }
        }
    }

    @Test
    void figuresAreDeIdentifiedUnlessAskedOtherwise() throws Exception {
        Path plain = dir.resolve("plain.svg");
        FigureExporter.write(TestFigures.figure(false, false), plain, new FigureExporter.Options(96, false));
        String text = Files.readString(plain);
        assertFalse(text.contains(TestFigures.PATIENT_NAME));
        assertFalse(text.contains(TestFigures.PATIENT_ID));
        assertFalse(text.contains(TestFigures.BIRTH_DATE));

        Path named = dir.resolve("named.svg");
        FigureExporter.write(TestFigures.figure(true, false), named, new FigureExporter.Options(96, false));
        String withIdentity = Files.readString(named);
        assertTrue(withIdentity.contains(TestFigures.PATIENT_NAME));
        assertTrue(withIdentity.contains(TestFigures.PATIENT_ID));
        assertTrue(withIdentity.contains(TestFigures.BIRTH_DATE));
    }

    @Test
    void demoFiguresCarryTheBadgeOnEveryPanel() throws Exception {
        Path svg = dir.resolve("demo.svg");
        FigureExporter.write(TestFigures.figure(false, true), svg, new FigureExporter.Options(96, false));
        String text = Files.readString(svg);
        int badges = text.split("DEMO \u2014 random weights, not a trained model</text>", -1).length - 1;
        assertEquals(3, badges);
    }

    @Test
    void existingFilesAreNotReplacedUnlessAsked() throws Exception {
        Path png = dir.resolve("taken.png");
        Files.writeString(png, "keep me");
        Figure figure = TestFigures.figure(false, false);
        assertThrows(ExportException.class,
                () -> FigureExporter.write(figure, png, new FigureExporter.Options(96, false)));
        assertEquals("keep me", Files.readString(png));
        FigureExporter.write(figure, png, new FigureExporter.Options(96, true));
        assertEquals(FigureExporter.render(figure, 96).getWidth(), ImageIO.read(png.toFile()).getWidth());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(png), files.toList());
        }
    }

    @Test
    void unreasonableDpiIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new FigureExporter.Options(5000, false));
    }

    static List<String> texts(Document doc) {
        NodeList nodes = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "text");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(nodes.item(i).getTextContent());
        }
        return out;
    }

    static void assertPixelsEqual(BufferedImage expected, BufferedImage actual, int offsetX, int offsetY) {
        for (int y = 0; y < expected.getHeight(); y++) {
            for (int x = 0; x < expected.getWidth(); x++) {
                int e = expected.getRGB(x, y) & 0xFFFFFF;
                int a = actual.getRGB(x + offsetX, y + offsetY) & 0xFFFFFF;
                if (e != a) {
                    throw new AssertionError(String.format("pixel (%d, %d): expected %06x, got %06x", x, y, e, a));
                }
            }
        }
    }

    static long pixelsPerMetre(Path png) throws Exception {
        try (ImageInputStream in = ImageIO.createImageInputStream(new File(png.toString()))) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            IIOMetadata md = reader.getImageMetadata(0);
            Element root = (Element) md.getAsTree("javax_imageio_png_1.0");
            Element phys = (Element) root.getElementsByTagName("pHYs").item(0);
            assertEquals("meter", phys.getAttribute("unitSpecifier"));
            assertEquals(phys.getAttribute("pixelsPerUnitXAxis"), phys.getAttribute("pixelsPerUnitYAxis"));
            reader.dispose();
            return Long.parseLong(phys.getAttribute("pixelsPerUnitXAxis"));
        }
    }
}
