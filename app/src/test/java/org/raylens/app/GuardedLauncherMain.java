package org.raylens.app;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.SocketPermission;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Permission;
import java.util.ArrayList;
import java.util.List;

/**
 * The child-JVM side of {@link OfflineCommandLineTest}: runs command lines one after another through the real entry
 * point, {@link RayLensLauncher#main}, under a security manager that refuses, and records, every attempt to open a
 * network connection to anything but this machine, and that turns {@code System.exit} into an exception so that one
 * JVM can run many commands. Each command's standard output, standard error and exit status (with the connections
 * it tried) go to numbered files in the folder named by the first argument, which also holds {@code commands.txt}
 * (one command per line, arguments separated by tabs).
 */
public final class GuardedLauncherMain {

    private GuardedLauncherMain() {
    }

    /** What {@code System.exit(status)} throws in the child. */
    static final class ExitTrapped extends SecurityException {
        final int status;

        ExitTrapped(int status) {
            super("exit " + status);
            this.status = status;
        }
    }

    /** Allows everything except leaving the machine (recorded and refused) and exiting (trapped). */
    static final class NetworkGuard extends SecurityManager {
        final List<String> attempts = new ArrayList<>();
        volatile boolean exitAllowed;

        @Override
        public void checkPermission(Permission perm) {
            if (perm instanceof SocketPermission && perm.getActions().contains("connect")) {
                String host = perm.getName().replaceFirst(":[^:\\]]*$", "");
                if (!isThisMachine(host)) {
                    synchronized (attempts) {
                        attempts.add(perm.getName());
                    }
                    throw new SecurityException("network connection refused by the test: " + perm.getName());
                }
            }
        }

        @Override
        public void checkPermission(Permission perm, Object context) {
            checkPermission(perm);
        }

        @Override
        public void checkExit(int status) {
            if (!exitAllowed) {
                throw new ExitTrapped(status);
            }
        }

        private static boolean isThisMachine(String host) {
            String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
            if (h.equals("localhost")) {
                return true;
            }
            try {
                // literal addresses only: resolving a name here would itself ask the network
                return h.matches("[0-9.]+|[0-9a-fA-F:]+") && InetAddress.getByName(h).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }

        List<String> takeAttempts() {
            synchronized (attempts) {
                List<String> copy = List.copyOf(attempts);
                attempts.clear();
                return copy;
            }
        }
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        List<String> commands = Files.readAllLines(dir.resolve("commands.txt"));
        NetworkGuard guard = new NetworkGuard();
        try {
            System.setSecurityManager(guard);
        } catch (UnsupportedOperationException e) {
            Files.writeString(dir.resolve("no-guard"), "this JDK cannot install a security manager: " + e);
            return;
        }
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        for (int i = 0; i < commands.size(); i++) {
            String[] command = commands.get(i).split("\t");
            PrintStream out = new PrintStream(Files.newOutputStream(dir.resolve(i + ".out")), true, StandardCharsets.UTF_8);
            PrintStream err = new PrintStream(Files.newOutputStream(dir.resolve(i + ".err")), true, StandardCharsets.UTF_8);
            System.setOut(out);
            System.setErr(err);
            int status;
            try {
                RayLensLauncher.main(command);
                status = -2; // returned without exiting
            } catch (ExitTrapped e) {
                status = e.status;
            } catch (Throwable t) {
                t.printStackTrace(err);
                status = -1;
            }
            System.setOut(stdout);
            System.setErr(stderr);
            // out and err stay open: a logging handler may still hold err
            List<String> lines = new ArrayList<>();
            lines.add(Integer.toString(status));
            lines.addAll(guard.takeAttempts());
            Files.write(dir.resolve(i + ".exit"), lines);
        }
        Files.write(dir.resolve("late.connects"), guard.takeAttempts());
        guard.exitAllowed = true;
        Runtime.getRuntime().halt(0);
    }
}
