package org.raylens.app;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;

/**
 * The main classes of every RayLens module, for the architecture rules. ArchUnit's own "no tests" option only knows
 * test-class folders; the app's tests also see the inference and viewer test-jars (the toy encoder family, the
 * Orthanc fixture), which a full reactor build puts on the class path as {@code *-tests.jar}. Test code may reach
 * into a family or open files as it likes, so both forms of test classes are left out.
 */
final class MainClasses {
    private MainClasses() {
    }

    static JavaClasses load() {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(MainClasses::notInATestJar)
                .importPackages("org.raylens");
    }

    private static boolean notInATestJar(Location location) {
        return !location.contains("-tests.jar");
    }
}
