package org.raylens.inference.hub;

/** What a request was for, so that an error can name the repository, revision and file. */
record HubRequestContext(HubEndpoint endpoint, RepoId repo, String revision, String file, boolean tokenSent) {
}
