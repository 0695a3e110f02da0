package org.raylens.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.raylens.inference.encoder.TorchEngine;
import org.junit.jupiter.api.Test;

/**
 * The module arrows of HOUSE-STYLE.md, checked on the compiled classes of every module. Maven's module graph already
 * stops a module from compiling against one it does not declare; these rules add what Maven cannot see: which
 * packages inside a module may use JavaFX or AWT, and that no module reaches into one above it.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = MainClasses.load();
    }

    private static void check(ArchRule rule) {
        rule.check(classes);
    }

    @Test
    void everyModuleIsImported() {
        for (String pkg : new String[] {"org.raylens.core", "org.raylens.viewer.dicom", "org.raylens.viewer.image",
                "org.raylens.viewer.fx", "org.raylens.inference", "org.raylens.overlays", "org.raylens.app"}) {
            boolean present = classes.stream().anyMatch(c -> c.getPackageName().startsWith(pkg));
            org.junit.jupiter.api.Assertions.assertTrue(present, "no classes imported from " + pkg
                    + ": the rules below would pass vacuously");
        }
    }

    @Test
    void inferenceUsesNoJavaFxNorAwt() {
        check(noClasses().that().resideInAPackage("org.raylens.inference..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "java.awt..", "javax.imageio..",
                        "javax.swing..")
                .because("inference runs headless in the CLI, in tests and on servers"));
    }

    @Test
    void inferenceDependsOnNoOtherRayLensModule() {
        check(noClasses().that().resideInAPackage("org.raylens.inference..")
                .should().dependOnClassesThat().resideInAnyPackage("org.raylens.viewer..", "org.raylens.overlays..",
                        "org.raylens.app..", "org.raylens.resources.."));
    }

    @Test
    void coreDependsOnNothingButTheJdk() {
        check(noClasses().that().resideInAPackage("org.raylens.core..")
                .should().dependOnClassesThat().resideOutsideOfPackages("org.raylens.core..", "java..")
                .because("every module, inference included, may use core; it must not pull anything in"));
    }

    @Test
    void dicomImageAndStudyPackagesAreFxFree() {
        check(noClasses().that().resideInAnyPackage("org.raylens.viewer.dicom..", "org.raylens.viewer.image..",
                        "org.raylens.viewer.study..", "org.raylens.viewer.sample..", "org.raylens.viewer.overlay..",
                        "org.raylens.viewer.source..", "org.raylens.viewer.annotation..",
                        "org.raylens.viewer.measure..", "org.raylens.viewer.derived..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.raylens.viewer.fx.."));
    }

    @Test
    void viewerDependsOnlyOnResources() {
        check(noClasses().that().resideInAPackage("org.raylens.viewer..")
                .should().dependOnClassesThat().resideInAnyPackage("org.raylens.inference..",
                        "org.raylens.overlays..", "org.raylens.app.."));
    }

    @Test
    void overlaysNeedNeitherDjlNorInference() {
        check(noClasses().that().resideInAPackage("org.raylens.overlays..")
                .should().dependOnClassesThat().resideInAnyPackage("ai.djl..", "org.raylens.inference..")
                .because("overlays draw plain result records (org.raylens.core.result); a figure or heatmap must"
                        + " not pull libtorch in"));
    }

    @Test
    void onlyTheDinov2FamilyNamesDinov2Classes() {
        check(noClasses().that().resideOutsideOfPackage("org.raylens.inference.family.dinov2..")
                .should().dependOnClassesThat().haveSimpleNameStartingWith("Dinov2")
                .because("every caller goes through the encoder seam (Encoder, EncoderFamily, Encoders); only the"
                        + " DINOv2 family itself knows DINOv2's classes, so another family plugs in without edits"));
    }

    @Test
    void nothingReachesIntoAnEncoderFamily() {
        check(noClasses().that().resideOutsideOfPackage("org.raylens.inference.family..")
                .should().dependOnClassesThat().resideInAPackage("org.raylens.inference.family..")
                .because("families are found by ServiceLoader and used through org.raylens.inference.encoder's seam"));
    }

    @Test
    void inferencePackagesFormNoCycle() {
        check(slices().matching("org.raylens.inference.(*)..").should().beFreeOfCycles()
                .because("each inference package (weights, model, encoder, explain, preprocess, adapter, training,"
                        + " bench…) builds on the ones below it only"));
    }

    @Test
    void onlyTheCompositionRootSetsLibtorchThreads() {
        check(noClasses().that().doNotHaveFullyQualifiedName(TorchEngine.class.getName())
                .should().callMethod("ai.djl.pytorch.jni.JniUtils", "setNumThreads", "int")
                .because("libtorch's thread count is process-wide: it is set in one place, TorchEngine.configure"));
        check(noClasses().that().resideOutsideOfPackage("org.raylens.app..")
                .and().doNotHaveFullyQualifiedName(TorchEngine.class.getName())
                .should().callMethod(TorchEngine.class, "configure", int.class)
                .because("only the composition root (a CLI command, a benchmark, the window) chooses the threads;"
                        + " an encoder that set them would change every other model's speed"));
    }

    @Test
    void overlaysNeverReachTheApp() {
        check(noClasses().that().resideInAPackage("org.raylens.overlays..")
                .should().dependOnClassesThat().resideInAPackage("org.raylens.app.."));
    }

    @Test
    void resourcesDependOnNothing() {
        check(noClasses().that().resideInAPackage("org.raylens.resources..")
                .should().dependOnClassesThat().resideInAnyPackage("org.raylens.viewer..",
                        "org.raylens.inference..", "org.raylens.overlays..", "org.raylens.app.."));
    }
}
