package org.raylens.app.cli;

import org.raylens.inference.adapter.Adapter;
import org.raylens.inference.adapter.EncoderIdentity;
import org.raylens.inference.encoder.Encoder;
import org.raylens.inference.head.TokenHead;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Opens an adapter folder's head for {@code explain}: loading checks that the adapter was trained on this encoder
 * (weights SHA-256, shapes), so the encoder must have been loaded with hashing on.
 */
final class AdapterHeads {
    private AdapterHeads() {
    }

    static ExplainCommand.HeadHandle open(Path folder, Encoder model) throws IOException {
        Adapter adapter = Adapter.load(folder, EncoderIdentity.of(model));
        return new ExplainCommand.HeadHandle() {
            @Override
            public TokenHead head() {
                return adapter.head();
            }

            @Override
            public String describe() {
                return adapter.provenance();
            }

            @Override
            public void close() {
                adapter.close();
            }
        };
    }
}
