package org.raylens.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class DjlOfflineModeTest {

    @Test
    void turnsOfflineModeAndTheTelemetryOptOutOnWhenNothingDecidesThem() {
        Properties props = new Properties();
        assertTrue(DjlOfflineMode.apply(Map.of(), props));
        assertEquals("true", props.getProperty("ai.djl.offline"));
        assertEquals("true", props.getProperty("OPT_OUT_TRACKING"));
    }

    @Test
    void leavesAUsersChoiceAloneButStillOptsOutOfTelemetry() {
        Properties props = new Properties();
        props.setProperty("ai.djl.offline", "false"); // a GPU machine fetching CUDA libtorch once (docs/installers.md)
        assertFalse(DjlOfflineMode.apply(Map.of(), props));
        assertEquals("false", props.getProperty("ai.djl.offline"));
        assertEquals("true", props.getProperty("OPT_OUT_TRACKING"), "RayLens never reports usage");
    }

    @Test
    void theEnvironmentWinsAsItDoesInDjl() {
        Properties props = new Properties();
        assertFalse(DjlOfflineMode.apply(Map.of("DJL_OFFLINE", "false", "OPT_OUT_TRACKING", "true"), props));
        assertNull(props.getProperty("ai.djl.offline"), "DJL reads DJL_OFFLINE first; the property would not count");
        assertNull(props.getProperty("OPT_OUT_TRACKING"));
    }
}
