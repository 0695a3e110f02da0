package org.raylens.app;

import java.util.Map;
import java.util.Properties;

/**
 * Keeps DJL off the network, so that RayLens is offline by itself rather than only when started with
 * {@code -Dai.djl.offline=true}. Without it, DJL 0.35.1 phones home the first time an engine starts
 * ({@code ai.djl.engine.Engine.initEngine} calls {@code ai.djl.util.Ec2Utils.callHome}): it asks the cloud metadata
 * address 169.254.169.254 for a token, an instance id and a region (four HTTP connections, each waiting for its
 * timeout on a machine off any cloud) and would then send usage telemetry to an S3 bucket. {@code callHome} returns at
 * once when {@code Utils.isOfflineMode()} ({@code DJL_OFFLINE} in the environment, else the {@code ai.djl.offline}
 * property) or {@code OPT_OUT_TRACKING} is true; offline mode also stops DJL downloading engines or models.
 * <p>
 * A value the user set is left alone: a machine with an NVIDIA GPU may run once with {@code -Dai.djl.offline=false}
 * to let DJL fetch the CUDA build of libtorch (docs/installers.md). Tracking stays opted out even then, because
 * RayLens never reports usage. Both launchers call this first thing, before any DJL class is initialised.
 */
public final class DjlOfflineMode {

    /** DJL's system property for offline mode (the environment variable is {@link #OFFLINE_ENV}). */
    public static final String OFFLINE_PROPERTY = "ai.djl.offline";
    /** The environment variable DJL reads before {@link #OFFLINE_PROPERTY}. */
    public static final String OFFLINE_ENV = "DJL_OFFLINE";
    /** DJL's opt-out of usage telemetry, read from the environment and then the system properties. */
    public static final String OPT_OUT_TRACKING = "OPT_OUT_TRACKING";

    private DjlOfflineMode() {
    }

    /**
     * Sets offline mode and the telemetry opt-out in {@code properties} unless the environment or the properties
     * already decide them.
     *
     * @return true when DJL will run offline
     */
    public static boolean apply(Map<String, String> env, Properties properties) {
        setUnlessDecided(OPT_OUT_TRACKING, env.get(OPT_OUT_TRACKING), properties);
        String offline = setUnlessDecided(OFFLINE_PROPERTY, env.get(OFFLINE_ENV), properties);
        return Boolean.parseBoolean(offline);
    }

    private static String setUnlessDecided(String property, String fromEnv, Properties properties) {
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        String fromProperty = properties.getProperty(property);
        if (fromProperty != null && !fromProperty.isBlank()) {
            return fromProperty;
        }
        properties.setProperty(property, "true");
        return "true";
    }
}
