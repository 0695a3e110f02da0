package org.raylens.overlays.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.overlays.chart.ScoreRow;

class ScoresCsvTest {

    @TempDir
    Path dir;

    @Test
    void oneRowPerImageAndLabelAtFullPrecision() throws Exception {
        Path csv = dir.resolve("scores.csv");
        ScoresCsv.write(csv, List.of(
                new ScoresCsv.ScoredImage("img1.dcm", List.of(new ScoreRow("Cardiomegaly", 0.8123456789012345, 0.5),
                        new ScoreRow("Edema", 0.1, Double.NaN))),
                new ScoresCsv.ScoredImage("a, \"quoted\" name.dcm", List.of(new ScoreRow("Effusion", 0.25, 0.3)))),
                TestFigures.provenance(false), false);
        List<String> lines = List.of(Files.readString(csv, StandardCharsets.UTF_8).split("\r\n"));
        assertEquals(4, lines.size());
        assertEquals(ScoresCsv.HEADER, lines.get(0));
        String tail = ",test/rad-dino-tiny," + "ab".repeat(32)
                + ",chexpert-linear v1,as displayed; resize 518 bicubic; crop 518,0.1.0-test";
        assertEquals("img1.dcm,Cardiomegaly,0.8123456789012345,0.5,yes" + tail, lines.get(1));
        assertEquals("img1.dcm,Edema,0.1,," + tail, lines.get(2));
        assertEquals("\"a, \"\"quoted\"\" name.dcm\",Effusion,0.25,0.3,no" + tail, lines.get(3));
    }
}
