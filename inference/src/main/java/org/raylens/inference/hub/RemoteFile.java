package org.raylens.inference.hub;

import java.net.URI;

/**
 * What the Hub says about one file at one revision (its answer to {@code HEAD .../resolve/...}): the commit the
 * revision points to, the content's ETag (sha256 for LFS files, git blob id otherwise), its size, and where to GET
 * it (the CDN for LFS files).
 *
 * @param sendToken false when the download URL is on another host (a CDN's signed URL): the token stays with the Hub
 */
record RemoteFile(String name, String commit, String etag, long size, URI downloadUrl, boolean sendToken) {
}
