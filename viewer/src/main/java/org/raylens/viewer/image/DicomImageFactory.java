package org.raylens.viewer.image;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.raylens.viewer.dicom.DicomException;
import org.raylens.viewer.dicom.DicomObject;
import org.raylens.viewer.dicom.PixelDataException;
import org.raylens.viewer.dicom.Tag;
import org.raylens.viewer.dicom.codec.PixelDescription;
import org.raylens.viewer.dicom.pixel.DicomPixels;

/**
 * Turns the decoded frames of one DICOM file into {@link DisplayableImage}s. The per-file parts (modality LUT, VOI
 * presets and LUTs, polarity, palette, pixel spacing) are read once when the factory is built; each frame then costs
 * only its own decode.
 */
public final class DicomImageFactory {
    private final DicomPixels pixels;
    private final PixelDescription description;
    private final String photometric;
    private final GreyscalePipeline pipeline;
    private final List<VoiWindow> presets;
    private final PaletteColorLut palette;
    private final double[] pixelSpacing;

    private DicomImageFactory(DicomPixels pixels, String photometric, GreyscalePipeline pipeline,
            List<VoiWindow> presets, PaletteColorLut palette, double[] pixelSpacing) {
        this.pixels = pixels;
        this.description = pixels.description();
        this.photometric = photometric;
        this.pipeline = pipeline;
        this.presets = presets;
        this.palette = palette;
        this.pixelSpacing = pixelSpacing;
    }

    public static DicomImageFactory of(DicomPixels pixels, DicomObject ds) throws PixelDataException {
        PixelDescription d = pixels.description();
        Path file = pixels.path();
        String photometric = pixels.decodedPhotometric();
        double[] spacing = pixelSpacing(ds);
        if (d.samplesPerPixel() == 3) {
            return new DicomImageFactory(pixels, photometric, null, List.of(), null, spacing);
        }
        if ("PALETTE COLOR".equals(photometric)) {
            return new DicomImageFactory(pixels, photometric, null, List.of(), PaletteColorLut.of(ds, d.signed(), file),
                    spacing);
        }
        ModalityLut modality = ModalityLut.of(ds, d.signed(), file);
        List<VoiWindow> presets = new ArrayList<>(windows(ds));
        Map<VoiWindow, LookupTable> voiLuts = new LinkedHashMap<>();
        List<DicomObject> voiSequence = ds.getSequence(Tag.VOILUTSequence);
        boolean signedModality = d.signed() || modality.apply(0) < 0;
        for (int i = 0; i < voiSequence.size(); i++) {
            LookupTable lut = LookupTable.parse(voiSequence.get(i), signedModality, file);
            String name = "VOI LUT " + (i + 1) + (lut.explanation() == null ? "" : ": " + lut.explanation());
            VoiWindow key = VoiWindow.linear(lut.firstMapped() + lut.entries() / 2.0, Math.max(lut.entries(), 1),
                    name);
            voiLuts.put(key, lut);
            presets.add(key);
        }
        boolean inverse = "MONOCHROME1".equals(photometric)
                || "INVERSE".equals(ds.getString(Tag.PresentationLUTShape));
        return new DicomImageFactory(pixels, photometric,
                new GreyscalePipeline(modality, inverse, voiLuts), List.copyOf(presets), null, spacing);
    }

    /** Window Center / Width pairs with their explanations and VOI LUT Function, in file order. */
    static List<VoiWindow> windows(DicomObject ds) {
        double[] centers = ds.getDoubles(Tag.WindowCenter);
        double[] widths = ds.getDoubles(Tag.WindowWidth);
        String[] names = ds.getStrings(Tag.WindowCenterWidthExplanation);
        VoiFunction function = VoiFunction.of(ds.getString(Tag.VOILUTFunction));
        List<VoiWindow> out = new ArrayList<>();
        for (int i = 0; i < Math.min(centers.length, widths.length); i++) {
            if (!(widths[i] > 0) || !Double.isFinite(centers[i]) || !Double.isFinite(widths[i])) {
                continue; // an unusable preset is skipped rather than failing the whole image
            }
            String name = i < names.length && !names[i].isEmpty() ? names[i] : "Window " + (i + 1);
            out.add(new VoiWindow(centers[i], widths[i], function, name));
        }
        return out;
    }

    private static double[] pixelSpacing(DicomObject ds) {
        double[] s = ds.getDoubles(Tag.PixelSpacing);
        if (s.length < 2) {
            s = ds.getDoubles(Tag.ImagerPixelSpacing);
        }
        return s.length >= 2 && s[0] > 0 && s[1] > 0 ? new double[] {s[0], s[1]} : null;
    }

    public int frameCount() {
        return pixels.frameCount();
    }

    public PixelDescription description() {
        return description;
    }

    /** Decodes frame {@code index} and wraps it for display. */
    public DisplayableImage frame(int index) throws DicomException {
        int[] values = pixels.readFrame(index);
        return image(values);
    }

    /** Wraps already decoded stored values of one frame. */
    public DisplayableImage image(int[] values) {
        int w = description.columns();
        int h = description.rows();
        if (description.samplesPerPixel() == 3) {
            return new ColorImage(w, h, ColorConversion.toArgb(values, photometric, description.bitsStored()),
                    pixelSpacing);
        }
        if (palette != null) {
            return new ColorImage(w, h, palette.toArgb(values), pixelSpacing);
        }
        boolean unsigned32 = description.bitsStored() == 32 && !description.signed();
        return new GreyscaleImage(w, h, values, unsigned32, pipeline, presets, pixelSpacing);
    }
}
