package org.raylens.app.cli;

import picocli.CommandLine;

/** Child JVM for {@link EmbedResumeTest}: {@code raylens embed ARGS} in its own process, so it can be killed. */
public final class EmbedChild {
    private EmbedChild() {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new EmbedCommand()).execute(args));
    }
}
