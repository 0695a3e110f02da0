package org.raylens.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppLoggingTest {
    @TempDir
    Path tmp;

    @Test
    void writesRecordsWithTheirStackTracesToTheLogFolder() throws IOException {
        Path logs = AppLogging.logDir(tmp);
        Handler handler = AppLogging.install(logs);
        try {
            Logger log = Logger.getLogger("org.raylens.test.logging");
            log.info("first line");
            log.log(Level.WARNING, "it failed", new IllegalStateException("because"));
            log.fine("below the file's level");
            handler.flush();
            String text = Files.readString(logs.resolve("raylens.0.log"));
            assertTrue(text.contains("INFO org.raylens.test.logging: first line"), text);
            assertTrue(text.contains("WARNING org.raylens.test.logging: it failed"), text);
            assertTrue(text.contains("java.lang.IllegalStateException: because"), text);
            assertTrue(!text.contains("below the file's level"), text);
        } finally {
            Logger.getLogger("").removeHandler(handler);
            handler.close();
        }
    }

    @Test
    void djlsGpuProbeWarningsReachTheLogFileButNotTheConsole() throws IOException {
        Logger root = Logger.getLogger("");
        java.io.ByteArrayOutputStream console = new java.io.ByteArrayOutputStream();
        java.util.logging.ConsoleHandler consoleLike = new java.util.logging.ConsoleHandler() {
            {
                setOutputStream(console); // a ConsoleHandler writing where the test can read it
            }
        };
        root.addHandler(consoleLike);
        Path logs = AppLogging.logDir(tmp);
        Handler file = AppLogging.install(logs);
        try {
            Logger probe = Logger.getLogger(AppLogging.GPU_PROBE_LOGGER);
            probe.warning("Failed to detect GPU count: CUDA driver version is insufficient (35)");
            Logger.getLogger(AppLogging.ONNX_ENGINE_LOGGER).warning("CUDA is not supported OnnxRuntime engine: Error"
                    + " code - ORT_EP_FAIL - message: Failed to find CUDA shared provider");
            Logger.getLogger("org.raylens.test.logging").warning("a real warning");
            consoleLike.flush();
            file.flush();
            String shown = console.toString(java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(!shown.contains("GPU count") && !shown.contains("CUDA"), shown);
            assertTrue(shown.contains("a real warning"), shown);
            String logged = Files.readString(logs.resolve("raylens.0.log"));
            assertTrue(logged.contains("Failed to detect GPU count") && logged.contains("CUDA is not supported"), logged);
        } finally {
            root.removeHandler(consoleLike);
            root.removeHandler(file);
            file.close();
        }
    }
}
