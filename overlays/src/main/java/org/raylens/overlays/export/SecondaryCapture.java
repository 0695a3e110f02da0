package org.raylens.overlays.export;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import org.raylens.overlays.figure.FigurePainter;
import org.raylens.overlays.figure.FigurePanel;
import org.raylens.viewer.dicom.DicomObject;
import org.raylens.viewer.dicom.DicomWriteException;
import org.raylens.viewer.dicom.DicomWriter;
import org.raylens.viewer.dicom.NativePixels;
import org.raylens.viewer.dicom.Tag;
import org.raylens.viewer.dicom.UidGenerator;
import org.raylens.viewer.dicom.VR;

/**
 * Writes the annotated view (one panel: image and overlays, burned in) as a DICOM Secondary Capture Image so it can go
 * back to the PACS beside its source: same Study Instance UID, a new Series and SOP Instance UID, the source image
 * referenced in the Source and Referenced Image Sequences, Conversion Type WSD (workstation), Burned In Annotation
 * YES, RGB 8-bit pixels.
 *
 * <p>Patient and study attributes are copied from the source header: an object in the source's study must name the
 * same patient or the archive files it elsewhere. The pixels carry no patient text (figures are de-identified by
 * default; the panel's overlays are what is burned in).
 */
public final class SecondaryCapture {

    /** Secondary Capture Image Storage. */
    public static final String SOP_CLASS_UID = "1.2.840.10008.5.1.4.1.1.7";

    static final int SERIES_TIME = 0x00080031;
    static final int REFERENCED_IMAGE_SEQUENCE = 0x00081140;
    static final int BURNED_IN_ANNOTATION = 0x00280301;
    static final int DATE_OF_SECONDARY_CAPTURE = 0x00181012;
    static final int TIME_OF_SECONDARY_CAPTURE = 0x00181014;
    static final int SC_DEVICE_MANUFACTURER = 0x00181016;
    static final int SC_DEVICE_MODEL = 0x00181018;
    static final int SC_DEVICE_SOFTWARE_VERSIONS = 0x00181019;

    /** Patient and study attributes copied from the source, with their VRs (all type 2 in the SC IOD). */
    private static final List<Object[]> COPIED = List.of(
            new Object[] {Tag.PatientName, VR.PN}, new Object[] {Tag.PatientID, VR.LO},
            new Object[] {Tag.PatientBirthDate, VR.DA}, new Object[] {Tag.PatientSex, VR.CS},
            new Object[] {Tag.StudyDate, VR.DA}, new Object[] {Tag.StudyTime, VR.TM},
            new Object[] {Tag.ReferringPhysicianName, VR.PN}, new Object[] {Tag.StudyID, VR.SH},
            new Object[] {Tag.AccessionNumber, VR.SH}, new Object[] {Tag.StudyDescription, VR.LO});

    /**
     * What to write.
     *
     * @param panel                 the annotated view, rendered at its view size times {@code pixelScale}
     * @param source                the source image's dataset (header is enough)
     * @param columns               the capture's columns, or 0 for the panel's width times {@code pixelScale}; with
     *                              {@code rows}, a capture of exactly a source's size (the panel's view units then
     *                              span {@code columns / pixelScale})
     * @param rows                  the capture's rows, or 0 for the panel's height times {@code pixelScale}
     * @param derivationDescription how the view was made (method, model, layer …); stored in (0008,2111)
     * @param softwareVersion       RayLens version, stored as the capture device's software version
     * @param demo                  results from the demo encoder: the DEMO badge is burned in
     */
    public record Request(FigurePanel panel, DicomObject source, double pixelScale, String derivationDescription,
            String softwareVersion, boolean demo, boolean overwrite, int columns, int rows) {

        /** A capture of the panel's size times {@code pixelScale}. */
        public Request(FigurePanel panel, DicomObject source, double pixelScale, String derivationDescription,
                String softwareVersion, boolean demo, boolean overwrite) {
            this(panel, source, pixelScale, derivationDescription, softwareVersion, demo, overwrite, 0, 0);
        }

        public Request {
            Objects.requireNonNull(panel, "panel");
            Objects.requireNonNull(source, "source");
            if (!(pixelScale > 0 && pixelScale <= 8)) {
                throw new IllegalArgumentException("pixel scale must be in (0, 8]: " + pixelScale);
            }
            if (panel.width() * pixelScale > 65535 || panel.height() * pixelScale > 65535 || columns > 65535
                    || rows > 65535) {
                throw new IllegalArgumentException("DICOM rows and columns are at most 65535");
            }
            if (columns < 0 || rows < 0 || (columns == 0) != (rows == 0)) {
                throw new IllegalArgumentException("give both columns and rows, or neither: " + columns + "×" + rows);
            }
        }
    }

    private SecondaryCapture() {}

    /** Renders and writes the Secondary Capture; returns the dataset written (without pixel data). */
    public static DicomObject write(Request request, Path target) throws ExportException {
        String studyUid = request.source().getString(Tag.StudyInstanceUID);
        String sourceSopInstance = request.source().getString(Tag.SOPInstanceUID);
        String sourceSopClass = request.source().getString(Tag.SOPClassUID);
        if (studyUid == null || sourceSopInstance == null || sourceSopClass == null) {
            throw new ExportException("the source has no Study Instance, SOP Instance or SOP Class UID to refer to",
                    target);
        }
        BufferedImage image = render(request);
        DicomObject d = header(request, image.getWidth(), image.getHeight(), studyUid, sourceSopClass,
                sourceSopInstance, ZonedDateTime.now(ZoneId.systemDefault()));
        DicomWriter writer = request.overwrite() ? new DicomWriter().overwriting() : new DicomWriter();
        try {
            writer.write(target, d, NativePixels.ofBytes(rgbBytes(image)));
        } catch (DicomWriteException e) {
            throw new ExportException("cannot write the DICOM Secondary Capture", target, e);
        }
        return d;
    }

    /** The annotated view as an RGB raster: the same paint as the screen and the PNG export. */
    static BufferedImage render(Request request) {
        FigurePanel panel = request.panel();
        double scale = request.pixelScale();
        int w = request.columns() > 0 ? request.columns() : (int) Math.ceil(panel.width() * scale - 1e-9);
        int h = request.rows() > 0 ? request.rows() : (int) Math.ceil(panel.height() * scale - 1e-9);
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            double viewWidth = request.columns() > 0 ? w / scale : panel.width();
            double viewHeight = request.rows() > 0 ? h / scale : panel.height();
            FigurePainter.paintPanel(panel, new Graphics2DCanvas(g, viewWidth, viewHeight, scale), request.demo(),
                    w, h);
        } finally {
            g.dispose();
        }
        return image;
    }

    static DicomObject header(Request request, int columns, int rows, String studyUid, String sourceSopClass,
            String sourceSopInstance, ZonedDateTime now) {
        DicomObject src = request.source();
        DicomObject d = new DicomObject();
        String date = now.format(DateTimeFormatter.BASIC_ISO_DATE).substring(0, 8);
        String time = now.format(DateTimeFormatter.ofPattern("HHmmss"));
        d.setString(Tag.ImageType, VR.CS, "DERIVED", "SECONDARY");
        d.setString(Tag.SOPClassUID, VR.UI, SOP_CLASS_UID);
        d.setString(Tag.SOPInstanceUID, VR.UI, UidGenerator.random());
        for (Object[] copied : COPIED) {
            int tag = (Integer) copied[0];
            String value = src.getString(tag);
            d.setString(tag, (VR) copied[1], value == null ? "" : value);
        }
        d.setString(Tag.StudyInstanceUID, VR.UI, studyUid);
        d.setString(Tag.SeriesInstanceUID, VR.UI, UidGenerator.random());
        d.setString(Tag.Modality, VR.CS, "OT");
        int sourceSeries = src.getInt(Tag.SeriesNumber, 0);
        d.setInts(Tag.SeriesNumber, VR.IS, 9000 + Math.floorMod(sourceSeries, 1000));
        d.setInts(Tag.InstanceNumber, VR.IS, 1);
        d.setString(Tag.SeriesDate, VR.DA, date);
        d.setString(SERIES_TIME, VR.TM, time);
        d.setString(Tag.ContentDate, VR.DA, date);
        d.setString(Tag.ContentTime, VR.TM, time);
        d.setString(Tag.SeriesDescription, VR.LO,
                request.demo() ? "RayLens annotated view (DEMO, random weights)" : "RayLens annotated view");
        d.setString(Tag.PatientOrientation, VR.CS, "");
        d.setString(Tag.Manufacturer, VR.LO, "RayLens");
        d.setString(Tag.ConversionType, VR.CS, "WSD");
        d.setString(DATE_OF_SECONDARY_CAPTURE, VR.DA, date);
        d.setString(TIME_OF_SECONDARY_CAPTURE, VR.TM, time);
        d.setString(SC_DEVICE_MANUFACTURER, VR.LO, "RayLens");
        d.setString(SC_DEVICE_MODEL, VR.LO, "RayLens viewer");
        d.setString(SC_DEVICE_SOFTWARE_VERSIONS, VR.LO,
                request.softwareVersion() == null ? "unknown" : request.softwareVersion());
        String derivation = request.derivationDescription() == null ? "" : request.derivationDescription();
        d.setString(Tag.DerivationDescription, VR.ST, truncate(
                "Annotated view of the source image with overlays burned in. " + derivation, 1024));
        d.setSequence(Tag.SourceImageSequence, List.of(reference(sourceSopClass, sourceSopInstance)));
        d.setSequence(REFERENCED_IMAGE_SEQUENCE, List.of(reference(sourceSopClass, sourceSopInstance)));
        d.setString(BURNED_IN_ANNOTATION, VR.CS, "YES");
        d.setString(Tag.LossyImageCompression, VR.CS, "00");
        d.setInts(Tag.SamplesPerPixel, VR.US, 3);
        d.setString(Tag.PhotometricInterpretation, VR.CS, "RGB");
        d.setInts(Tag.PlanarConfiguration, VR.US, 0);
        d.setInts(Tag.Rows, VR.US, rows);
        d.setInts(Tag.Columns, VR.US, columns);
        d.setInts(Tag.BitsAllocated, VR.US, 8);
        d.setInts(Tag.BitsStored, VR.US, 8);
        d.setInts(Tag.HighBit, VR.US, 7);
        d.setInts(Tag.PixelRepresentation, VR.US, 0);
        return d;
    }

    private static DicomObject reference(String sopClass, String sopInstance) {
        DicomObject item = new DicomObject();
        item.setString(Tag.ReferencedSOPClassUID, VR.UI, sopClass);
        item.setString(Tag.ReferencedSOPInstanceUID, VR.UI, sopInstance);
        return item;
    }

    /** R, G, B bytes per pixel, row by row (PlanarConfiguration 0). */
    static byte[] rgbBytes(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        byte[] out = new byte[argb.length * 3];
        for (int i = 0; i < argb.length; i++) {
            out[3 * i] = (byte) (argb[i] >> 16);
            out[3 * i + 1] = (byte) (argb[i] >> 8);
            out[3 * i + 2] = (byte) argb[i];
        }
        return out;
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
