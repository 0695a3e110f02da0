package org.raylens.inference.bench;

import java.lang.management.ManagementFactory;

/** CPU time this process has used, all threads (libtorch's included), for figures on a shared machine. */
public final class ProcessCpu {
    private ProcessCpu() {
    }

    /** Process CPU time in nanoseconds, or -1 where the JVM cannot say. */
    public static long nanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
