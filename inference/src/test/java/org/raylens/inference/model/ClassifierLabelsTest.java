package org.raylens.inference.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Label names for a checkpoint's own head: the user's list, then the dataset the file name says, then numbers. */
class ClassifierLabelsTest {
    @TempDir
    Path tmp;

    @Test
    void theFileNameNamesTheDatasetWhenTheRowCountFitsItsList() throws IOException {
        assertEquals(ClassifierLabels.CXR14,
                ClassifierLabels.forHead(tmp.resolve("eva_x_small_patch16_cxr14_ft.pth"), tmp, 14).labels());
        assertEquals(List.of("Atelectasis", "Cardiomegaly", "Consolidation", "Edema", "Pleural Effusion"),
                ClassifierLabels.forHead(tmp.resolve("eva_x_tiny_patch16_chexpert_ft.pth"), tmp, 5).labels(),
                "EVA-X's CheXpert fine-tunes have 5 rows, in its train_cols order");
        assertEquals(ClassifierLabels.CHEXPERT_OBSERVATIONS,
                ClassifierLabels.forHead(tmp.resolve("x_CheXpert_ft.pth"), tmp, 14).labels());
    }

    @Test
    void aRowCountNoListFitsGetsNumberedLabelsAndSaysWhy() throws IOException {
        ClassifierLabels l = ClassifierLabels.forHead(tmp.resolve("eva_x_tiny_cxr14_ft.pth"), tmp, 3);
        assertEquals(List.of("class 0", "class 1", "class 2"), l.labels());
        assertTrue(l.source().contains("cxr14") && l.source().contains(ClassifierLabels.LABELS_FILE), l.source());
        assertEquals("class 6", ClassifierLabels.forHead(tmp.resolve("model.pth"), tmp, 7).labels().get(6));
    }

    @Test
    void theUsersLabelsWinAndAWrongCountIsPassedOverWithANote() throws IOException {
        Path w = tmp.resolve("eva_x_tiny_cxr14_ft.pth");
        Files.writeString(tmp.resolve("labels.txt"), "# mine\nnormal\n\nabnormal\n");
        ClassifierLabels two = ClassifierLabels.forHead(w, tmp, 2);
        assertEquals(List.of("normal", "abnormal"), two.labels());
        assertEquals("labels.txt", two.source());
        ClassifierLabels fourteen = ClassifierLabels.forHead(w, tmp, 14);
        assertEquals(ClassifierLabels.CXR14, fourteen.labels(), "2 names cannot label 14 rows");
        Files.delete(tmp.resolve("labels.txt"));
        Files.writeString(tmp.resolve("config.json"), "{\"id2label\": {\"0\": \"no\", \"1\": \"yes\"}}");
        assertEquals(List.of("no", "yes"), ClassifierLabels.forHead(w, tmp, 2).labels());
        Files.writeString(tmp.resolve("config.json"), "{\"labels\": [\"a\", \"b\", \"c\"]}");
        assertEquals(List.of("a", "b", "c"), ClassifierLabels.forHead(w, tmp, 3).labels());
        Files.writeString(tmp.resolve("config.json"), "{\"labels\": \"a,b\"}");
        assertThrows(ModelLoadException.class, () -> ClassifierLabels.forHead(w, tmp, 2));
    }
}
