package org.raylens.app.spark;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.app.cli.EmbedCommand;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real standalone cluster on loopback: a Spark master and one worker started from the Maven-resolved Spark jars as
 * child JVMs, and the packaged job jar submitted to it through the build's {@code raylens-spark-submit}; its CSV must
 * be {@code raylens embed}'s, row for row. The worker launches its executor from a stand-in SPARK_HOME whose jars/
 * folder links the same Spark jars. Every process is killed at the end, whatever happens; skipped with a message
 * when the cluster cannot start here.
 */
class StandaloneClusterIT {
    private static final long START_SECONDS = 90;

    @TempDir
    Path tmp;

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** A child JVM's process and its log; closing kills it and every process it started (the executors). */
    private record Child(Process process, Path log) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(20, TimeUnit.SECONDS);
        }

        boolean logSays(String text) throws IOException {
            return Files.exists(log) && Files.readString(log).contains(text);
        }
    }

    private Child start(String name, List<String> command, Path sparkHome) throws IOException {
        Path log = tmp.resolve(name + ".log");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SPARK_HOME", sparkHome.toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().put("OMP_NUM_THREADS", "1");
        return new Child(pb.start(), log);
    }

    /** Waits until {@code child}'s log says {@code text}; false when it exits or the time is up. */
    private static boolean await(Child child, String text) throws IOException, InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        while (System.nanoTime() < end) {
            if (child.logSays(text)) {
                return true;
            }
            if (!child.process().isAlive()) {
                return false;
            }
            Thread.sleep(250);
        }
        return false;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void thePackagedJobRunsOnAStandaloneMasterAndWorker() throws Exception {
        Path shared = TestData.shared().orElse(null);
        assumeTrue(shared != null, "../shared is absent; standalone cluster test skipped");
        Path target = Path.of(System.getProperty("raylens.spark.target", "target"));
        Path launcher = target.resolve("raylens-spark-submit");
        Path classpathFile = target.resolve("spark-classpath.txt");
        assumeTrue(Files.isRegularFile(launcher) && Files.isRegularFile(classpathFile),
                "the packaged job is absent (run mvn verify); standalone cluster test skipped");
        String sparkClasspath = Files.readString(classpathFile).strip();

        // a stand-in SPARK_HOME: the worker builds each executor's class path from $SPARK_HOME/jars
        Path sparkHome = tmp.resolve("spark-home");
        Path jars = Files.createDirectories(sparkHome.resolve("jars"));
        for (String jar : sparkClasspath.split(java.io.File.pathSeparator)) {
            Path j = Path.of(jar);
            Files.createSymbolicLink(jars.resolve(j.getFileName()), j);
        }
        List<String> jvm = new ArrayList<>(List.of(java(), "-Xmx512m"));
        jvm.addAll(List.of(System.getProperty("raylens.spark.opens", "").split(" ")).stream()
                .filter(s -> !s.isBlank()).toList());
        jvm.addAll(List.of("-cp", sparkClasspath));
        int masterPort = freePort();
        List<String> master = new ArrayList<>(jvm);
        master.addAll(List.of("org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
                Integer.toString(masterPort), "--webui-port", Integer.toString(freePort())));
        String masterUrl = "spark://127.0.0.1:" + masterPort;
        List<String> worker = new ArrayList<>(jvm);
        worker.addAll(List.of("org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--port",
                Integer.toString(freePort()), "--webui-port", Integer.toString(freePort()), "--cores", "2",
                "--memory", "2g", "--work-dir", tmp.resolve("work").toString(), masterUrl));

        Path cxrDicom = shared.resolve("data/cxr/dicom");
        Path expected = tmp.resolve("embed.csv");
        StringWriter embedErr = new StringWriter();
        CommandLine embed = new CommandLine(new EmbedCommand());
        embed.setErr(new PrintWriter(embedErr));
        embed.setOut(new PrintWriter(new StringWriter()));
        assertEquals(0, embed.execute(cxrDicom.toString(), "--model", TestData.tinyModel(shared).toString(),
                "--threads", "1", "--out", expected.toString()), embedErr.toString());

        try (Child m = start("master", master, sparkHome)) {
            assumeTrue(await(m, "I have been elected leader"), "the Spark master did not start here; see "
                    + Files.readString(m.log()));
            try (Child w = start("worker", worker, sparkHome)) {
                assumeTrue(await(w, "Successfully registered with master"), "the Spark worker did not register;"
                        + " see " + Files.readString(w.log()));
                Path out = tmp.resolve("cluster.csv");
                Path log = tmp.resolve("submit.log");
                ProcessBuilder submit = new ProcessBuilder("sh", launcher.toString(), "--master", masterUrl,
                        "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1",
                        "--conf", "spark.ui.enabled=false", "--executor-memory", "1g",
                        "--model", TestData.tinyModel(shared).toString(), "--format", "csv",
                        "--out", out.toString(), cxrDicom.toString())
                        .redirectErrorStream(true).redirectOutput(log.toFile());
                submit.environment().put("OMP_NUM_THREADS", "1");
                submit.environment().put("RAYLENS_DRIVER_MEMORY", "1g");
                Process p = submit.start();
                try (Child job = new Child(p, log)) {
                    assertTrue(p.waitFor(4, TimeUnit.MINUTES), "the job did not finish in 4 minutes: "
                            + Files.readString(log));
                    assertEquals(0, p.exitValue(), Files.readString(log));
                    assertTrue(w.logSays("Asked to launch executor"), "the worker ran the executor: "
                            + Files.readString(w.log()));
                }
                assertEquals(new HashSet<>(Files.readAllLines(expected)), new HashSet<>(Files.readAllLines(out)),
                        "the cluster's rows are raylens embed's, byte for byte");
                assertEquals(Files.readAllLines(expected).get(0), Files.readAllLines(out).get(0));
            }
        }
    }
}
