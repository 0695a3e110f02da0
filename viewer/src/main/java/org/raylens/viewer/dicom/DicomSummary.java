package org.raylens.viewer.dicom;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The header facts {@code raylens inspect} prints: what a researcher checks before trusting an image's numbers.
 * Absent attributes are null (never a made-up default), so "no rescale" and "rescale 1/0" stay distinguishable.
 */
public record DicomSummary(String file, String transferSyntaxUid, String transferSyntaxName, String sopClassUid,
        String photometricInterpretation, Integer rows, Integer columns, Integer bitsAllocated, Integer bitsStored,
        Integer highBit, Integer pixelRepresentation, Integer samplesPerPixel, Integer numberOfFrames,
        Double rescaleSlope, Double rescaleIntercept, String rescaleType, List<Window> windows, String patientName,
        String patientId, String studyInstanceUid, String seriesInstanceUid, String sopInstanceUid, String modality,
        String manufacturer) {

    /** One VOI window preset from (0028,1050/1051/1055). */
    public record Window(double center, double width, String explanation) {}

    public DicomSummary {
        windows = List.copyOf(windows);
    }

    public static DicomSummary of(DicomFile f) {
        DicomObject ds = f.dataset();
        TransferSyntax ts = f.transferSyntax();
        String tsUid = f.fileMeta().getString(Tag.TransferSyntaxUID);
        return new DicomSummary(f.path() == null ? null : f.path().toString(),
                tsUid != null ? tsUid : ts.uid(),
                tsUid != null ? TransferSyntax.of(tsUid).name() : ts.name() + " (inferred: the file names none)",
                first(ds.getString(Tag.SOPClassUID), f.fileMeta().getString(Tag.MediaStorageSOPClassUID)),
                ds.getString(Tag.PhotometricInterpretation), integer(ds, Tag.Rows), integer(ds, Tag.Columns),
                integer(ds, Tag.BitsAllocated), integer(ds, Tag.BitsStored), integer(ds, Tag.HighBit),
                integer(ds, Tag.PixelRepresentation), integer(ds, Tag.SamplesPerPixel),
                integer(ds, Tag.NumberOfFrames), decimal(ds, Tag.RescaleSlope), decimal(ds, Tag.RescaleIntercept),
                ds.getString(Tag.RescaleType), windows(ds), ds.getText(Tag.PatientName), ds.getString(Tag.PatientID),
                ds.getString(Tag.StudyInstanceUID), ds.getString(Tag.SeriesInstanceUID),
                first(ds.getString(Tag.SOPInstanceUID), f.fileMeta().getString(Tag.MediaStorageSOPInstanceUID)),
                ds.getString(Tag.Modality), ds.getString(Tag.Manufacturer));
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }

    private static Integer integer(DicomObject ds, int tag) {
        int[] v = ds.getInts(tag);
        return v.length == 0 ? null : v[0];
    }

    private static Double decimal(DicomObject ds, int tag) {
        double[] v = ds.getDoubles(tag);
        return v.length == 0 ? null : v[0];
    }

    private static List<Window> windows(DicomObject ds) {
        double[] centers = ds.getDoubles(Tag.WindowCenter);
        double[] widths = ds.getDoubles(Tag.WindowWidth);
        String[] explanations = ds.getStrings(Tag.WindowCenterWidthExplanation);
        List<Window> out = new ArrayList<>();
        for (int i = 0; i < Math.min(centers.length, widths.length); i++) {
            out.add(new Window(centers[i], widths[i], i < explanations.length && !explanations[i].isEmpty()
                    ? explanations[i] : null));
        }
        return out;
    }

    private Map<String, Object> fields() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", file);
        m.put("transferSyntaxUid", transferSyntaxUid);
        m.put("transferSyntaxName", transferSyntaxName);
        m.put("sopClassUid", sopClassUid);
        m.put("photometricInterpretation", photometricInterpretation);
        m.put("rows", rows);
        m.put("columns", columns);
        m.put("bitsAllocated", bitsAllocated);
        m.put("bitsStored", bitsStored);
        m.put("highBit", highBit);
        m.put("pixelRepresentation", pixelRepresentation);
        m.put("samplesPerPixel", samplesPerPixel);
        m.put("numberOfFrames", numberOfFrames);
        m.put("rescaleSlope", rescaleSlope);
        m.put("rescaleIntercept", rescaleIntercept);
        m.put("rescaleType", rescaleType);
        m.put("patientName", patientName);
        m.put("patientId", patientId);
        m.put("studyInstanceUid", studyInstanceUid);
        m.put("seriesInstanceUid", seriesInstanceUid);
        m.put("sopInstanceUid", sopInstanceUid);
        m.put("modality", modality);
        m.put("manufacturer", manufacturer);
        return m;
    }

    /** "Name: value" lines; absent values print as "-". */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Object> e : fields().entrySet()) {
            if (e.getKey().equals("patientName")) {
                appendWindows(sb);
            }
            sb.append(String.format("%-26s %s%n", e.getKey() + ":", e.getValue() == null ? "-" : format(e.getValue())));
        }
        return sb.toString();
    }

    private void appendWindows(StringBuilder sb) {
        if (windows.isEmpty()) {
            sb.append(String.format("%-26s -%n", "windows:"));
        }
        for (int i = 0; i < windows.size(); i++) {
            Window w = windows.get(i);
            sb.append(String.format("%-26s center %s width %s%s%n", "window[" + i + "]:", format(w.center()),
                    format(w.width()), w.explanation() == null ? "" : " (" + w.explanation() + ")"));
        }
    }

    private static String format(Object v) {
        if (v instanceof Double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : Double.toString(d);
        }
        return v.toString();
    }

    /** The same facts as a JSON object; absent values are JSON null. */
    public String toJson() {
        JsonObject o = new JsonObject();
        for (Map.Entry<String, Object> e : fields().entrySet()) {
            Object v = e.getValue();
            if (v instanceof Number n) {
                o.addProperty(e.getKey(), n);
            } else {
                o.addProperty(e.getKey(), v == null ? null : v.toString());
            }
        }
        JsonArray ws = new JsonArray();
        for (Window w : windows) {
            JsonObject wj = new JsonObject();
            wj.addProperty("center", w.center());
            wj.addProperty("width", w.width());
            wj.addProperty("explanation", w.explanation());
            ws.add(wj);
        }
        o.add("windows", ws);
        return new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create().toJson(o);
    }
}
