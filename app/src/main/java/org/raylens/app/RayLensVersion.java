package org.raylens.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The versions baked in at build time from the pom: RayLens itself and the engines it was built against. */
public record RayLensVersion(String version, String djlVersion, String libtorchVersion, String javafxVersion) {

    public static RayLensVersion current() {
        Properties p = new Properties();
        try (InputStream in = RayLensVersion.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled version.properties", e);
        }
        return new RayLensVersion(p.getProperty("version", "unknown"), p.getProperty("djl.version", "unknown"),
                p.getProperty("libtorch.version", "unknown"), p.getProperty("javafx.version", "unknown"));
    }
}
