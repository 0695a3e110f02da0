package org.raylens.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.ConsoleHandler;
import java.util.logging.FileHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Sends java.util.logging (and, through slf4j-jdk14, DJL's messages) to rotating files in the data folder's
 * {@code logs} folder, so that a user reporting a problem has something to attach. The console keeps only warnings:
 * the command line's output stays readable and the window's terminal quiet.
 */
public final class AppLogging {

    /** File name pattern: raylens.0.log is the newest; java.util.logging adds .1, .2 for a second instance. */
    static final String PATTERN = "raylens.%g.log";
    private static final int LIMIT_BYTES = 5 * 1024 * 1024;
    private static final int FILES = 3;
    /** The logger (through slf4j-jdk14) of DJL's CUDA probe. */
    static final String GPU_PROBE_LOGGER = "ai.djl.util.cuda.CudaUtils";
    /** DJL's ONNX Runtime engine, which warns "CUDA is not supported" when it loads on a machine without CUDA. */
    static final String ONNX_ENGINE_LOGGER = "ai.djl.onnxruntime.engine.OrtEngine";

    private AppLogging() {
    }

    /** The log folder inside the data folder. */
    public static Path logDir(Path dataDir) {
        return dataDir.resolve("logs");
    }

    /**
     * Installs the file handler on the root logger.
     *
     * @return the handler, which the caller may close (tests do; the application keeps it to the end)
     * @throws IOException when the folder cannot be created or the file opened; callers go on without a log file
     */
    public static Handler install(Path logDir) throws IOException {
        Logger root = Logger.getLogger("");
        quietConsole(root);
        Files.createDirectories(logDir);
        FileHandler file = new FileHandler(logDir.resolve(PATTERN).toString(), LIMIT_BYTES, FILES, true);
        file.setFormatter(new LineFormatter());
        file.setLevel(Level.INFO);
        root.addHandler(file);
        return file;
    }

    /**
     * Keeps the console to warnings, and not even those from DJL's GPU probe: on a machine without a usable GPU,
     * {@code ai.djl.util.cuda.CudaUtils.getGpuCount} warns "Failed to detect GPU count" each time an engine asks
     * (twice per command), and ONNX Runtime's engine warns that CUDA is not supported. That is the expected answer
     * there, so it goes to the log file only, where it still
     * explains a GPU that was not used; {@code --gpu} says so on the console itself when it falls back to the CPU.
     */
    static void quietConsole(Logger root) {
        for (Handler h : root.getHandlers()) {
            if (h instanceof ConsoleHandler) {
                h.setLevel(Level.WARNING);
                h.setFilter(r -> !isGpuProbe(r));
            }
        }
    }

    /** DJL's answers to "is there a GPU?": PyTorch's GPU count, and ONNX Runtime's CUDA provider check. */
    static boolean isGpuProbe(LogRecord r) {
        return GPU_PROBE_LOGGER.equals(r.getLoggerName())
                || ONNX_ENGINE_LOGGER.equals(r.getLoggerName()) && r.getMessage() != null
                && r.getMessage().contains("CUDA");
    }

    /** One line per record (plus the stack trace when there is one), with a local timestamp. */
    static final class LineFormatter extends Formatter {
        private static final DateTimeFormatter TIME =
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

        @Override
        public String format(LogRecord r) {
            StringBuilder line = new StringBuilder()
                    .append(TIME.format(Instant.ofEpochMilli(r.getMillis()))).append(' ')
                    .append(r.getLevel().getName()).append(' ')
                    .append(r.getLoggerName()).append(": ")
                    .append(formatMessage(r)).append(System.lineSeparator());
            if (r.getThrown() != null) {
                StringWriter trace = new StringWriter();
                r.getThrown().printStackTrace(new PrintWriter(trace));
                line.append(trace);
            }
            return line.toString();
        }
    }
}
