package org.raylens.overlays;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Overlays paint the screen and headless exports alike, so they never touch JavaFX; layers and charts also stay off
 * AWT (only export and the figure's text metrics use it), so the CLI and tests can paint them anywhere.
 */
class OverlaysArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.raylens.overlays");

    @Test
    void noJavaFxAnywhere() {
        noClasses().that().resideInAPackage("org.raylens.overlays..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.raylens.viewer.fx..")
                .check(CLASSES);
    }

    @Test
    void layersAndChartsUseNoAwt() {
        noClasses().that().resideInAnyPackage("org.raylens.overlays.layer..", "org.raylens.overlays.chart..")
                .should().dependOnClassesThat().resideInAnyPackage("java.awt..", "javax.imageio..")
                .check(CLASSES);
    }
}
