package org.raylens.app.pacs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.raylens.app.open.DicomLabels;
import org.raylens.app.open.LoadedStudy;
import org.raylens.app.open.StudyInstance;
import org.raylens.core.progress.CancellationToken;
import org.raylens.viewer.dicom.DicomFile;
import org.raylens.viewer.dicom.DicomObject;
import org.raylens.viewer.dicom.Tag;
import org.raylens.viewer.dicom.TransferSyntax;
import org.raylens.viewer.dicom.VR;
import org.raylens.viewer.dicomweb.DicomWebClient;
import org.raylens.viewer.dicomweb.DicomWebException;
import org.raylens.viewer.dicomweb.DicomWebUri;
import org.raylens.viewer.dicomweb.InstanceRef;
import org.raylens.viewer.source.ImageSource;
import org.raylens.viewer.source.ImageSourceException;
import org.raylens.core.progress.Progress;
import org.raylens.viewer.study.DerivedObject;
import org.raylens.viewer.study.HeaderIndex;
import org.raylens.viewer.study.Patient;
import org.raylens.viewer.study.Series;
import org.raylens.viewer.study.Study;
import org.raylens.viewer.study.SkippedFile;
import org.raylens.viewer.study.StudyIndex;

/**
 * Opens a PACS study the way the browser needs it, from its WADO-RS metadata: one request for every instance's
 * header, the same study index a folder scan builds (patients, series, derived objects under their source), and an
 * image source per instance whose header is that metadata and whose pixels are retrieved, through the cache, only
 * when the image is shown. The derived objects listed under a series of images are retrieved with the metadata.
 */
public final class PacsStudyOpener {

    private static final String EXPLICIT_LITTLE_ENDIAN = "1.2.840.10008.1.2.1";
    private static final int TRANSFER_SYNTAX_UID = 0x00020010;

    private PacsStudyOpener() {
    }

    public static LoadedStudy open(PacsConnections.Connection connection, PacsConnections connections,
            String studyUid, CancellationToken cancel) throws DicomWebException, ImageSourceException {
        DicomWebClient client = connection.client();
        List<DicomObject> metadata = client.studyMetadata(studyUid, cancel);
        if (metadata.isEmpty()) {
            throw new DicomWebException.NotFound(client.config().baseUrl(), "study " + studyUid);
        }
        List<DicomFile> headers = new ArrayList<>();
        Map<Path, InstanceRef> refs = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (DicomObject d : metadata) {
            InstanceRef ref;
            try {
                ref = new InstanceRef(d.getString(Tag.StudyInstanceUID, studyUid), d.getString(Tag.SeriesInstanceUID),
                        d.getString(Tag.SOPInstanceUID));
            } catch (IllegalArgumentException | NullPointerException e) {
                problems.add("an instance of study " + studyUid + " without valid UIDs: " + e.getMessage());
                continue;
            }
            Path entry = connections.cache().entryPath(client.config(), ref);
            headers.add(header(entry, d));
            refs.put(entry, ref);
        }
        StudyIndex index = HeaderIndex.of(headers);
        Map<Path, DicomFile> byPath = new HashMap<>();
        headers.forEach(h -> byPath.put(h.path(), h));
        Map<Path, ImageSource> sources = new HashMap<>();
        for (Map.Entry<Path, InstanceRef> e : refs.entrySet()) {
            sources.put(e.getKey(), connection.sources().described(
                    DicomWebUri.of(client.config().baseUrl(), e.getValue()), byPath.get(e.getKey())));
        }
        fetchDerivedObjects(connection, connections, index, refs, cancel);
        List<StudyInstance> instances = DicomLabels.fromIndex(index, i -> sources.get(i.path()));
        for (SkippedFile s : index.skipped()) {
            problems.add(s.reason());
        }
        return new LoadedStudy(instances, false, problems, DicomLabels.withoutSource(index));
    }

    /**
     * Retrieves, into the cache, the derived objects (SEG, Parametric Map, SR) listed under a series of images: the
     * window reads them from their files to offer their layers and measurements as soon as an image is shown. They
     * are few and small beside the images, whose pixels still wait until each is shown.
     */
    private static void fetchDerivedObjects(PacsConnections.Connection connection, PacsConnections connections,
            StudyIndex index, Map<Path, InstanceRef> refs, CancellationToken cancel) throws DicomWebException {
        for (Patient p : index.patients()) {
            for (Study st : p.studies()) {
                for (Series se : st.series()) {
                    if (se.instances().isEmpty()) {
                        continue; // its source is not in the study: listed, not shown as a layer
                    }
                    for (DerivedObject d : se.derived()) {
                        InstanceRef ref = refs.get(d.path());
                        if (ref != null) {
                            try {
                                connections.cache().instance(connection.client(), ref, Progress.NONE, cancel);
                            } catch (DicomWebException e) {
                                throw e;
                            } catch (java.io.IOException e) {
                                throw new DicomWebException(connection.client().config().baseUrl(),
                                        "cannot cache " + d.label() + ": " + e.getMessage(), e);
                            }
                        }
                    }
                }
            }
        }
    }

    /** A header as a scan would have read it: the metadata's dataset, its transfer syntax, no bulk data. */
    static DicomFile header(Path entry, DicomObject dataset) {
        String ts = dataset.getString(TRANSFER_SYNTAX_UID, EXPLICIT_LITTLE_ENDIAN);
        DicomObject meta = new DicomObject();
        meta.setString(TRANSFER_SYNTAX_UID, VR.UI, ts);
        meta.setString(Tag.MediaStorageSOPInstanceUID, VR.UI, dataset.getString(Tag.SOPInstanceUID, ""));
        meta.setString(Tag.MediaStorageSOPClassUID, VR.UI, dataset.getString(Tag.SOPClassUID, ""));
        return new DicomFile(entry, meta, dataset, TransferSyntax.of(ts), null, true);
    }
}
