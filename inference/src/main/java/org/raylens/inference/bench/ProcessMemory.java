package org.raylens.inference.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** Resident-set figures of this process from /proc/self/status (Linux); empty elsewhere. */
public final class ProcessMemory {
    private ProcessMemory() {
    }

    /** Peak resident set size (VmHWM) in bytes. */
    public static OptionalLong peakRss() {
        return field("VmHWM:");
    }

    /** Current resident set size (VmRSS) in bytes. */
    public static OptionalLong currentRss() {
        return field("VmRSS:");
    }

    private static OptionalLong field(String name) {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return OptionalLong.empty();
        }
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith(name)) {
                    String[] parts = line.substring(name.length()).trim().split("\\s+");
                    return OptionalLong.of(Long.parseLong(parts[0]) * 1024);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }
}
