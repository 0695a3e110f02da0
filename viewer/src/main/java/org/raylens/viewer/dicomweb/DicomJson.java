package org.raylens.viewer.dicomweb;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.raylens.viewer.dicom.DicomObject;
import org.raylens.viewer.dicom.VR;

/**
 * DICOM JSON (PS3.18 F.2, {@code application/dicom+json}) to the viewer's {@link DicomObject}, so QIDO results and
 * WADO-RS metadata read like headers of local files: the study browser groups and labels them with the same code,
 * and no pixels need to be fetched to fill it. Bulk data given by reference ({@code BulkDataURI}) is left out (the
 * pixels come with the instance); {@code InlineBinary} is decoded.
 */
final class DicomJson {
    private DicomJson() {}

    /** A JSON array of datasets (a QIDO or metadata response). */
    static List<DicomObject> parseArray(URI url, String json) throws DicomWebException {
        try {
            JsonElement root = json.isBlank() ? new JsonArray() : JsonParser.parseString(json);
            if (!root.isJsonArray()) {
                throw new DicomWebException.Malformed(url, "expected a JSON array of datasets", null);
            }
            List<DicomObject> out = new ArrayList<>();
            for (JsonElement e : root.getAsJsonArray()) {
                out.add(dataset(e.getAsJsonObject()));
            }
            return out;
        } catch (JsonParseException | IllegalStateException | IllegalArgumentException e) {
            throw new DicomWebException.Malformed(url, "not DICOM JSON: " + e.getMessage(), e);
        }
    }

    /** A single JSON dataset (a STOW-RS response). */
    static DicomObject parseObject(URI url, String json) throws DicomWebException {
        try {
            JsonElement root = JsonParser.parseString(json);
            if (!root.isJsonObject()) {
                throw new DicomWebException.Malformed(url, "expected a DICOM JSON dataset", null);
            }
            return dataset(root.getAsJsonObject());
        } catch (JsonParseException | IllegalStateException | IllegalArgumentException e) {
            throw new DicomWebException.Malformed(url, "not DICOM JSON: " + e.getMessage(), e);
        }
    }

    static DicomObject dataset(JsonObject json) {
        DicomObject out = new DicomObject();
        for (Map.Entry<String, JsonElement> entry : json.entrySet()) {
            int tag = (int) Long.parseLong(entry.getKey(), 16);
            JsonObject attribute = entry.getValue().getAsJsonObject();
            VR vr = VR.valueOf(attribute.get("vr").getAsString());
            JsonArray values = attribute.has("Value") ? attribute.getAsJsonArray("Value") : new JsonArray();
            put(out, tag, vr, values, attribute);
        }
        return out;
    }

    private static void put(DicomObject out, int tag, VR vr, JsonArray values, JsonObject attribute) {
        switch (vr) {
            case SQ -> {
                List<DicomObject> items = new ArrayList<>();
                values.forEach(v -> items.add(dataset(v.getAsJsonObject())));
                out.setSequence(tag, items);
            }
            case PN -> {
                String[] names = new String[values.size()];
                for (int i = 0; i < names.length; i++) {
                    JsonElement v = values.get(i);
                    names[i] = v.isJsonObject() && v.getAsJsonObject().has("Alphabetic")
                            ? v.getAsJsonObject().get("Alphabetic").getAsString() : "";
                }
                out.setString(tag, vr, names);
            }
            case US, SS, UL, SL -> {
                int[] ints = new int[values.size()];
                for (int i = 0; i < ints.length; i++) {
                    ints[i] = (int) values.get(i).getAsLong();
                }
                out.setInts(tag, vr, ints);
            }
            case AT -> {
                int[] ints = new int[values.size()];
                for (int i = 0; i < ints.length; i++) {
                    ints[i] = (int) Long.parseLong(values.get(i).getAsString(), 16);
                }
                out.setInts(tag, vr, ints);
            }
            case OB, OD, OF, OL, OV, OW, UN, FL, FD, SV, UV -> {
                // Binary values come inline or by reference; referenced bulk data (pixels) is not fetched here.
                if (attribute.has("InlineBinary")) {
                    out.setBytes(tag, vr, Base64.getDecoder().decode(attribute.get("InlineBinary").getAsString()));
                } else if (vr == VR.FL || vr == VR.FD) {
                    double[] d = new double[values.size()];
                    for (int i = 0; i < d.length; i++) {
                        d[i] = values.get(i).getAsDouble();
                    }
                    out.setBytes(tag, vr, floats(vr, d));
                }
            }
            default -> {
                String[] strings = new String[values.size()];
                for (int i = 0; i < strings.length; i++) {
                    JsonElement v = values.get(i);
                    strings[i] = v.isJsonNull() ? "" : v.getAsString();
                }
                out.setString(tag, vr, strings);
            }
        }
    }

    private static byte[] floats(VR vr, double[] values) {
        java.nio.ByteBuffer bb = java.nio.ByteBuffer.allocate(values.length * (vr == VR.FL ? 4 : 8))
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            if (vr == VR.FL) {
                bb.putFloat((float) v);
            } else {
                bb.putDouble(v);
            }
        }
        return bb.array();
    }
}
