package org.raylens.inference.hub;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;

/**
 * Where the Hub is: {@code https://huggingface.co} unless {@code HF_ENDPOINT} names a mirror. The rule for every URL
 * RayLens fetches, the endpoint and each redirect target alike: HTTPS only, except plain HTTP to a loopback address
 * ({@code localhost}, {@code 127.0.0.0/8}, {@code ::1}), which never leaves the machine; a local mirror or a test
 * server may use it, nothing else. A redirect from HTTPS to plain HTTP elsewhere is refused like any other
 * insecure URL.
 */
public record HubEndpoint(URI base) {
    public static final String DEFAULT = "https://huggingface.co";

    public HubEndpoint {
        checkSecure(base);
    }

    /** Parses {@code HF_ENDPOINT}'s value (a trailing '/' is dropped). */
    public static HubEndpoint parse(String endpoint) {
        String trimmed = endpoint.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        try {
            URI uri = new URI(trimmed);
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("the Hub endpoint needs a scheme and a host, not '" + endpoint + "'");
            }
            return new HubEndpoint(uri);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid Hub endpoint URL: '" + endpoint + "'", e);
        }
    }

    /** {@code {endpoint}/{repo}/resolve/{revision}/{file}}, the revision encoded whole and the file per segment. */
    public URI resolveUrl(RepoId repo, String revision, String file) {
        StringBuilder path = new StringBuilder(base.toString()).append('/').append(repo.id()).append("/resolve/")
                .append(encode(revision));
        for (String segment : file.split("/")) {
            path.append('/').append(encode(segment));
        }
        return URI.create(path.toString());
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Throws {@link HubException} of kind INSECURE_URL unless {@code uri} may be fetched under the rule above. */
    static void checkSecure(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (scheme.equals("https") && uri.getHost() != null) {
            return;
        }
        if (scheme.equals("http") && isLoopback(uri.getHost())) {
            return;
        }
        throw new HubException(HubException.Kind.INSECURE_URL, "refusing " + uri + ": the Hub is only contacted"
                + " over HTTPS (plain HTTP only to a loopback address such as a local test server)");
    }

    private static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (bare.equalsIgnoreCase("localhost")) {
            return true;
        }
        // Only literal addresses: resolving a name here would contact DNS, and a name may resolve elsewhere later.
        if (!bare.matches("[0-9.]+") && !bare.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName(bare).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
