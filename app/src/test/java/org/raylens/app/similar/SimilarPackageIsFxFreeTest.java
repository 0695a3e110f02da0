package org.raylens.app.similar;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The retrieval package (index, readers, benchmark) serves the command line and could serve a batch job: it must not
 * need a display. Only its {@code window} subpackage may use JavaFX.
 */
class SimilarPackageIsFxFreeTest {
    @Test
    void retrievalNeedsNoJavaFx() {
        var classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.raylens.app.similar");
        noClasses().that().resideInAPackage("org.raylens.app.similar")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "java.awt..",
                        "org.raylens.app.similar.window..", "org.raylens.app.ui..")
                .check(classes);
    }
}
