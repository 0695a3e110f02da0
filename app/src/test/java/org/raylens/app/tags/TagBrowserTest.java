package org.raylens.app.tags;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.raylens.viewer.dicom.DicomFile;
import org.raylens.viewer.dicom.DicomObject;
import org.raylens.viewer.dicom.Tag;
import org.raylens.viewer.dicom.TransferSyntax;
import org.raylens.viewer.dicom.VR;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The tag table in a headless window: every tag shown whole, at every nesting depth. */
@ExtendWith(ApplicationExtension.class)
class TagBrowserTest {

    private TreeTableView<TagRow> table;

    @Start
    void start(Stage stage) {
        DicomObject code = new DicomObject();
        code.setString(0x00080100, VR.SH, "113681");
        DicomObject inner = new DicomObject();
        inner.setSequence(0x00400260, List.of(code));
        DicomObject ds = new DicomObject();
        ds.setString(Tag.PatientName, VR.PN, "DOE^JOHN");
        ds.setSequence(0x00540220, List.of(inner));
        DicomObject meta = new DicomObject();
        meta.setString(0x00020010, VR.UI, "1.2.840.10008.1.2.1");
        table = TagBrowser.table(new DicomFile(Path.of("x.dcm"), meta, ds,
                TransferSyntax.of("1.2.840.10008.1.2.1"), null, true));
        expandAll(table.getRoot());
        stage.setScene(new Scene(table, 900, 400));
        stage.show();
    }

    @Test
    void everyTagFitsItsColumnAtEveryDepth(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        int checked = 0;
        int deepest = 0;
        for (var node : robot.lookup(".tree-table-cell").queryAll()) {
            if (!(node instanceof TreeTableCell<?, ?> cell) || cell.getTableColumn() != table.getColumns().get(0)
                    || cell.getText() == null || cell.getText().isEmpty()) {
                continue;
            }
            Text shown = (Text) cell.lookup(".text");
            assertEquals(cell.getText(), shown.getText(), "the tag is cut off in its column");
            deepest = Math.max(deepest, cell.getTableRow().getTreeItem() == null ? 0
                    : table.getTreeItemLevel(cell.getTableRow().getTreeItem()));
            checked++;
        }
        assertTrue(checked >= 5, "tag cells checked: " + checked);
        assertTrue(deepest >= 4, "nested sequence items were on screen: depth " + deepest);
        if (System.getProperty("raylens.screenshots") != null) {
            WritableImage img = WaitForAsyncUtils.asyncFx(() -> table.snapshot(null, null)).get(10, TimeUnit.SECONDS);
            int w = (int) img.getWidth();
            int h = (int) img.getHeight();
            int[] argb = new int[w * h];
            img.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
            java.awt.image.BufferedImage out = new java.awt.image.BufferedImage(w, h,
                    java.awt.image.BufferedImage.TYPE_INT_ARGB);
            out.setRGB(0, 0, w, h, argb, 0, w);
            ImageIO.write(out, "png", new File("/tmp/h4-tag-browser.png"));
        }
    }

    private static void expandAll(TreeItem<TagRow> item) {
        item.setExpanded(true);
        item.getChildren().forEach(TagBrowserTest::expandAll);
    }
}
