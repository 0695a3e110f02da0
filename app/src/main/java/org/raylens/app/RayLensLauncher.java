package org.raylens.app;

/** Placeholder main; replaced by the real launcher. */
public final class RayLensLauncher {
    private RayLensLauncher() {}

    public static void main(String[] args) {
        System.out.println("RayLens");
    }
}
