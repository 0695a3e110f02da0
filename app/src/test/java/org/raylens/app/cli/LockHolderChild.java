package org.raylens.app.cli;

import java.nio.file.Path;

/** Child JVM for {@link EmbedResumeTest}: holds the output lock of {@code args[0]} as a running embed would. */
public final class LockHolderChild {
    private LockHolderChild() {
    }

    public static void main(String[] args) throws Exception {
        try (OutputLock lock = OutputLock.acquire(Path.of(args[0]))) {
            System.out.println("locked");
            System.out.flush();
            Thread.sleep(120_000);
        }
    }
}
