package org.raylens.inference.hub;

import java.net.http.HttpHeaders;

/**
 * Turns an HTTP error status from the Hub into a {@link HubException} that says what went wrong and what to do. The
 * Hub names the cause in {@code X-Error-Code} ({@code RepoNotFound}, {@code RevisionNotFound}, {@code EntryNotFound},
 * {@code GatedRepo}); without it the status alone decides. Note the Hub answers 401 both for a gated or private
 * repository without a token and for one that does not exist, so the message names both.
 */
final class HubStatusErrors {
    private HubStatusErrors() {}

    static HubException forStatus(int status, HttpHeaders headers, HubRequestContext context) {
        String code = headers.firstValue("X-Error-Code").orElse("");
        String serverMessage = headers.firstValue("X-Error-Message").map(m -> " (the Hub says: " + m + ")").orElse("");
        String repo = context.repo().id();
        String page = context.endpoint().base() + "/" + repo;
        String tokenHelp = "give a token with --token, the HF_TOKEN environment variable or `hf auth login`";
        if (code.equals("GatedRepo")) {
            return new HubException(status == 403 ? HubException.Kind.FORBIDDEN : HubException.Kind.UNAUTHORIZED,
                    repo + " is a gated repository: accept its conditions at " + page + " and " + tokenHelp
                            + (context.tokenSent() ? " (the token sent has no access yet)" : "") + serverMessage);
        }
        if (code.equals("RevisionNotFound")) {
            return new HubException(HubException.Kind.NOT_FOUND,
                    "revision '" + context.revision() + "' not found in " + repo + serverMessage);
        }
        if (code.equals("EntryNotFound")) {
            return new HubException(HubException.Kind.NOT_FOUND, "file '" + context.file() + "' not found in " + repo
                    + " at revision '" + context.revision() + "'" + serverMessage);
        }
        if (status == 401) {
            String message = context.tokenSent()
                    ? "the Hub refused the token for " + repo + " (401): check that it is valid and may read this"
                            + " repository, or that the repository id is right"
                    : repo + " needs a token (401): it is gated or private, or does not exist; " + tokenHelp;
            return new HubException(HubException.Kind.UNAUTHORIZED, message + serverMessage);
        }
        if (status == 403) {
            return new HubException(HubException.Kind.FORBIDDEN, "access to " + repo + " is forbidden (403): the token"
                    + " has no access; for a gated repository request access at " + page
                    + ", for a fine-grained token allow it to read gated repositories" + serverMessage);
        }
        if (status == 404) {
            String what = code.equals("RepoNotFound") ? "repository " + repo
                    : "repository " + repo + ", its revision '" + context.revision() + "' or its file '"
                            + context.file() + "'";
            return new HubException(HubException.Kind.NOT_FOUND, what + " not found (404): check the id, the"
                    + " revision and the file name; a private repository also answers 404 without a token"
                    + serverMessage);
        }
        if (status == 429) {
            return new HubException(HubException.Kind.RATE_LIMITED, "the Hub asks to slow down (429): try again in a"
                    + " few minutes" + headers.firstValue("Retry-After").map(s -> " (after " + s + " s)").orElse("")
                    + serverMessage);
        }
        if (status >= 500) {
            return new HubException(HubException.Kind.SERVER_ERROR, "the Hub failed (" + status + ") for "
                    + context.file() + " of " + repo + ": try again later" + serverMessage);
        }
        return new HubException(HubException.Kind.BAD_RESPONSE, "unexpected HTTP " + status + " for "
                + context.file() + " of " + repo + serverMessage);
    }
}
