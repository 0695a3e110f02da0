package org.raylens.viewer.dicomweb;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/** How requests authenticate: not at all, HTTP basic, or a bearer token. Credentials never appear in toString(). */
public sealed interface DicomWebAuth {

    /** No authentication. */
    DicomWebAuth NONE = new None();

    /** The value of the Authorization header, if any. */
    Optional<String> authorizationHeader();

    static DicomWebAuth basic(String user, String password) {
        return new Basic(user, password);
    }

    static DicomWebAuth bearer(String token) {
        return new Bearer(token);
    }

    record None() implements DicomWebAuth {
        @Override
        public Optional<String> authorizationHeader() {
            return Optional.empty();
        }
    }

    record Basic(String user, String password) implements DicomWebAuth {
        public Basic {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public Optional<String> authorizationHeader() {
            return Optional.of("Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }

        @Override
        public String toString() {
            return "Basic[user=" + user + "]";
        }
    }

    record Bearer(String token) implements DicomWebAuth {
        public Bearer {
            Objects.requireNonNull(token, "token");
        }

        @Override
        public Optional<String> authorizationHeader() {
            return Optional.of("Bearer " + token);
        }

        @Override
        public String toString() {
            return "Bearer[***]";
        }
    }
}
