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
    void helpForEachCommandPrintsThatCommandsUsage() {
        for (String name : new picocli.CommandLine(new RayLensCli()).getSubcommands().keySet()) {
            java.io.StringWriter out = new java.io.StringWriter();
            java.io.StringWriter err = new java.io.StringWriter();
            int code = RayLensCli.execute(new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true),
                    "help", name);
            assertEquals(CliExitCodes.OK, code, name + ": " + err);
            org.junit.jupiter.api.Assertions.assertTrue(out.toString().contains("Usage: raylens " + name), out.toString());
        }
    }

    @Test
    void theModelCommandIsListedInTheHelp() {
        java.io.StringWriter out = new java.io.StringWriter();
        assertEquals(CliExitCodes.OK, RayLensCli.execute(new java.io.PrintWriter(out, true), null, "--help"));
        org.junit.jupiter.api.Assertions.assertTrue(out.toString().contains("\n  model "), out.toString());
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        assertEquals(CliExitCodes.USAGE, RayLensCli.execute("frobnicate"));
    }
}
