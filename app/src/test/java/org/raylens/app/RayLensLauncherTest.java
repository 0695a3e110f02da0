package org.raylens.app;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RayLensLauncherTest {

    @Test
    void commandNamesGoToTheCliAndEverythingElseToTheWindow() {
        for (String command : new String[] {"inspect", "index", "embed", "forward", "explain", "bench",
                "train-adapter", "sample", "model", "help", "--version", "--help", "-V", "-h"}) {
            // `help` once started the window ("Unable to open DISPLAY"): the launcher kept its own list of names
            assertTrue(RayLensLauncher.isCliInvocation(new String[] {command, "x"}), command);
        }
        assertFalse(RayLensLauncher.isCliInvocation(new String[0]), "no arguments: the sample study in a window");
        assertFalse(RayLensLauncher.isCliInvocation(new String[] {"/data/study"}));
        assertFalse(RayLensLauncher.isCliInvocation(new String[] {"scan.dcm", "inspect"}),
                "only the first argument selects a command");
    }
}
