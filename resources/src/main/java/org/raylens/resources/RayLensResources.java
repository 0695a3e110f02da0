package org.raylens.resources;

import java.net.URL;
import java.util.List;
import java.util.Objects;

/** Locates the assets every module shares: the application style sheet, the icon and the figure font. */
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

    /** Sizes of the bundled PNG window icons (copies of the installer's icons, so the app finds them on its classpath). */
    public static final List<Integer> ICON_SIZES = List.of(16, 32, 48, 64, 128, 256);

    /** The PNG window icons, smallest first, for {@code Stage.getIcons()} (the window system picks the size it needs). */
    public static List<URL> iconPngs() {
        return ICON_SIZES.stream().map(s -> resource("icons/raylens-" + s + ".png")).toList();
    }

    /**
     * DejaVu Sans (TrueType, Bitstream Vera licence in {@code fonts/DejaVuSans-LICENSE.txt} beside it): the font
     * exports embed for their text, bundled so a figure's arrows, ≥ and em dashes never depend on the fonts of the
     * machine that writes it.
     */
    public static URL figureFont() {
        return resource("fonts/DejaVuSans.ttf");
    }

    private static URL resource(String name) {
        return Objects.requireNonNull(RayLensResources.class.getResource(name), "missing bundled resource " + name);
    }
}
