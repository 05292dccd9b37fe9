import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import org.thymus.core.random.FastRandom;
import org.thymus.core.sampler.AliasTable;
import org.thymus.graph.EdgeListReader;
import org.thymus.graph.Graph;

/**
 * The memory benchmark of the graph module (bench/graph/memory.sh runs it): does a graph of 100 M
 * edges, read from an edge list, fit in 2 GB of heap?
 *
 * <pre>
 * java -cp CORE_JAR:GRAPH_JAR:CLASSES GraphMemory generate FILE EDGES NODES SEED   # a Chung–Lu edge list
 * java -Xmx2g -cp ... GraphMemory load FILE                                     # one JSON line
 * </pre>
 *
 * Generate: EDGES lines "u v", both ends drawn from a Chung–Lu power law (node i weighs (i + 1)^(-2/3),
 * degree exponent 2.5, through core's AliasTable), so the graph has hubs and some repeated edges as
 * real graphs do. It runs in its own JVM so that the measured one holds nothing but the reading.
 *
 * Load: EdgeListReader.read as an undirected graph while a thread samples the heap in use every 5 ms
 * (garbage included) and the GC notifications give the heap in use after each collection (the live
 * data, what the heap must at least hold). An OutOfMemoryError is reported as "fits": false, with
 * the innermost Thymus frame it was thrown in.
 */
public final class GraphMemory {
    private GraphMemory() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 5 && args[0].equals("generate")) {
            generate(Path.of(args[1]), Long.parseLong(args[2]), Integer.parseInt(args[3]), Long.parseLong(args[4]));
        } else if (args.length == 2 && args[0].equals("load")) {
            System.exit(load(Path.of(args[1])) ? 0 : 1);
        } else {
            System.err.println("usage: GraphMemory generate FILE EDGES NODES SEED | GraphMemory load FILE");
            System.exit(2);
        }
    }

    private static void generate(Path file, long edges, int nodes, long seed) throws IOException {
        if (edges < 1 || nodes < 2) {
            throw new IllegalArgumentException("need edges >= 1 and nodes >= 2, got " + edges + " and " + nodes);
        }
        double[] weights = new double[nodes];
        for (int i = 0; i < nodes; i++) {
            weights[i] = Math.pow(i + 1, -2.0 / 3);
        }
        AliasTable table = new AliasTable(weights);
        FastRandom rng = new FastRandom(seed);
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        byte[] line = new byte[32];
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 20)) {
            for (long e = 0; e < edges; e++) {
                int length = digits(table.sample(rng), line, 0);
                line[length++] = ' ';
                length = digits(table.sample(rng), line, length);
                line[length++] = '\n';
                out.write(line, 0, length);
            }
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Writes the decimal digits of {@code value} ≥ 0 at {@code at}; returns the end. */
    private static int digits(int value, byte[] out, int at) {
        int end = at + (value == 0 ? 1 : (int) Math.log10(value) + 1);
        int i = end;
        do {
            out[--i] = (byte) ('0' + value % 10);
            value /= 10;
        } while (value > 0);
        return end;
    }

    private static boolean load(Path file) throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        AtomicLong peakUsed = new AtomicLong();
        AtomicLong peakAfterGc = new AtomicLong();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                if (notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                    GarbageCollectionNotificationInfo info =
                            GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                    long after = 0;
                    for (MemoryUsage pool : info.getGcInfo().getMemoryUsageAfterGc().values()) {
                        after += pool.getUsed();
                    }
                    peakAfterGc.accumulateAndGet(after, Math::max);
                }
            }, null, null);
        }
        Thread sampler = Thread.ofPlatform().daemon().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peakUsed.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        long start = System.nanoTime();
        Graph graph = null;
        String failure = null;
        try {
            graph = EdgeListReader.read(file, false);
        } catch (OutOfMemoryError e) {
            failure = e.toString() + " at " + thymusFrame(e);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        sampler.interrupt();
        sampler.join();
        StringBuilder json = new StringBuilder("{");
        field(json, "file", '"' + file.toString() + '"');
        field(json, "file_bytes", Files.size(file));
        field(json, "max_heap_bytes", Runtime.getRuntime().maxMemory());
        field(json, "fits", graph != null);
        field(json, "seconds", String.format(Locale.ROOT, "%.1f", seconds));
        field(json, "peak_heap_used_bytes", peakUsed.get());
        field(json, "peak_heap_after_gc_bytes", peakAfterGc.get());
        if (graph != null) {
            field(json, "nodes", graph.nodeCount());
            field(json, "edges", graph.edgeCount());
            field(json, "duplicates_skipped", graph.duplicatesSkipped());
            field(json, "self_loops_skipped", graph.selfLoopsSkipped());
            field(json, "graph_memory_bytes", graph.memoryBytes());
            System.gc();
            // What stays once reading is over: the graph and its names (the symbol table).
            field(json, "retained_heap_bytes", memory.getHeapMemoryUsage().getUsed());
        } else {
            field(json, "error", '"' + failure + '"');
        }
        json.setLength(json.length() - 2);
        System.out.println(json.append('}'));
        return graph != null;
    }

    /** The innermost Thymus frame of the error: the step of the reading that ran out of heap. */
    private static String thymusFrame(Throwable e) {
        for (StackTraceElement frame : e.getStackTrace()) {
            if (frame.getClassName().startsWith("org.thymus.")) {
                return frame.toString();
            }
        }
        return "an unknown place";
    }

    private static void field(StringBuilder json, String name, Object value) {
        json.append('"').append(name).append("\": ").append(value).append(", ");
    }
}
