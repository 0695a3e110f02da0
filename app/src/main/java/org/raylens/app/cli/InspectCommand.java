package org.raylens.app.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.raylens.viewer.dicom.DicomException;
import org.raylens.viewer.dicom.DicomFile;
import org.raylens.viewer.dicom.DicomReader;
import org.raylens.viewer.dicom.DicomSummary;
import org.raylens.viewer.dicom.codec.PixelCodecRegistry;
import org.raylens.viewer.dicom.pixel.DicomPixels;
import org.raylens.viewer.dicom.pixel.StoredValueHash;
import org.raylens.viewer.source.FileAddress;
import org.raylens.viewer.source.ImageSourceException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code raylens inspect <file>}: the header summary and, on request, the SHA-256 of the decoded stored values in
 * the conformance manifest's convention (little endian, frames concatenated, no LUTs), so a decode can be checked
 * against pydicom's from a shell.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Print a DICOM file's header summary; exit code 2 when the file cannot be read.")
public final class InspectCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<file>", converter = ImageArgument.Converter.class,
            description = "A DICOM file: a path or a file: URI (a #frame=N fragment names the file it is in).")
    ImageArgument image;

    @Option(names = "--json", description = "Print the summary as JSON.")
    boolean json;

    @Option(names = "--pixel-sha256",
            description = "Decode every frame and print the SHA-256 of the stored values (little endian).")
    boolean pixelSha256;

    @Override
    public Integer call() {
        Path file;
        try {
            file = FileAddress.parse(image.uri()).file(); // the header and the frames are the whole file's
        } catch (ImageSourceException e) {
            err().println("raylens inspect: needs a local file: " + e.getMessage());
            return CliExitCodes.USAGE;
        }
        if (!Files.isRegularFile(file)) {
            err().println("raylens inspect: not a file: " + file);
            return CliExitCodes.UNREADABLE;
        }
        try (DicomFile dicom = pixelSha256 ? DicomReader.read(file) : DicomReader.readHeader(file)) {
            DicomSummary summary = DicomSummary.of(dicom);
            String sha = null;
            if (pixelSha256) {
                sha = StoredValueHash.sha256(DicomPixels.open(dicom, PixelCodecRegistry.fromServiceLoader()));
            }
            if (json) {
                JsonObject j = JsonParser.parseString(summary.toJson()).getAsJsonObject();
                if (sha != null) {
                    j.addProperty("pixelSha256", sha);
                }
                out().println(new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(j));
            } else {
                out().print(summary.toText());
                if (sha != null) {
                    out().printf("%-26s %s%n", "pixel sha256:", sha);
                }
            }
            return CliExitCodes.OK;
        } catch (DicomException | java.io.IOException e) {
            return LoadErrors.report(spec.commandLine(), e);
        }
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
