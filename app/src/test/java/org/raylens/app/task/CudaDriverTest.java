package org.raylens.app.task;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The GPU probe is skipped, without loading anything, where no CUDA driver can be. */
class CudaDriverTest {

    @TempDir
    Path root;

    @Test
    void linuxNeedsTheNvidiaDriverFiles() throws Exception {
        assertFalse(CudaDriver.mayBePresent("Linux", null, root));
        Files.createDirectories(root.resolve("proc/driver/nvidia"));
        Files.writeString(root.resolve("proc/driver/nvidia/version"), "NVRM version: 550");
        assertTrue(CudaDriver.mayBePresent("Linux", null, root));
    }

    @Test
    void macHasNoCudaAndWindowsNeedsNvcuda() throws Exception {
        assertFalse(CudaDriver.mayBePresent("Mac OS X", null, root));
        assertFalse(CudaDriver.mayBePresent("Windows 11", root.toString(), root));
        Files.createDirectories(root.resolve("System32"));
        Files.writeString(root.resolve("System32/nvcuda.dll"), "");
        assertTrue(CudaDriver.mayBePresent("Windows 11", root.toString(), root));
    }
}
