package org.raylens.app;

import java.io.IOException;
import java.io.OutputStream;
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
 * point, {@link RayLensLauncher#main}, under a security manager that records every attempt to open a network
 * connection to anything but this machine, and that turns {@code System.exit} into an exception so that one JVM can
 * run many commands. Where the test could not cut the child off the network itself ({@code unshare -rn}), the
 * manager also refuses those connections ({@value #REFUSE} = true); otherwise it lets them fail as they would on a
 * machine without a network, so that the command goes on as it would for a user. Each command's standard output, standard error and exit status (with the connections
 * it tried) go to numbered files in the folder named by the first argument, which also holds {@code commands.txt}
 * (one command per line, arguments separated by tabs).
 */
public final class GuardedLauncherMain {

    /** System property: refuse connections in Java (set when the child still has a network). */
    static final String REFUSE = "raylens.test.refuseConnections";

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
        final boolean refuse;
        volatile boolean exitAllowed;

        NetworkGuard(boolean refuse) {
            this.refuse = refuse;
        }

        @Override
        public void checkPermission(Permission perm) {
            if (perm instanceof SocketPermission && perm.getActions().contains("connect")) {
                String host = perm.getName().replaceFirst(":[^:\\]]*$", "");
                if (!isThisMachine(host)) {
                    synchronized (attempts) {
                        attempts.add(perm.getName());
                    }
                    if (refuse) {
                        throw new SecurityException("network connection refused by the test: " + perm.getName());
                    }
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

    /** An output stream whose destination can change between commands. */
    private static final class SwitchableStream extends OutputStream {
        volatile OutputStream target = OutputStream.nullOutputStream();

        @Override
        public void write(int b) throws IOException {
            target.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            target.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            target.flush();
        }
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        List<String> commands = Files.readAllLines(dir.resolve("commands.txt"));
        NetworkGuard guard = new NetworkGuard(Boolean.getBoolean(REFUSE));
        try {
            System.setSecurityManager(guard);
        } catch (UnsupportedOperationException e) {
            Files.writeString(dir.resolve("no-guard"), "this JDK cannot install a security manager: " + e);
            return;
        }
        // one stream each for the whole run, pointed at the current command's files: a logging handler that took
        // hold of System.err during one command then writes the next command's messages where they belong
        SwitchableStream out = new SwitchableStream();
        SwitchableStream err = new SwitchableStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        for (int i = 0; i < commands.size(); i++) {
            String[] command = commands.get(i).split("\t");
            out.target = Files.newOutputStream(dir.resolve(i + ".out"));
            err.target = Files.newOutputStream(dir.resolve(i + ".err"));
            int status;
            try {
                RayLensLauncher.main(command);
                status = -2; // returned without exiting
            } catch (ExitTrapped e) {
                status = e.status;
            } catch (Throwable t) {
                t.printStackTrace();
                status = -1;
            }
            System.out.flush();
            System.err.flush();
            out.target.close();
            err.target.close();
            List<String> lines = new ArrayList<>();
            lines.add(Integer.toString(status));
            lines.addAll(guard.takeAttempts());
            Files.write(dir.resolve(i + ".exit"), lines);
        }
        out.target = OutputStream.nullOutputStream();
        err.target = OutputStream.nullOutputStream();
        Files.write(dir.resolve("late.connects"), guard.takeAttempts());
        guard.exitAllowed = true;
        Runtime.getRuntime().halt(0);
    }
}
