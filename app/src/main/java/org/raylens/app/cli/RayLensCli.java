package org.raylens.app.cli;

/**
 * Placeholder for the command-line entry point, so that {@code RayLensLauncher} compiles on this branch; the real
 * picocli-based command set replaces this file. It only reports that the commands are not in this build.
 */
public final class RayLensCli {

    private RayLensCli() {
    }

    public static void main(String[] args) {
        System.err.println("raylens: the command-line tools are not part of this build yet");
        System.exit(2);
    }
}
