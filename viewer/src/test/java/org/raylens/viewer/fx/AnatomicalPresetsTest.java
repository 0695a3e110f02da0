package org.raylens.viewer.fx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.raylens.viewer.image.VoiWindow;

class AnatomicalPresetsTest {

    private static SyntheticImage ramp(int maxValue) {
        short[] v = new short[100 * 10];
        for (int i = 0; i < v.length; i++) {
            v[i] = (short) ((i % 100) * maxValue / 99);
        }
        return new SyntheticImage(100, 10, v, List.of(), null);
    }

    @Test
    void presetsAreRelativeToTheImageRangeAndFollowTheFilePresets() {
        SyntheticImage image = ramp(1000);
        List<VoiWindow> p = AnatomicalPresets.of(image);
        assertEquals(3, p.size());
        assertTrue(p.get(0).name().startsWith(AnatomicalPresets.LUNG));
        assertEquals(300, p.get(0).center(), 1e-9);
        assertEquals(600, p.get(0).width(), 1e-9);
        assertEquals(720, p.get(2).center(), 1e-9, "bone: the bright end of a MONOCHROME2 image");
        ViewportModel model = new ViewportModel();
        model.setImage(image);
        assertEquals(3, model.presets().size(), "no file presets: number keys 1-3 are lung, soft tissue, bone");
        assertTrue(model.selectPreset(3));
        assertTrue(model.getWindow().name().startsWith(AnatomicalPresets.BONE));
    }
}
