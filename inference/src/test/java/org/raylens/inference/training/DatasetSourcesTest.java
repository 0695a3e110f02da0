package org.raylens.inference.training;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.inference.adapter.AdapterTask;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Label sources: CSV binary columns and categories (quoted fields), class folders, mask pairs; skips are noted. */
class DatasetSourcesTest {
    @TempDir
    Path tmp;

    private Path file(String rel) throws IOException {
        Path p = tmp.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.write(p, new byte[]{1});
        return p;
    }

    @Test
    void csvBinaryColumnsWithQuotedFieldsAndSkips() throws IOException {
        file("img/a.png");
        file("img/b.png");
        file("img/c.png");
        Path csv = tmp.resolve("labels.csv");
        Files.writeString(csv, "path,note,A,B,pid\n"
                + "img/a.png,\"has, a comma\",1,0,p1\n"
                + "img/b.png,\"two\nlines\",true,yes,p2\n"
                + "img/c.png,x,-1,0,p3\n"
                + "img/missing.png,x,1,1,p4\n");
        LabelledImages l = DatasetSources.csvColumns(csv, "path", List.of("A", "B"), "pid", null);
        assertEquals(AdapterTask.MULTILABEL, l.task());
        assertEquals(2, l.images().size());
        assertArrayEquals(new float[]{1, 0}, l.images().get(0).target());
        assertArrayEquals(new float[]{1, 1}, l.images().get(1).target());
        assertEquals("p2", l.images().get(1).patient());
        assertTrue(l.notes().get(0).contains("line 4") && l.notes().get(0).contains("'-1'"), l.notes().toString());
        assertTrue(l.notes().get(1).contains("missing.png not found"), l.notes().toString());
        assertEquals(64, l.sourceSha256().length());
        IOException e = assertThrows(IOException.class,
                () -> DatasetSources.csvColumns(csv, "path", List.of("C"), null, null));
        assertTrue(e.getMessage().contains("no column 'C'"), e.getMessage());
    }

    @Test
    void csvCategoryClassesSortedOrRestricted() throws IOException {
        file("a.png");
        file("b.png");
        file("c.png");
        Path csv = tmp.resolve("l.csv");
        Files.writeString(csv, "path,finding,split\na.png,Effusion,train\nb.png,No Finding,val\nc.png,,test\n");
        LabelledImages all = DatasetSources.csvCategory(csv, "path", "finding", null, null, "split");
        assertEquals(List.of("Effusion", "No Finding"), all.labels());
        assertArrayEquals(new float[]{0, 1}, all.images().get(1).target());
        assertEquals("val", all.images().get(1).split());
        assertThrows(IOException.class, () -> DatasetSources.csvCategory(csv, "path", "finding",
                List.of("Effusion"), null, null), "one class is not a classification");
    }

    @Test
    void classFoldersAndMaskPairs() throws IOException {
        file("cls/yes/1.png");
        file("cls/yes/sub/2.png");
        file("cls/no/3.png");
        file("cls/no/.hidden.png");
        LabelledImages f = DatasetSources.folders(tmp.resolve("cls"), p -> p.toString().endsWith(".png"));
        assertEquals(List.of("no", "yes"), f.labels());
        assertEquals(3, f.images().size());

        file("seg/img/a.png");
        file("seg/img/b.png");
        file("seg/img/c.png");
        file("seg/mask/a_mask.png");
        file("seg/mask/b.png");
        LabelledImages m = DatasetSources.maskPairs(tmp.resolve("seg/img"), tmp.resolve("seg/mask"),
                p -> p.toString().endsWith(".png"));
        assertEquals(AdapterTask.SEGMENTATION, m.task());
        assertEquals(2, m.images().size());
        assertEquals("a_mask.png", m.images().get(0).mask().getFileName().toString());
        assertTrue(m.notes().get(0).startsWith("c.png"), m.notes().toString());
    }
}
