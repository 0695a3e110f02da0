package org.raylens.app.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.raylens.core.progress.CancellationToken;
import org.raylens.viewer.dicomweb.DicomWebClient;
import org.raylens.viewer.dicomweb.StudyQuery;
import org.raylens.viewer.dicomweb.StudySummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code raylens pacs search}: QIDO-RS study search. One study per line, its Study Instance UID first, then date,
 * patient ID, patient name, modalities, accession number, description and counts, tab-separated; with
 * {@code --json} one JSON object per line (JSON Lines) whose first member is the UID.
 */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = "Search studies (QIDO-RS); prints one study per line starting with its Study Instance UID.")
public final class PacsSearchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    PacsServerOptions server;

    @Option(names = "--patient-id", paramLabel = "ID", description = "Patient ID.")
    String patientId;

    @Option(names = "--patient-name", paramLabel = "PAT",
            description = "Patient name; * and ? are wildcards, e.g. 'DOE*'.")
    String patientName;

    @Option(names = "--study-date", paramLabel = "FROM-TO",
            description = "Study date YYYYMMDD or range YYYYMMDD-YYYYMMDD (either side may be left out).")
    String studyDate;

    @Option(names = "--modality", paramLabel = "M", description = "A modality in the study, e.g. DX or CR.")
    String modality;

    @Option(names = "--accession", paramLabel = "NUMBER", description = "Accession number.")
    String accession;

    @Option(names = "--json", description = "One JSON object per line instead of tab-separated text.")
    boolean json;

    @Override
    public Integer call() {
        StudyQuery query = query();
        return LoadErrors.reported(spec, () -> {
            try (DicomWebClient client = server.client(spec)) {
                PrintWriter out = spec.commandLine().getOut();
                Gson gson = new GsonBuilder().disableHtmlEscaping().create();
                for (StudySummary s : client.searchStudies(query, CancellationToken.NONE)) {
                    out.println(json ? gson.toJson(toJson(s)) : String.join("\t", s.studyInstanceUid(),
                            s.studyDate(), s.patientId(), s.patientName(), String.join("\\", s.modalities()),
                            s.accessionNumber(), s.description(), Integer.toString(s.seriesCount()),
                            Integer.toString(s.instanceCount())));
                }
                return CliExitCodes.OK;
            }
        });
    }

    private StudyQuery query() {
        try {
            StudyQuery q = StudyQuery.all();
            q = patientId == null ? q : q.withPatientId(patientId);
            q = patientName == null ? q : q.withPatientName(patientName);
            q = studyDate == null ? q : q.withStudyDate(studyDate);
            q = modality == null ? q : q.withModality(modality);
            return accession == null ? q : q.withAccessionNumber(accession);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private static JsonObject toJson(StudySummary s) {
        JsonObject o = new JsonObject();
        o.addProperty("studyInstanceUid", s.studyInstanceUid());
        o.addProperty("studyDate", s.studyDate());
        o.addProperty("patientId", s.patientId());
        o.addProperty("patientName", s.patientName());
        JsonArray modalities = new JsonArray();
        s.modalities().forEach(modalities::add);
        o.add("modalities", modalities);
        o.addProperty("accessionNumber", s.accessionNumber());
        o.addProperty("description", s.description());
        o.addProperty("seriesCount", s.seriesCount());
        o.addProperty("instanceCount", s.instanceCount());
        return o;
    }
}
