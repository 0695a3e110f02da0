package org.raylens.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import java.io.File;
import java.io.FileOutputStream;
import java.io.FileWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 12's rule that every file RayLens writes goes through the one atomic writer ({@code org.raylens.core.io}):
 * no main class outside core opens a file for writing by itself. Without this guard a new command would quietly write
 * straight to its final path again, and a kill mid-write would leave a truncated file where a good one was.
 */
class OneAtomicWriterTest {

    /** Files methods that create or replace a file's content under its final name. */
    private static final Set<String> WRITING_FILES_METHODS =
            Set.of("write", "writeString", "newOutputStream", "newBufferedWriter", "copy");

    private static java.util.List<String> parameters(AccessTarget target) {
        if (target instanceof AccessTarget.CodeUnitAccessTarget unit) {
            return unit.getRawParameterTypes().stream().map(JavaClass::getName).toList();
        }
        return java.util.List.of();
    }

    @Test
    void onlyCoreOpensFilesForWriting() {
        JavaClasses classes = MainClasses.load();
        DescribedPredicate<JavaAccess<?>> opensAFileForWriting = new DescribedPredicate<>(
                "open a file for writing outside org.raylens.core.io.AtomicFiles") {
            @Override
            public boolean test(JavaAccess<?> access) {
                var target = access.getTarget();
                String owner = target.getOwner().getName();
                String name = target.getName();
                if (owner.equals(Files.class.getName())) {
                    // Files.copy(Path, OutputStream) reads a file; the other overloads write one.
                    boolean copyToStream = name.equals("copy") && parameters(target).size() == 2
                            && parameters(target).get(1).equals("java.io.OutputStream");
                    return WRITING_FILES_METHODS.contains(name) && !copyToStream;
                }
                if (name.equals("<init>")) {
                    return owner.equals(FileOutputStream.class.getName()) || owner.equals(FileWriter.class.getName())
                            || owner.equals(RandomAccessFile.class.getName())
                            || (owner.equals(PrintStream.class.getName()) || owner.equals(PrintWriter.class.getName()))
                            && parameters(target).stream()
                                    .anyMatch(t -> t.equals(File.class.getName()) || t.equals(String.class.getName()));
                }
                if (owner.equals("javax.imageio.ImageIO") && name.equals("write")) {
                    return parameters(target).stream()
                            .anyMatch(t -> t.equals(File.class.getName()));
                }
                return false;
            }
        };
        noClasses().that().resideOutsideOfPackage("org.raylens.core..")
                .should().accessTargetWhere(opensAFileForWriting)
                .because("every file RayLens writes goes through core's AtomicFiles/AtomicFolder (temp file, fsync,"
                        + " rename), so a kill mid-write never leaves a truncated file under the final name")
                .check(classes);
    }
}
