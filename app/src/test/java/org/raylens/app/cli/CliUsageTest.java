package org.raylens.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Usage errors exit with 64 (EX_USAGE), so scripts can tell them from unreadable input (2). */
class CliUsageTest {

    @Test
    void anUnknownInterpolationIsAUsageErrorForEveryCommandThatTakesIt() {
        String[][] otherwiseValid = {
            {"forward", "--model", "m", "--input", "x.npy", "--out", "o"},
            {"embed", "x.png", "--model", "m", "--out", "e.csv"},
            {"explain", "x.png", "--model", "m", "--method", "attention", "--out", "map.npy"},
        };
        for (String[] args : otherwiseValid) {
            String[] bad = java.util.Arrays.copyOf(args, args.length + 2);
            bad[args.length] = "--interpolation";
            bad[args.length + 1] = "bicubic";
            assertEquals(CliExitCodes.USAGE, RayLensCli.execute(bad), String.join(" ", bad));
        }
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        assertEquals(CliExitCodes.USAGE, RayLensCli.execute("frobnicate"));
    }
}
