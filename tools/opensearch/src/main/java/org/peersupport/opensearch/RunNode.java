package org.peersupport.opensearch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.codelibs.opensearch.runner.OpenSearchRunner;
import org.opensearch.common.settings.Settings;
import org.opensearch.node.Node;

/**
 * Starts a local OpenSearch cluster of N nodes inside this JVM and keeps it running
 * until the process is told to stop (SIGTERM / SIGINT shut every node down cleanly).
 *
 * <pre>
 * RunNode --data DIR [--nodes N] [--http-port P] [--transport-port T]
 *         [--cluster-name NAME] [--modules CLASS,CLASS...] [--control DIR]
 * </pre>
 *
 * Node i (1-based) listens for HTTP on P+i-1 and for transport on T+i-1, on 127.0.0.1
 * only. Its files live in DATA/node_i/{data,logs,config}.
 *
 * While running, single nodes can be stopped and started again with the commands
 * {@code stop I}, {@code start I} and {@code status}, typed on standard input or
 * written to the file CONTROL/command (see opensearch.sh stop-node / start-node).
 */
public final class RunNode {

    /** Modules loaded from the classpath (the runner ships their jars). */
    static final String[] DEFAULT_MODULES = {
        "org.opensearch.transport.Netty4Plugin", // HTTP and transport
        "org.opensearch.analysis.common.CommonAnalysisPlugin", // english, synonyms, ...
        "org.opensearch.index.mapper.MapperExtrasPlugin", // scaled_float, rank_feature, search_as_you_type
        "org.opensearch.geo.GeoModulePlugin", // geo_shape aggregations (geo_point is core)
        "org.opensearch.search.aggregations.matrix.MatrixAggregationPlugin",
        "org.opensearch.painless.PainlessPlugin", // scripts (sorting, scoring, updates)
        "org.opensearch.script.mustache.MustachePlugin", // search templates
        "org.opensearch.index.reindex.ReindexPlugin", // _reindex, _update_by_query, _delete_by_query
        "org.opensearch.join.ParentJoinPlugin",
        "org.opensearch.ingest.common.IngestCommonPlugin",
    };

    /** Our own messages; stdout and stderr both go to the log file in opensearch.sh. */
    private static final PrintStream OUT = System.out;

    private final int nodes;
    private final int httpPort;
    private final int transportPort;
    private final String clusterName;
    private final Path dataDir;
    private final String modules;
    private final Path controlDir;

    private final OpenSearchRunner runner = new OpenSearchRunner();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean closing;

    private RunNode(int nodes, int httpPort, int transportPort, String clusterName, Path dataDir,
            String modules, Path controlDir) {
        this.nodes = nodes;
        this.httpPort = httpPort;
        this.transportPort = transportPort;
        this.clusterName = clusterName;
        this.dataDir = dataDir;
        this.modules = modules;
        this.controlDir = controlDir;
    }

    public static void main(String[] args) {
        // One log4j configuration for all nodes, set before any logger exists. (The runner's
        // own per-node configuration is disabled below: each node would reconfigure log4j
        // and the console output of all but the first would be lost.)
        if (System.getProperty("log4j2.configurationFile") == null
                && System.getProperty("log4j.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "runnode-log4j2.properties");
        }
        int nodes = 1;
        int httpPort = 9200;
        int transportPort = -1;
        String clusterName = "peer-support-hub";
        String data = null;
        String modules = String.join(",", DEFAULT_MODULES);
        String control = null;
        try {
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("-h") || arg.equals("--help")) {
                    usage(OUT);
                    return;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value for " + arg);
                }
                String value = args[++i];
                switch (arg) {
                    case "--nodes" -> nodes = Integer.parseInt(value);
                    case "--http-port" -> httpPort = Integer.parseInt(value);
                    case "--transport-port" -> transportPort = Integer.parseInt(value);
                    case "--cluster-name" -> clusterName = value;
                    case "--data" -> data = value;
                    case "--modules" -> modules = value;
                    case "--control" -> control = value;
                    default -> throw new IllegalArgumentException("unknown option " + arg);
                }
            }
            if (data == null) {
                throw new IllegalArgumentException("--data DIR is required");
            }
            if (nodes < 1 || nodes > 9) {
                throw new IllegalArgumentException("--nodes must be between 1 and 9");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("RunNode: " + e.getMessage());
            usage(System.err);
            System.exit(2);
            return;
        }
        Path dataDir = Paths.get(data).toAbsolutePath();
        if (transportPort < 0) {
            transportPort = findFreeRange(httpPort + 100, nodes);
        }
        Path controlDir = control == null ? dataDir.resolve("control") : Paths.get(control);
        RunNode app = new RunNode(nodes, httpPort, transportPort, clusterName, dataDir, modules,
                controlDir.toAbsolutePath());
        System.exit(app.run());
    }

    private static void usage(PrintStream out) {
        out.println("usage: RunNode --data DIR [--nodes N] [--http-port P] [--transport-port T]");
        out.println("               [--cluster-name NAME] [--modules CLASS,...] [--control DIR]");
    }

    private int run() {
        for (int i = 0; i < nodes; i++) {
            requireFree(httpPort + i, "HTTP");
            requireFree(transportPort + i, "transport");
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, "runnode-shutdown"));

        List<String> seeds = new ArrayList<>();
        List<String> managers = new ArrayList<>();
        for (int i = 1; i <= nodes; i++) {
            seeds.add("127.0.0.1:" + (transportPort + i - 1));
            managers.add(nodeName(i));
        }
        // The runner would scan for a free HTTP port itself; we choose the ports.
        runner.setMaxHttpPort(-1);
        runner.onBuild((index, settings) -> {
            settings.put("node.name", nodeName(index));
            settings.put("network.host", "127.0.0.1");
            settings.put("http.port", String.valueOf(httpPort + index - 1));
            settings.put("transport.port", String.valueOf(transportPort + index - 1));
            settings.putList("node.roles", "cluster_manager", "data", "ingest");
            if (nodes == 1) {
                settings.put("discovery.type", "single-node");
            } else {
                settings.putList("discovery.seed_hosts", seeds);
                settings.putList("cluster.initial_cluster_manager_nodes", managers);
            }
            // Nodes start one after another: do not block node 1 waiting for a quorum.
            settings.put("discovery.initial_state_timeout", "0s");
            // A full disk on a developer machine must not turn indices read-only in tests.
            settings.put("cluster.routing.allocation.disk.threshold_enabled", false);
            settings.put("path.repo", dataDir.resolve("snapshots").toString());
        });

        OUT.printf("Starting %d node(s) of cluster '%s' in %s%n", nodes, clusterName, dataDir);
        try {
            runner.build(OpenSearchRunner.newConfigs()
                    .basePath(dataDir.toString())
                    .numOfNode(nodes)
                    .clusterName(clusterName)
                    .baseHttpPort(httpPort - 1) // only used in the runner's own messages
                    .moduleTypes(modules)
                    .disableESLogger()
                    .printOnFailure());
        } catch (RuntimeException e) {
            System.err.println("RunNode: failed to start the cluster: " + e);
            e.printStackTrace();
            shutdown();
            return 1;
        }
        OUT.printf("READY http://127.0.0.1:%d nodes=%d transport=%d%n", httpPort, nodes,
                transportPort);
        OUT.flush();

        startDaemon("runnode-stdin", this::readStdin);
        startDaemon("runnode-control", this::watchControlFile);

        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static String nodeName(int index) {
        return "node-" + index;
    }

    /** Closes every node; called by the shutdown hook (SIGTERM, SIGINT) or a failed start. */
    private synchronized void shutdown() {
        if (closing) {
            return;
        }
        closing = true;
        OUT.println("Stopping the cluster");
        try {
            runner.close();
        } catch (IOException | RuntimeException e) {
            System.err.println("RunNode: error while closing: " + e);
        }
        OUT.println("Stopped");
        OUT.flush();
        stopped.countDown();
    }

    // --- single-node control -------------------------------------------------------------

    /** Runs one control command and returns a one-line answer starting with "ok" or "error". */
    synchronized String execute(String line) {
        String[] words = line.trim().split("\\s+");
        if (words.length == 0 || words[0].isEmpty()) {
            return "error empty command";
        }
        if (closing) {
            return "error shutting down";
        }
        try {
            switch (words[0]) {
                case "status":
                    return "ok " + describe();
                case "stop":
                case "start":
                    if (words.length != 2) {
                        return "error usage: " + words[0] + " NODE_INDEX";
                    }
                    int index = Integer.parseInt(words[1]);
                    if (index < 1 || index > runner.getNodeSize()) {
                        return "error no node " + index + " (1.." + runner.getNodeSize() + ")";
                    }
                    Node node = runner.getNode(index - 1);
                    if (words[0].equals("stop")) {
                        if (node.isClosed()) {
                            return "ok node " + index + " already stopped";
                        }
                        node.close();
                        if (!node.awaitClose(30, TimeUnit.SECONDS)) {
                            return "error node " + index + " did not close within 30s";
                        }
                        return "ok stopped node " + index;
                    }
                    if (!node.isClosed()) {
                        return "ok node " + index + " already running";
                    }
                    return runner.startNode(index - 1) ? "ok started node " + index
                            : "error could not start node " + index;
                default:
                    return "error unknown command '" + words[0] + "' (stop I, start I, status)";
            }
        } catch (NumberFormatException e) {
            return "error not a node index: " + words[1];
        } catch (Exception e) {
            return "error " + e;
        }
    }

    private String describe() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < runner.getNodeSize(); i++) {
            Node node = runner.getNode(i);
            text.append(i == 0 ? "" : " ").append(nodeName(i + 1)).append('=')
                    .append(node.isClosed() ? "stopped" : "running")
                    .append(":").append(httpPort + i);
        }
        return text.toString();
    }

    private void readStdin() {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isBlank()) {
                    OUT.println(execute(line));
                }
            }
        } catch (IOException e) {
            // no usable stdin (background run): the control file still works
        }
    }

    /**
     * Polls CONTROL/command. The file holds "ID COMMAND ARGS"; the answer "ID ANSWER" is
     * written to CONTROL/result (atomically, by rename) and the command file is removed.
     */
    private void watchControlFile() {
        Path command = controlDir.resolve("command");
        Path result = controlDir.resolve("result");
        try {
            Files.createDirectories(controlDir);
        } catch (IOException e) {
            System.err.println("RunNode: no control directory " + controlDir + ": " + e);
            return;
        }
        while (!closing) {
            try {
                if (Files.exists(command)) {
                    String text = Files.readString(command, StandardCharsets.UTF_8).trim();
                    Files.deleteIfExists(command);
                    String[] parts = text.split("\\s+", 2);
                    String id = parts[0];
                    String answer = parts.length < 2 ? "error empty command" : execute(parts[1]);
                    OUT.println("control: " + text + " -> " + answer);
                    Path tmp = controlDir.resolve("result.tmp");
                    Files.writeString(tmp, id + " " + answer + "\n", StandardCharsets.UTF_8);
                    Files.move(tmp, result, StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.ATOMIC_MOVE);
                }
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                System.err.println("RunNode: control file error: " + e);
            }
        }
    }

    private static void startDaemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }

    // --- ports -----------------------------------------------------------------------------

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void requireFree(int port, String what) {
        if (port < 1 || port > 65535 || !isFree(port)) {
            System.err.println("RunNode: " + what + " port " + port + " is not free");
            System.exit(3);
        }
    }

    /** First port at or after {@code from} that starts {@code count} free consecutive ports. */
    private static int findFreeRange(int from, int count) {
        for (int start = from; start + count - 1 <= 65535; start++) {
            boolean free = true;
            for (int i = 0; i < count && free; i++) {
                free = isFree(start + i);
            }
            if (free) {
                return start;
            }
        }
        throw new IllegalStateException("no " + count + " free ports from " + from);
    }
}
