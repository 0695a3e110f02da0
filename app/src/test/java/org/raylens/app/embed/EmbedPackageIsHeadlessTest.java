package org.raylens.app.embed;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The embedding core runs where there is no window and no command line (a Spark executor): nothing in
 * {@code org.raylens.app.embed} may use JavaFX, picocli, or the app's window and CLI packages.
 */
class EmbedPackageIsHeadlessTest {
    @Test
    void theEmbedPackageNeedsNeitherJavaFxNorPicocliNorTheCli() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.raylens.app.embed");
        assertFalse(classes.isEmpty(), "no classes imported: the rule would pass vacuously");
        noClasses().that().resideInAPackage("org.raylens.app.embed..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "picocli..", "org.raylens.app.cli..",
                        "org.raylens.app.ui..", "org.raylens.viewer.fx..")
                .because("the Spark job's executors run this package without a toolkit or a command line")
                .check(classes);
    }
}
