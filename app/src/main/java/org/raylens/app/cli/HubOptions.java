package org.raylens.app.cli;

import java.nio.file.Path;
import java.util.Map;
import org.raylens.inference.hub.HubCache;
import org.raylens.inference.hub.HubEndpoint;
import org.raylens.inference.hub.HubSettings;
import picocli.CommandLine.Option;

/**
 * The options {@code model list} and {@code model get} share: which Hugging Face cache, and which Hub. Both default
 * to huggingface_hub's environment variables, so RayLens and Python tools see the same cache.
 */
final class HubOptions {
    @Option(names = "--cache", paramLabel = "FOLDER",
            description = "the Hugging Face hub cache (default: $HF_HUB_CACHE, else $HF_HOME/hub, else"
                    + " ~/.cache/huggingface/hub)")
    Path cache;

    @Option(names = "--endpoint", paramLabel = "URL",
            description = "the Hub (default: $HF_ENDPOINT, else https://huggingface.co); HTTPS only, plain HTTP"
                    + " only to a loopback address")
    String endpoint;

    HubSettings settings() {
        return new HubSettings(Map.copyOf(System.getenv()), Path.of(System.getProperty("user.home")));
    }

    HubCache cache() {
        return new HubCache(cache != null ? cache : settings().cacheFolder());
    }

    HubEndpoint endpoint() {
        return endpoint != null ? HubEndpoint.parse(endpoint) : settings().endpoint();
    }
}
