package org.raylens.app.similar;

import java.util.concurrent.ThreadFactory;

/** Worker threads of the index's pools: named, and daemons so an abandoned search never keeps the JVM alive. */
final class DaemonThreads {
    private DaemonThreads() {}

    static ThreadFactory named(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
