package org.raylens.resources;

import java.net.URL;
import java.util.Objects;

/** Locates the assets every module shares: the application style sheet and the icon. */
public final class RayLensResources {
    private RayLensResources() {}

    /** The JavaFX style sheet, as an external form URL string for {@code Scene.getStylesheets()}. */
    public static String styleSheet() {
        return resource("raylens.css").toExternalForm();
    }

    /** The application icon as SVG (vector source of the installer icons). */
    public static URL iconSvg() {
        return resource("raylens-icon.svg");
    }

    private static URL resource(String name) {
        return Objects.requireNonNull(RayLensResources.class.getResource(name), "missing bundled resource " + name);
    }
}
