package org.raylens.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.app.FakeStudyLoader;
import org.raylens.app.RayLensApp;
import org.raylens.app.analysis.ImageEmbedding;
import org.raylens.app.similar.EmbeddingProvenance;
import org.raylens.app.similar.Embeddings;
import org.raylens.app.similar.HnswSettings;
import org.raylens.app.similar.IndexedImage;
import org.raylens.app.similar.SimilarityIndex;
import org.raylens.app.similar.window.SimilarSearch;
import org.raylens.app.task.SameThreadRunner;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * "Find similar" in the window: the current image is embedded with the current model (the demo encoder), the index is
 * queried, the results show as tiles with their similarity, and a click opens one beside the current image. An index
 * of another model's embeddings is refused in words.
 */
@ExtendWith(ApplicationExtension.class)
class FindSimilarWindowTest {
    @TempDir
    static Path config;
    @TempDir
    Path tmp;

    private RayLensApp app;

    @Start
    void start(Stage stage) {
        app = new RayLensApp(new FakeStudyLoader(), new SameThreadRunner(), config);
        app.start(stage);
    }

    private Path png(String name, int w, int h) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.getRaster().setSample(x, y, 0, (x * 3 + y) & 0xff);
            }
        }
        Path p = tmp.resolve(name);
        ImageIO.write(img, "png", p.toFile());
        return p;
    }

    /** An index of three PNGs: the first holds the current image's own embedding, the second a nudged copy. */
    private Path index(String name, ImageEmbedding e, String sha) throws Exception {
        float[] v = e.vector();
        float[] nudged = v.clone();
        for (int i = 0; i < nudged.length; i += 3) {
            nudged[i] = -nudged[i];
        }
        float[] other = new float[v.length];
        java.util.Arrays.fill(other, 1);
        List<Embeddings.Row> rows = new ArrayList<>();
        rows.add(new Embeddings.Row(IndexedImage.ofPath(png("same.png", 60, 40).toUri().toString()), v));
        rows.add(new Embeddings.Row(IndexedImage.ofPath(png("nudged.png", 50, 50).toString()), nudged));
        rows.add(new Embeddings.Row(IndexedImage.ofPath(png("other.png", 30, 70).toString()), other));
        Path folder = tmp.resolve(name);
        SimilarityIndex.build(new Embeddings(null, new EmbeddingProvenance(sha, e.recipe(), v.length), rows),
                folder, HnswSettings.DEFAULT, false, 1);
        return folder;
    }

    @Test
    void findsTheCurrentImageAndOpensAResultBesideIt(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        ImageEmbedding e = app.workbench().analysis().embeddingOfCurrentImage().orElseThrow().call();
        app.workbench().preferences().similarIndex = index("idx", e, e.weightsSha256()).toString();

        robot.interact(() -> app.window().findSimilar());
        WaitForAsyncUtils.waitForFxEvents();
        SimilarSearch search = app.window().similarWindow().search();
        assertEquals(3, search.results().size(), search.messageProperty().get());
        assertTrue(search.results().get(0).hit().image().path().endsWith("same.png"));
        assertEquals(1.0, search.results().get(0).hit().similarity(), 1e-4);
        assertTrue(search.results().get(0).thumbnail().isPresent(), "a thumbnail is shown");
        Label first = robot.from(robot.lookup("#similarTile1").queryParent()).lookup(".label").queryAs(Label.class);
        assertTrue(first.getText().startsWith("#1  1.000"), first.getText());
        assertNotNull(robot.lookup("#similarTile3").query(), "every result has a tile");

        robot.clickOn("#similarTile2");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(app.window().comparing(), "the result opens in the compare view");
        var beside = app.window().compare().otherModel().getImage();
        assertEquals(50, beside.width(), "the clicked result (nudged.png, 50x50) is beside the current image");
        assertTrue(beside != app.workbench().main().viewport().getImage());
    }

    @Test
    void anIndexRebuiltWhileKeptOpenIsReopened(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        ImageEmbedding e = app.workbench().analysis().embeddingOfCurrentImage().orElseThrow().call();
        Path folder = index("rebuilt", e, e.weightsSha256());
        app.workbench().preferences().similarIndex = folder.toString();
        robot.interact(() -> app.window().findSimilar());
        WaitForAsyncUtils.waitForFxEvents();
        SimilarSearch search = app.window().similarWindow().search();
        assertEquals(3, search.results().size(), search.messageProperty().get());

        // the window keeps the index open between searches; a rebuild in place must not leave it on the old one
        List<Embeddings.Row> one = List.of(new Embeddings.Row(
                IndexedImage.ofPath(png("only.png", 20, 20).toString()), e.vector()));
        SimilarityIndex.build(new Embeddings(null, new EmbeddingProvenance(e.weightsSha256(), e.recipe(),
                e.vector().length), one), folder, HnswSettings.DEFAULT, true, 1);
        robot.interact(() -> app.window().findSimilar());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, search.results().size(), search.messageProperty().get());
        assertTrue(search.results().get(0).hit().image().path().endsWith("only.png"));
    }

    @Test
    void withoutAnIndexItSaysToChooseOne(FxRobot robot) {
        // the configuration folder is shared by the tests, and the index is a remembered preference
        app.workbench().preferences().similarIndex = null;
        robot.interact(() -> app.window().findSimilar());
        WaitForAsyncUtils.waitForFxEvents();
        String message = robot.lookup("#similarMessage").queryAs(Label.class).getText();
        assertTrue(message.contains("Choose a similar-image index"), message);
        assertTrue(robot.lookup("#findSimilar").queryButton().isDisabled(), "nothing to search yet");
    }

    @Test
    void anIndexOfAnotherModelIsRefusedInWords(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        ImageEmbedding e = app.workbench().analysis().embeddingOfCurrentImage().orElseThrow().call();
        app.workbench().preferences().similarIndex = index("foreign", e, "a".repeat(64)).toString();
        robot.interact(() -> app.window().findSimilar());
        WaitForAsyncUtils.waitForFxEvents();
        SimilarSearch search = app.window().similarWindow().search();
        assertEquals(0, search.results().size());
        String message = robot.lookup("#similarMessage").queryAs(Label.class).getText();
        assertTrue(message.contains("another model") && message.contains("a".repeat(64)), message);
    }
}
