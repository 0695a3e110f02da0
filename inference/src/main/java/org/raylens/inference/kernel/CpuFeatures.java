package org.raylens.inference.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What this CPU offers for bf16 arithmetic, read from the flags of /proc/cpuinfo (Linux): native bf16 matmuls need
 * AVX-512-BF16 or AMX-BF16; without them bf16 is emulated and slower than fp32, so a bf16 figure is not measured.
 *
 * @param model the CPU's model name, or "unknown"
 * @param flags the flags of the first processor (empty where /proc/cpuinfo cannot be read)
 */
public record CpuFeatures(String model, Set<String> flags) {
    public CpuFeatures {
        flags = Set.copyOf(flags);
    }

    /** This machine's, from /proc/cpuinfo. */
    public static CpuFeatures detect() {
        return parse(read(Path.of("/proc/cpuinfo")).orElse(""));
    }

    static Optional<String> read(Path cpuinfo) {
        try {
            return Files.isReadable(cpuinfo) ? Optional.of(Files.readString(cpuinfo)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // not Linux, or hidden: reported as "unknown"
        }
    }

    /** The first processor's model name and flags from the text of /proc/cpuinfo. */
    public static CpuFeatures parse(String cpuinfo) {
        String model = "unknown";
        Set<String> flags = Set.of();
        for (String line : cpuinfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (key.equals("model name") && model.equals("unknown")) {
                model = value;
            } else if (key.equals("flags") && flags.isEmpty()) {
                flags = Arrays.stream(value.split("\\s+")).collect(Collectors.toSet());
            }
        }
        return new CpuFeatures(model, flags);
    }

    /** True when the CPU multiplies bf16 natively (AVX-512-BF16 or AMX-BF16). */
    public boolean nativeBf16() {
        return flags.contains("avx512_bf16") || flags.contains("amx_bf16");
    }

    /** e.g. "AMD EPYC 7B13; bf16: none (no avx512_bf16, no amx_bf16), avx2 fma". */
    public String describe() {
        String bf16 = nativeBf16()
                ? (flags.contains("amx_bf16") ? "amx_bf16 " : "") + (flags.contains("avx512_bf16") ? "avx512_bf16" : "")
                : "none (no avx512_bf16, no amx_bf16)";
        String vec = Arrays.stream(new String[]{"avx512f", "avx2", "fma"}).filter(flags::contains)
                .collect(Collectors.joining(" "));
        return model + "; bf16: " + bf16.trim() + "; vector: " + (vec.isEmpty() ? "unknown" : vec);
    }
}
