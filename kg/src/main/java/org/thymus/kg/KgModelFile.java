package org.thymus.kg;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UTFDataFormatException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.thymus.core.InvalidInputException;
import org.thymus.core.io.AtomicOutput;
import org.thymus.core.table.EmbeddingTable;

/**
 * A trained model in one file, enough to rank and predict without the training run: the model type
 * and dim, the entity and relation names (in id order), the training triples (so that a prediction
 * can say which answers are already known), and the rows of both tables.
 *
 * <p>Layout, big-endian ({@link DataOutputStream}): the magic {@code "THYMUS-KG"}, the format version
 * (int), the model name (UTF), dim, entity count, relation count (ints), the entity names then the
 * relation names (UTF each), the number of training triples then each as head, relation, tail
 * (ints), then every entity row and every relation row ({@code table.dim()} floats each, no padding).
 * Written atomically (core's {@link AtomicOutput}): a reader sees the old file or the whole new one.
 */
public final class KgModelFile {
    private static final String MAGIC = "THYMUS-KG";
    private static final int VERSION = 1;

    private KgModelFile() {
    }

    /** A model read back, with its names and training triples. */
    public record Loaded(KgModel model, int dim, List<String> entities, List<String> relations, Triples train) {
    }

    /** Writes {@code model} (built by {@link KgModels#create} with {@code dim}) with its names and training triples. */
    public static void write(Path file, KgModel model, int dim, List<String> entities, List<String> relations,
                             Triples train) throws IOException {
        if (entities.size() != model.entities().rows() || relations.size() != model.relations().rows()) {
            throw new IllegalArgumentException("names do not match the tables: " + entities.size() + " entities for "
                    + model.entities().rows() + " rows, " + relations.size() + " relations for "
                    + model.relations().rows());
        }
        AtomicOutput.write(file, stream -> {
            DataOutputStream out = new DataOutputStream(stream);
            out.writeBytes(MAGIC);
            out.writeInt(VERSION);
            out.writeUTF(model.name());
            out.writeInt(dim);
            out.writeInt(entities.size());
            out.writeInt(relations.size());
            try {
                for (String e : entities) {
                    out.writeUTF(e);
                }
                for (String r : relations) {
                    out.writeUTF(r);
                }
            } catch (UTFDataFormatException e) {
                throw new InvalidInputException("a name is longer than a model file holds (65,535 bytes)", e);
            }
            out.writeInt(train.size());
            for (int i = 0; i < train.size(); i++) {
                out.writeInt(train.head(i));
                out.writeInt(train.relation(i));
                out.writeInt(train.tail(i));
            }
            writeTable(out, model.entities());
            writeTable(out, model.relations());
            out.flush();
        });
    }

    private static void writeTable(DataOutputStream out, EmbeddingTable table) throws IOException {
        for (int row = 0; row < table.rows(); row++) {
            float[] s = table.shard(row);
            int off = table.offset(row);
            for (int c = 0; c < table.dim(); c++) {
                out.writeFloat(s[off + c]);
            }
        }
    }

    /** Reads a model file; a file that is not one, or is cut short, is an {@link InvalidInputException}. */
    public static Loaded read(Path file) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            byte[] magic = new byte[MAGIC.length()];
            in.readFully(magic);
            if (!Arrays.equals(magic, MAGIC.getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
                throw new InvalidInputException(file + " is not a knowledge-graph model file (thymus kg train --output)");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new InvalidInputException(file + " has model-file version " + version + ", this build reads "
                        + VERSION);
            }
            String name = in.readUTF();
            int dim = in.readInt();
            int entityCount = in.readInt();
            int relationCount = in.readInt();
            if (!KgModels.NAMES.contains(name) || dim < 1 || entityCount < 0 || relationCount < 0) {
                throw new InvalidInputException(file + " has a corrupt header (model " + name + ", dim " + dim + ")");
            }
            List<String> entities = readNames(in, entityCount);
            List<String> relations = readNames(in, relationCount);
            int triples = in.readInt();
            if (triples < 0) {
                throw new InvalidInputException(file + " has a corrupt triple count " + triples);
            }
            int[] h = new int[triples];
            int[] r = new int[triples];
            int[] t = new int[triples];
            for (int i = 0; i < triples; i++) {
                h[i] = in.readInt();
                r[i] = in.readInt();
                t[i] = in.readInt();
                if (h[i] < 0 || h[i] >= entityCount || t[i] < 0 || t[i] >= entityCount || r[i] < 0
                        || r[i] >= relationCount) {
                    throw new InvalidInputException(file + " has a corrupt training triple at " + i);
                }
            }
            // The values are all overwritten; the seed and range only shape the fresh tables.
            KgModel model = KgModels.create(name, entityCount, relationCount, dim, 1f, 0);
            readTable(in, model.entities());
            readTable(in, model.relations());
            if (in.read() != -1) {
                throw new InvalidInputException(file + " has data after the model's rows");
            }
            return new Loaded(model, dim, entities, relations, new Triples(h, r, t));
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("model file not found: " + file, e);
        } catch (EOFException e) {
            throw new InvalidInputException(file + " ends early: not a whole model file", e);
        } catch (IOException e) {
            throw new InvalidInputException(file + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static List<String> readNames(DataInputStream in, int count) throws IOException {
        List<String> names = new ArrayList<>(Math.min(count, 1 << 20));
        for (int i = 0; i < count; i++) {
            names.add(in.readUTF());
        }
        return names;
    }

    private static void readTable(DataInputStream in, EmbeddingTable table) throws IOException {
        for (int row = 0; row < table.rows(); row++) {
            float[] s = table.shard(row);
            int off = table.offset(row);
            for (int c = 0; c < table.dim(); c++) {
                s[off + c] = in.readFloat();
            }
        }
    }
}
