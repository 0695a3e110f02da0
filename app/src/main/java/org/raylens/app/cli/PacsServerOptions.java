package org.raylens.app.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.raylens.viewer.dicomweb.DicomWebAuth;
import org.raylens.viewer.dicomweb.DicomWebClient;
import org.raylens.viewer.dicomweb.DicomWebConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The server options every {@code raylens pacs} subcommand shares: where the DICOMweb server is and how to log in. */
final class PacsServerOptions {

    @Option(names = "--url", required = true, paramLabel = "URL",
            description = "The DICOMweb root, e.g. http://localhost:8042/dicom-web (Orthanc).")
    URI url;

    @Option(names = "--user", paramLabel = "NAME", description = "HTTP basic user name (with --password).")
    String user;

    @Option(names = "--password", paramLabel = "SECRET", description = "HTTP basic password (with --user).")
    String password;

    @Option(names = "--token", paramLabel = "TOKEN", description = "A bearer token (instead of --user/--password).")
    String token;

    @Option(names = "--ca-file", paramLabel = "FILE",
            description = "An extra CA certificate file (PEM) to trust besides the system's, for https servers.")
    Path caFile;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "Give up when the server is silent this long (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    /** The client these options describe; the caller closes it. */
    DicomWebClient client(CommandSpec spec) throws IOException {
        if (token != null && (user != null || password != null)) {
            throw new ParameterException(spec.commandLine(), "give either --token or --user/--password, not both");
        }
        if ((user == null) != (password == null)) {
            throw new ParameterException(spec.commandLine(), "--user and --password go together");
        }
        if (timeoutSeconds <= 0) {
            throw new ParameterException(spec.commandLine(), "--timeout must be positive");
        }
        DicomWebConfig config;
        try {
            config = DicomWebConfig.of(url);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (token != null) {
            config = config.withAuth(DicomWebAuth.bearer(token));
        } else if (user != null) {
            config = config.withAuth(DicomWebAuth.basic(user, password));
        }
        if (caFile != null) {
            config = config.withExtraCaFile(caFile);
        }
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        config = config.withTimeouts(DicomWebConfig.DEFAULT_CONNECT_TIMEOUT.compareTo(timeout) < 0
                ? DicomWebConfig.DEFAULT_CONNECT_TIMEOUT : timeout, timeout);
        return new DicomWebClient(config);
    }
}
