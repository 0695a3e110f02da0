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
}
