package org.raylens.app.open;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.raylens.viewer.dicom.DicomException;
import org.raylens.viewer.dicom.DicomReader;
import org.raylens.viewer.dicom.DicomObject;
import org.raylens.viewer.dicom.Tag;
import org.raylens.viewer.study.Instance;
import org.raylens.viewer.study.Patient;
import org.raylens.viewer.study.Series;
import org.raylens.viewer.study.Study;
import org.raylens.viewer.study.StudyIndex;

/**
 * Labels instances from their DICOM headers (read without pixel data): "name (ID)" for the patient, "date
 * description" for the study, "number modality description" for the series. Files that are not DICOM keep their
 * folder labels, since the viewer also opens PNG, JPEG and TIFF.
 */
public final class DicomStudyLabeller implements StudyLabeller {

    @Override
    public List<StudyInstance> label(List<StudyInstance> instances) {
        List<StudyInstance> out = new ArrayList<>(instances.size());
        for (StudyInstance instance : instances) {
            out.add(labelOne(instance));
        }
        return out;
    }

    /** Labels every instance of an index (a scanned folder or a DICOMDIR), in the index's order. */
    public static List<StudyInstance> fromIndex(StudyIndex index) {
        List<StudyInstance> out = new ArrayList<>();
        for (Patient p : index.patients()) {
            for (Study st : p.studies()) {
                for (Series se : st.series()) {
                    for (Instance i : se.instances()) {
                        out.add(new StudyInstance(i.path(), patientLabel(p), studyLabel(st), seriesLabel(se),
                                instanceLabel(i)));
                    }
                }
            }
        }
        return out;
    }

    private static StudyInstance labelOne(StudyInstance instance) {
        DicomObject ds;
        try {
            ds = DicomReader.readHeader(instance.path()).dataset();
        } catch (DicomException | RuntimeException e) {
            return instance; // not DICOM: opened by the raster reader, labelled by its folder
        }
        if (ds.getString(Tag.StudyInstanceUID) == null) {
            return instance;
        }
        String name = instance.path().getFileName() == null ? instance.path().toString()
                : instance.path().getFileName().toString();
        Integer number = integer(ds, Tag.InstanceNumber);
        return instance.relabelled(patientLabel(ds.getString(Tag.PatientName), ds.getString(Tag.PatientID)),
                studyLabel(ds.getString(Tag.StudyDate), ds.getString(Tag.StudyDescription), instance.studyLabel()),
                seriesLabel(integer(ds, Tag.SeriesNumber), ds.getString(Tag.Modality),
                        ds.getString(Tag.SeriesDescription)),
                number == null ? name : number + " \u2014 " + name);
    }

    private static Integer integer(DicomObject ds, int tag) {
        int[] v = ds.getInts(tag);
        return v.length == 0 ? null : v[0];
    }

    static String patientLabel(Patient p) {
        return patientLabel(p.patientName(), p.patientId());
    }

    static String patientLabel(String name, String id) {
        String n = blankToEmpty(name).replace('^', ' ').trim();
        String i = blankToEmpty(id);
        if (n.isEmpty() && i.isEmpty()) {
            return "(no patient name)";
        }
        return i.isEmpty() ? n : n.isEmpty() ? i : n + " (" + i + ")";
    }

    static String studyLabel(Study s) {
        return studyLabel(s.date(), s.description(), s.studyInstanceUid());
    }

    static String studyLabel(String date, String description, String fallback) {
        String d = formatDate(date);
        String text = (d + " " + blankToEmpty(description)).trim();
        return text.isEmpty() ? blankToEmpty(fallback) : text;
    }

    static String seriesLabel(Series s) {
        return seriesLabel(s.seriesNumber(), s.modality(), s.description());
    }

    static String seriesLabel(Integer number, String modality, String description) {
        String text = ((number == null ? "" : "#" + number) + " " + blankToEmpty(modality) + " "
                + blankToEmpty(description)).trim().replaceAll("\\s+", " ");
        return text.isEmpty() ? "Series" : text;
    }

    static String instanceLabel(Instance i) {
        String name = i.path().getFileName() == null ? i.path().toString() : i.path().getFileName().toString();
        return i.instanceNumber() == null ? name : i.instanceNumber() + " \u2014 " + name;
    }

    private static String formatDate(String da) {
        String d = blankToEmpty(da);
        return d.length() == 8 && d.chars().allMatch(Character::isDigit)
                ? d.substring(0, 4) + "-" + d.substring(4, 6) + "-" + d.substring(6) : d;
    }

    private static String blankToEmpty(String s) {
        return s == null ? "" : s.trim();
    }

    /** Reads a DICOMDIR's index; its instances in directory order. */
    public static List<StudyInstance> fromDicomDir(Path dicomdir) throws StudyLoadException {
        try {
            return fromIndex(new org.raylens.viewer.study.DicomDirReader().read(dicomdir));
        } catch (DicomException e) {
            throw new StudyLoadException(dicomdir + ": " + e.getMessage(), e);
        }
    }
}
