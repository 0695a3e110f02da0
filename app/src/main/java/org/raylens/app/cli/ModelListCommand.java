package org.raylens.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.raylens.inference.hub.CachedModel;
import org.raylens.inference.hub.CachedSnapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code raylens model list}: the model repositories in the Hugging Face cache, each snapshot with its revisions and
 * whether RayLens can load it; the folder printed is what {@code --model} takes. Reads the disk only.
 */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the models in the Hugging Face cache and whether RayLens can load them (no network).")
public final class ModelListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    HubOptions hub;

    @Override
    public Integer call() {
        return LoadErrors.reported(spec, () -> {
            PrintWriter out = spec.commandLine().getOut();
            var cache = hub.cache();
            List<CachedModel> models = cache.list();
            if (models.isEmpty()) {
                out.println("no models in the Hugging Face cache at " + cache.root());
                return CliExitCodes.OK;
            }
            out.println("Hugging Face cache: " + cache.root());
            for (CachedModel model : models) {
                print(out, model);
            }
            return CliExitCodes.OK;
        });
    }

    private static void print(PrintWriter out, CachedModel model) throws IOException {
        out.println(model.repo().id() + (model.problem().isEmpty() ? "" : "  (" + model.problem() + ")"));
        for (CachedSnapshot snapshot : model.snapshots()) {
            String refs = snapshot.refs().isEmpty() ? "" : " (" + String.join(", ", snapshot.refs()) + ")";
            String verdict = snapshot.loadable() ? "loadable: " + snapshot.kind().description()
                    : "not loadable: " + (snapshot.missingBlobs().isEmpty() ? snapshot.kind().description()
                            : "missing " + String.join(", ", snapshot.missingBlobs()));
            out.println("  " + snapshot.shortCommit() + refs + "  " + verdict);
            out.println("    " + snapshot.folder());
        }
    }
}
