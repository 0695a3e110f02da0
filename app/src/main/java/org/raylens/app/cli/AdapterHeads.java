package org.raylens.app.cli;

import org.raylens.inference.encoder.LoadedEncoder;

import java.nio.file.Path;

/** Opens an adapter folder's head for {@code explain}. Adapter folders come with the adapters work (issue 5). */
final class AdapterHeads {
    private AdapterHeads() {
    }

    static ExplainCommand.HeadHandle open(Path folder, LoadedEncoder model) throws ExplainCommand.UsageException {
        throw new ExplainCommand.UsageException("--adapter: adapter folders are not supported by this build yet; "
                + "use --head-weights/--head-bias for a linear head on CLS");
    }
}
