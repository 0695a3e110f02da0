package org.raylens.app.task;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** Holds work until the test completes it, in any order: how stale results are provoked deterministically. */
public final class QueuedRunner implements BackgroundRunner {

    private final List<Runnable> pending = new ArrayList<>();

    @Override
    public <T> void run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Exception> onFailure) {
        pending.add(() -> new SameThreadRunner().run(work, onSuccess, onFailure));
    }

    public int pendingCount() {
        return pending.size();
    }

    /** Completes the {@code index}-th pending job (0 = oldest still pending). */
    public void complete(int index) {
        pending.remove(index).run();
    }

    public void completeAll() {
        while (!pending.isEmpty()) {
            complete(0);
        }
    }
}
