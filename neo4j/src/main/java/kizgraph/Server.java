package kizgraph;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;

/**
 * kiz-graph's local Neo4j: Neo4j Community embedded, reachable only over Bolt on 127.0.0.1,
 * with authentication on. Started and stopped by `kiz-graph neo4j start|stop`.
 *
 * Usage: Server --home DIR --port PORT --password-file FILE [--pagecache-mb N] [--transaction-mb N]
 */
public final class Server {
    public static void main(String[] args) throws Exception {
        Map<String, String> opts = parse(args);
        Path home = Path.of(opts.get("--home")).toAbsolutePath();
        int port = Integer.parseInt(opts.get("--port"));
        // The password comes from a file so that it never shows in the process list.
        String password = Files.readString(Path.of(opts.get("--password-file")), StandardCharsets.UTF_8).strip();
        long pagecacheMb = Long.parseLong(opts.getOrDefault("--pagecache-mb", "512"));

        var builder = new DatabaseManagementServiceBuilder(home);
        if (opts.containsKey("--transaction-mb")) {  // the most memory one transaction may take
            builder.setConfig(GraphDatabaseSettings.memory_transaction_max_size,
                    Long.parseLong(opts.get("--transaction-mb")) * 1024 * 1024);
        }
        DatabaseManagementService dbms = builder
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(HttpConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.pagecache_memory, pagecacheMb * 1024 * 1024)
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "2 files")
                .build();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            dbms.shutdown();
            stopped.countDown();
        }, "kiz-graph-shutdown"));

        setPassword(dbms, password);
        System.out.println("kiz-graph neo4j ready on bolt://127.0.0.1:" + port);
        System.out.flush();
        stopped.await();
    }

    /** The built-in user `neo4j` gets the instance's password; repeating the same one is no error. */
    private static void setPassword(DatabaseManagementService dbms, String password) {
        try {
            dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));
        } catch (RuntimeException e) {
            String message = String.valueOf(e.getMessage());
            if (!message.contains("cannot be the same")) {
                throw e;
            }
        }
    }

    private static Map<String, String> parse(String[] args) {
        var opts = new java.util.HashMap<String, String>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i], args[i + 1]);
        }
        for (String required : new String[] {"--home", "--port", "--password-file"}) {
            if (!opts.containsKey(required)) {
                throw new IllegalArgumentException("missing " + required);
            }
        }
        return opts;
    }
}
