package org.raylens.inference.hub;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The Hub settings huggingface_hub reads from the environment, read the same way so that RayLens and Python tools
 * share one cache and one login: the cache folder ({@code HF_HUB_CACHE}, else the legacy
 * {@code HUGGINGFACE_HUB_CACHE}, else {@code $HF_HOME/hub}, where {@code HF_HOME} defaults to
 * {@code $XDG_CACHE_HOME/huggingface} or {@code ~/.cache/huggingface}), the endpoint ({@code HF_ENDPOINT}) and the
 * token ({@code HF_TOKEN}, else the file {@code HF_TOKEN_PATH} or {@code $HF_HOME/token} that {@code hf auth login}
 * writes). The environment comes in as a map, so tests need not change the process's.
 */
public final class HubSettings {
    private final Map<String, String> env;
    private final Path home;

    /**
     * @param env  the environment (e.g. {@code System.getenv()})
     * @param home the user's home folder (e.g. {@code user.home})
     */
    public HubSettings(Map<String, String> env, Path home) {
        this.env = Map.copyOf(env);
        this.home = home;
    }

    /** {@code HF_HOME}: where huggingface_hub keeps its cache and token. */
    public Path hfHome() {
        String value = nonBlank("HF_HOME");
        if (value != null) {
            return expandHome(value);
        }
        String xdg = nonBlank("XDG_CACHE_HOME");
        return (xdg != null ? expandHome(xdg) : home.resolve(".cache")).resolve("huggingface");
    }

    /** The hub cache folder: holds the {@code models--<org>--<name>} folders. */
    public Path cacheFolder() {
        String value = nonBlank("HF_HUB_CACHE");
        if (value == null) {
            value = nonBlank("HUGGINGFACE_HUB_CACHE");
        }
        return value != null ? expandHome(value) : hfHome().resolve("hub");
    }

    public HubEndpoint endpoint() {
        String value = nonBlank("HF_ENDPOINT");
        return HubEndpoint.parse(value != null ? value : HubEndpoint.DEFAULT);
    }

    /**
     * The token to send: {@code explicit} when given, else {@code HF_TOKEN}, else the saved login file; empty when
     * there is none (public repositories need none).
     */
    public Optional<String> token(String explicit) throws IOException {
        if (explicit != null && !explicit.isBlank()) {
            return Optional.of(explicit.strip());
        }
        String fromEnv = nonBlank("HF_TOKEN");
        if (fromEnv != null) {
            return Optional.of(fromEnv.strip());
        }
        String pathValue = nonBlank("HF_TOKEN_PATH");
        Path file = pathValue != null ? expandHome(pathValue) : hfHome().resolve("token");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String saved = Files.readString(file, StandardCharsets.UTF_8).strip();
        return saved.isEmpty() ? Optional.empty() : Optional.of(saved);
    }

    private String nonBlank(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value;
    }

    private Path expandHome(String value) {
        if (value.equals("~")) {
            return home;
        }
        if (value.startsWith("~/")) {
            return home.resolve(value.substring(2));
        }
        return Path.of(value);
    }
}
