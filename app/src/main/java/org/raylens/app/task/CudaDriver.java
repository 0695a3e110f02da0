package org.raylens.app.task;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Whether this machine could have a CUDA device at all, answered from files alone, without loading a GPU library:
 * the NVIDIA kernel driver's {@code /proc/driver/nvidia/version} or a {@code /dev/nvidia0} node on Linux, the
 * driver's {@code nvcuda.dll} on Windows; never on macOS. Without one the GPU probe would load libtorch (seconds of
 * native loading at start-up) only to learn that there is no GPU.
 */
public final class CudaDriver {

    private CudaDriver() {
    }

    /** True when a CUDA driver may be present (when in doubt: true, so the real probe decides). */
    public static boolean mayBePresent() {
        return mayBePresent(System.getProperty("os.name", ""), System.getenv("SystemRoot"), Path.of("/"));
    }

    static boolean mayBePresent(String osName, String windowsRoot, Path root) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("mac")) {
            return false;
        }
        if (os.contains("win")) {
            Path root32 = Path.of(windowsRoot == null ? "C:\\Windows" : windowsRoot, "System32");
            return Files.exists(root32.resolve("nvcuda.dll"));
        }
        if (os.contains("linux")) {
            return List.of("proc/driver/nvidia/version", "dev/nvidia0", "dev/nvidiactl").stream()
                    .anyMatch(p -> Files.exists(root.resolve(p)));
        }
        return true;
    }
}
