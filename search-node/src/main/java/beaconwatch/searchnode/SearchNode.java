package beaconwatch.searchnode;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.settings.Settings;
import org.opensearch.common.unit.TimeValue;
import org.opensearch.env.Environment;
import org.opensearch.http.HttpServerTransport;
import org.opensearch.index.mapper.MapperExtrasPlugin;
import org.opensearch.index.reindex.ReindexPlugin;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.painless.PainlessPlugin;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Boots a single OpenSearch node inside this JVM, for integration tests.
 *
 * <p>Usage: {@code SearchNode <runDir> <httpPort> [key=value ...]}. Extra arguments are
 * OpenSearch settings that override the defaults below. {@code httpPort} 0 picks a free
 * port. Once HTTP is up, the real port and URL are written to {@code runDir/port} and
 * {@code runDir/url}. SIGTERM closes the node cleanly.
 */
public final class SearchNode {

    /** Plugins that a real distribution ships as modules and that we need. */
    private static final List<Class<? extends Plugin>> PLUGINS = List.of(
        Netty4Plugin.class,          // HTTP + transport layer
        PainlessPlugin.class,        // painless scripts
        CommonAnalysisPlugin.class,  // lowercase filter/normalizer, ngram, etc.
        ReindexPlugin.class,         // _update_by_query, _delete_by_query, _reindex
        MapperExtrasPlugin.class     // scaled_float, token_count, rank_feature, ...
    );

    /** Replicas of new indices; 0 so that a lone node's indices turn green. */
    private static final String DEFAULT_REPLICAS = "cluster.default_number_of_replicas";

    /** Node's constructor that takes plugin classes is protected; this just exposes it. */
    private static final class PluginNode extends Node {
        PluginNode(Environment env, Collection<Class<? extends Plugin>> plugins) {
            super(env, plugins, true);
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: SearchNode <runDir> <httpPort> [key=value ...]");
            System.exit(2);
        }
        Path runDir = Path.of(args[0]).toAbsolutePath().normalize();
        String httpPort = args[1];

        // Defaults for when the class is run without ./start. Both are read when the
        // OpenSearch/Netty classes load, so they must be set first. Netty's processor count
        // can be set only once per JVM, so OpenSearch is told not to set it.
        System.getProperties().putIfAbsent("opensearch.set.netty.runtime.available.processors", "false");
        System.getProperties().putIfAbsent("io.netty.allocator.numDirectArenas", "0");

        Logger log = LogManager.getLogger(SearchNode.class);

        Settings.Builder settings = Settings.builder()
            .put("cluster.name", "beaconwatch-test")
            .put("node.name", "search-node")
            .put("path.home", runDir.resolve("home").toString())
            .put("path.data", runDir.resolve("data").toString())
            .put("path.logs", runDir.resolve("logs").toString())
            .put("discovery.type", "single-node")
            .put("network.host", "127.0.0.1")
            .put("http.port", httpPort)
            .put("transport.port", "0") // nobody joins us; any free port will do
            // A test box may have a fuller disk: never go read-only over watermarks.
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            .put(DEFAULT_REPLICAS, 0) // see applyDefaultReplicas
            // Tests compile many one-off scripts; don't rate-limit compilations.
            .put("script.disable_max_compilations_rate", true);
        for (int i = 2; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            if (eq <= 0) {
                System.err.println("bad setting (want key=value): " + args[i]);
                System.exit(2);
            }
            settings.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }

        Files.createDirectories(runDir.resolve("home").resolve("config"));
        Files.deleteIfExists(runDir.resolve("port"));
        Files.deleteIfExists(runDir.resolve("url"));

        loadPainlessExtensions();

        Environment env = InternalSettingsPreparer.prepareEnvironment(
            settings.build(), Map.of(), null, () -> "search-node");
        Node node;
        try {
            node = new PluginNode(env, PLUGINS);
            node.start();
            applyDefaultReplicas(node, env.settings().get(DEFAULT_REPLICAS));
            // Indices kept from an earlier run must have their primaries back before
            // we announce ourselves ready (HTTP answers well before that).
            node.client().admin().cluster().prepareHealth()
                .setWaitForYellowStatus().setTimeout(TimeValue.timeValueSeconds(60)).get();
        } catch (Throwable t) {
            log.error("search node failed to start", t);
            System.exit(1);
            return;
        }

        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("shutting down search node");
            try {
                node.close();
                node.awaitClose(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                log.warn("error while closing node", e);
            } finally {
                closed.countDown();
                LogManager.shutdown(); // log4j's own hook is disabled so that we log until here
            }
        }, "search-node-shutdown"));

        int port = node.injector().getInstance(HttpServerTransport.class)
            .boundAddress().publishAddress().getPort();
        String url = "http://127.0.0.1:" + port;
        writeAtomically(runDir.resolve("port"), Integer.toString(port));
        writeAtomically(runDir.resolve("url"), url);
        log.info("search node ready at {}", url);

        closed.await(); // keep main alive; the shutdown hook ends us
    }

    /**
     * Index creation reads cluster.default_number_of_replicas from the cluster state only
     * (persistent/transient settings), not from node settings, so copy it there. Without
     * this every index keeps one unassigned replica and health stays yellow.
     */
    private static void applyDefaultReplicas(Node node, String replicas) {
        node.client().admin().cluster().prepareUpdateSettings()
            .setPersistentSettings(Settings.builder().put(DEFAULT_REPLICAS, replicas))
            .get(TimeValue.timeValueSeconds(30));
    }

    /**
     * Classpath plugins never get {@code ExtensiblePlugin.loadExtensions} called by the
     * PluginsService (only plugins from the plugins/ and modules/ folders do). Painless keeps
     * its per-context allowlists in a static map that loadExtensions fills, so feeding it the
     * extensions found on the classpath before the node is built gives the same result as a
     * real distribution (e.g. analysis-common's allowlist for analysis predicate scripts).
     */
    private static void loadPainlessExtensions() {
        new PainlessPlugin().loadExtensions(new org.opensearch.plugins.ExtensiblePlugin.ExtensionLoader() {
            @Override
            public <T> List<T> loadExtensions(Class<T> type) {
                List<T> found = new ArrayList<>();
                ServiceLoader.load(type, SearchNode.class.getClassLoader()).forEach(found::add);
                return found;
            }
        });
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
