package org.raylens.inference.hub;

import java.time.Duration;

/**
 * How long a download waits before it gives up, so that it never hangs: to connect, for a response's headers, and
 * for the next bytes of a body (a stalled transfer fails as TRUNCATED and resumes on the next try or run).
 */
public record HubTimeouts(Duration connect, Duration response, Duration idle) {
    /** 10 s to connect (as huggingface_hub), 30 s for headers, 60 s without a byte. */
    public static final HubTimeouts DEFAULT =
            new HubTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60));
}
