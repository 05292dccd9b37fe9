package org.thymus.retrieval;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.thymus.core.InvalidInputException;
import org.thymus.core.ann.Metric;
import org.thymus.core.concurrent.Parallel;
import org.thymus.core.io.AtomicOutput;
import org.thymus.core.io.InputFiles;
import org.thymus.core.table.EmbeddingTable;

/**
 * A query tower and an item tower over their own feature vocabularies, the similarity that scores
 * a (query, item) pair (dot product or cosine; the loss divides it by a temperature), and the item
 * corpus: the texts of every item, so the model retrieves from it on its own.
 */
public final class TwoTowerModel {
    private static final String MAGIC = "THYTOWER";
    private static final int VERSION = 1;

    private final FeatureSpec querySpec;
    private final FeatureSpec itemSpec;
    private final FeatureVocabulary queryVocabulary;
    private final FeatureVocabulary itemVocabulary;
    private final Tower queryTower;
    private final Tower itemTower;
    private final Metric similarity;
    private final float temperature;
    private final List<String> items;
    private final FeatureBags itemBags;

    public TwoTowerModel(FeatureSpec querySpec, FeatureSpec itemSpec, FeatureVocabulary queryVocabulary,
                         FeatureVocabulary itemVocabulary, Tower queryTower, Tower itemTower, Metric similarity,
                         float temperature, List<String> items) {
        if (similarity == Metric.L2) {
            throw new InvalidInputException("a two-tower score is dot or cosine, not l2");
        }
        if (queryTower.dim() != itemTower.dim()) {
            throw new IllegalArgumentException("towers of dim " + queryTower.dim() + " and " + itemTower.dim());
        }
        this.querySpec = querySpec;
        this.itemSpec = itemSpec;
        this.queryVocabulary = queryVocabulary;
        this.itemVocabulary = itemVocabulary;
        this.queryTower = queryTower;
        this.itemTower = itemTower;
        this.similarity = similarity;
        this.temperature = temperature;
        this.items = List.copyOf(items);
        this.itemBags = FeatureBags.encode(this.items, itemSpec, itemVocabulary);
    }

    public FeatureSpec querySpec() {
        return querySpec;
    }

    public FeatureSpec itemSpec() {
        return itemSpec;
    }

    public FeatureVocabulary queryVocabulary() {
        return queryVocabulary;
    }

    public FeatureVocabulary itemVocabulary() {
        return itemVocabulary;
    }

    public Tower queryTower() {
        return queryTower;
    }

    public Tower itemTower() {
        return itemTower;
    }

    public Metric similarity() {
        return similarity;
    }

    public float temperature() {
        return temperature;
    }

    public int dim() {
        return queryTower.dim();
    }

    /** The item corpus, by item id. */
    public List<String> items() {
        return items;
    }

    /** The item corpus's bags under the item vocabulary. */
    public FeatureBags itemBags() {
        return itemBags;
    }

    /**
     * Scales {@code v[off..off+dim)} to unit length for the cosine (a zero vector stays zero) and
     * returns its length before; for the dot product leaves it and returns 1.
     */
    public float finish(float[] v, int off) {
        if (similarity != Metric.COSINE) {
            return 1f;
        }
        double squares = 0;
        for (int i = 0; i < dim(); i++) {
            squares += v[off + i] * v[off + i];
        }
        float norm = (float) Math.sqrt(squares);
        if (norm > 0) {
            float inv = 1f / norm;
            for (int i = 0; i < dim(); i++) {
                v[off + i] *= inv;
            }
        }
        return norm;
    }

    /**
     * The query vector of {@code text} (unit length for the cosine) in {@code out[0..dim)}.
     *
     * @return the number of the text's features the query vocabulary knows (0: the vector is zero)
     */
    public int queryVector(String text, float[] out) {
        FeatureBags bag = FeatureBags.encode(List.of(text), querySpec, queryVocabulary);
        float[] pooled = new float[dim()];
        queryTower.forward(bag, 0, pooled, 0, out, 0);
        finish(out, 0);
        return bag.end(0);
    }

    /** Every item's vector (unit length for the cosine), row = item id, computed on {@code threads} threads. */
    public EmbeddingTable itemVectors(int threads) {
        EmbeddingTable table = new EmbeddingTable(items.size(), dim());
        int n = items.size();
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        Parallel.run(Math.max(1, Math.min(threads, n / 256 + 1)), worker -> {
            float[] pooled = new float[dim()];
            float[] out = new float[dim()];
            for (int i; (i = next.getAndIncrement()) < n; ) {
                itemTower.forward(itemBags, i, pooled, 0, out, 0);
                finish(out, 0);
                table.setRow(i, out, 0);
            }
        });
        return table;
    }

    /** Writes the model (specs, vocabularies, tables, item corpus), atomically. */
    public void save(Path file) throws IOException {
        AtomicOutput.write(file, raw -> {
            DataOutputStream out = new DataOutputStream(raw);
            out.writeBytes(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(dim());
            out.writeUTF(similarity.label());
            out.writeFloat(temperature);
            writeSide(out, querySpec, queryVocabulary, queryTower);
            writeSide(out, itemSpec, itemVocabulary, itemTower);
            out.writeInt(items.size());
            for (String item : items) {
                writeString(out, item);
            }
            out.writeBytes("END!");
            out.flush();
        });
    }

    private static void writeSide(DataOutputStream out, FeatureSpec spec, FeatureVocabulary vocabulary, Tower tower)
            throws IOException {
        out.writeUTF(spec.toString());
        out.writeUTF(tower.pooling().name());
        out.writeUTF(tower.dense().name());
        out.writeInt(vocabulary.size());
        for (int r = 0; r < vocabulary.size(); r++) {
            writeString(out, vocabulary.feature(r));
        }
        tower.features().writeValues(out);
        if (tower.denseWeights() != null) {
            tower.denseWeights().writeValues(out);
        }
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] bytes = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    /**
     * Reads a model {@link #save} wrote.
     *
     * @throws InvalidInputException for a file that is not a two-tower model or is cut short
     */
    public static TwoTowerModel load(Path file) throws IOException {
        try (InputStream raw = InputFiles.open(file, "--model");
             DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
            byte[] magic = new byte[MAGIC.length()];
            in.readFully(magic);
            if (!MAGIC.equals(new String(magic, java.nio.charset.StandardCharsets.US_ASCII))) {
                throw new InvalidInputException(file + " is not a two-tower model (no " + MAGIC + " header)");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new InvalidInputException(file + ": two-tower model version " + version + ", this build reads " + VERSION);
            }
            int dim = in.readInt();
            if (dim < 1 || dim > 1 << 16) {
                throw new InvalidInputException(file + ": implausible dim " + dim);
            }
            Metric similarity = Metric.parse(in.readUTF());
            float temperature = in.readFloat();
            Object[] query = readSide(in, dim, file);
            Object[] item = readSide(in, dim, file);
            int count = readCount(in, file);
            List<String> items = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                items.add(readString(in, file));
            }
            byte[] end = new byte[4];
            in.readFully(end);
            if (!"END!".equals(new String(end, java.nio.charset.StandardCharsets.US_ASCII))) {
                throw new InvalidInputException(file + ": corrupt two-tower model (bad trailer)");
            }
            return new TwoTowerModel((FeatureSpec) query[0], (FeatureSpec) item[0], (FeatureVocabulary) query[1],
                    (FeatureVocabulary) item[1], (Tower) query[2], (Tower) item[2], similarity, temperature, items);
        } catch (EOFException e) {
            throw new InvalidInputException(file + ": two-tower model cut short");
        }
    }

    private static Object[] readSide(DataInputStream in, int dim, Path file) throws IOException {
        FeatureSpec spec = FeatureSpec.parse(in.readUTF());
        Tower.Pooling pooling = Tower.Pooling.parse(in.readUTF());
        Tower.Dense dense = Tower.Dense.parse(in.readUTF());
        int size = readCount(in, file);
        List<String> features = new ArrayList<>(size);
        for (int r = 0; r < size; r++) {
            features.add(readString(in, file));
        }
        EmbeddingTable table = readTable(in, size, dim);
        EmbeddingTable weights = dense == Tower.Dense.NONE ? null : readTable(in, dim, dim);
        return new Object[] {spec, FeatureVocabulary.of(features), new Tower(table, pooling, dense, weights)};
    }

    private static int readCount(DataInputStream in, Path file) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            throw new InvalidInputException(file + ": corrupt two-tower model (negative count)");
        }
        return n;
    }

    private static String readString(DataInputStream in, Path file) throws IOException {
        int n = readCount(in, file);
        if (n > 1 << 24) {
            throw new InvalidInputException(file + ": corrupt two-tower model (string of " + n + " bytes)");
        }
        byte[] bytes = new byte[n];
        in.readFully(bytes);
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static EmbeddingTable readTable(DataInputStream in, int rows, int dim) throws IOException {
        EmbeddingTable table = new EmbeddingTable(rows, dim);
        table.readValues(in);
        return table;
    }
}
