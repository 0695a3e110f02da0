package org.raylens.app.cli;

import java.io.IOException;

/**
 * A model folder that did not load, on its way to {@link RayLensCli}'s error handler. It is unchecked on purpose:
 * the commands' own catch blocks are about their images, labels and outputs, and a model that does not load ends
 * every command the same way (exit status 2 and the typed cause's name, printed by {@link LoadErrors}), so no command
 * should turn it into a message of its own.
 */
final class ModelLoadFailure extends RuntimeException {
    ModelLoadFailure(IOException cause) {
        super(cause.getMessage(), cause);
    }
}
