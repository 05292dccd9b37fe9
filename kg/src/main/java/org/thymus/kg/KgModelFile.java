package org.thymus.kg;

import java.io.BufferedInputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UTFDataFormatException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.thymus.core.InvalidInputException;
import org.thymus.core.io.AtomicOutput;

/**
 * A trained model in one file, enough to rank and predict without the training run: the model type
 * and dim, the entity and relation names (in id order), the training triples (so that a prediction
 * can say which answers are already known), and the rows of both tables. A checkpoint is the same
 * file with the training state after the rows (the trainer's epochs and optimiser state, the early
 * stopping's curve and best rows), so {@code kg eval} ranks a checkpoint as it ranks a model and
 * {@code kg train --resume} continues from it.
 *
 * <p>Layout, big-endian ({@link DataOutputStream}): the magic {@code "THYMUS-KG"}, the format version
 * (int), the model name (UTF), dim, entity count, relation count (ints), the entity names then the
 * relation names (UTF each), the number of training triples then each as head, relation, tail
 * (ints), then every entity row and every relation row ({@code table.dim()} floats each, no padding),
 * then (version 2) one byte: 0, or 1 followed by the training state, whose layout is its writer's.
 * Version 1 files (no such byte) are still read. Written atomically (core's {@link AtomicOutput}): a
 * reader sees the old file or the whole new one, so a crash while a checkpoint is written leaves the
 * previous checkpoint.
 */
public final class KgModelFile {
    private static final String MAGIC = "THYMUS-KG";
    private static final int VERSION = 2;
    private static final int FIRST_VERSION = 1;

    private KgModelFile() {
    }

    /**
     * A model read back, with its names and training triples.
     *
     * @param trainingState where in the file the training state starts, or −1 when the file is a
     *                      model without one (read it with {@link #readTrainingState})
     */
    public record Loaded(KgModel model, int dim, List<String> entities, List<String> relations, Triples train,
                         long trainingState) {
        public boolean isCheckpoint() {
            return trainingState >= 0;
        }
    }

    /** Writes a checkpoint's training state after the model's rows. */
    @FunctionalInterface
    public interface StateWriter {
        void writeTo(DataOutput out) throws IOException;
    }

    /** Reads what a {@link StateWriter} wrote; reading past its end is a file cut short. */
    @FunctionalInterface
    public interface StateReader {
        void readFrom(DataInput in) throws IOException;
    }

    /** Writes {@code model} (built by {@link KgModels#create} with {@code dim}) with its names and training triples. */
    public static void write(Path file, KgModel model, int dim, List<String> entities, List<String> relations,
                             Triples train) throws IOException {
        write(file, model, dim, entities, relations, train, null);
    }

    /** As {@link #write}, followed by the training state {@code state} writes (null: none, a plain model). */
    public static void write(Path file, KgModel model, int dim, List<String> entities, List<String> relations,
                             Triples train, StateWriter state) throws IOException {
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
            model.entities().writeValues(out);
            model.relations().writeValues(out);
            out.writeBoolean(state != null);
            if (state != null) {
                state.writeTo(out);
            }
            out.flush();
        });
    }

    /**
     * Reads a model file (or a checkpoint, as the model it holds); a file that is not one, or is cut
     * short, is an {@link InvalidInputException}.
     */
    public static Loaded read(Path file) {
        CountingInputStream counted;
        try (DataInputStream in = new DataInputStream(counted = new CountingInputStream(
                new BufferedInputStream(Files.newInputStream(file), 1 << 16)))) {
            byte[] magic = new byte[MAGIC.length()];
            in.readFully(magic);
            if (!Arrays.equals(magic, MAGIC.getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
                throw new InvalidInputException(file + " is not a knowledge-graph model file (thymus kg train --output)");
            }
            int version = in.readInt();
            if (version < FIRST_VERSION || version > VERSION) {
                throw new InvalidInputException(file + " has model-file version " + version + ", this build reads "
                        + FIRST_VERSION + " to " + VERSION);
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
            model.entities().readValues(in);
            model.relations().readValues(in);
            long trainingState = -1;
            if (version >= 2 && in.readBoolean()) {
                trainingState = counted.count; // read on demand: a model's users need not hold it
            } else if (in.read() != -1) {
                throw new InvalidInputException(file + " has data after the model's rows");
            }
            return new Loaded(model, dim, entities, relations, new Triples(h, r, t), trainingState);
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

    /**
     * Reads the training state of the checkpoint {@code loaded} was read from with {@code reader},
     * which must consume all of it. A plain model file, or a state cut short or followed by more
     * data, is an {@link InvalidInputException}.
     */
    public static void readTrainingState(Path file, Loaded loaded, StateReader reader) {
        if (!loaded.isCheckpoint()) {
            throw new InvalidInputException(file + " is a model without training state: a checkpoint is written by "
                    + "kg train --checkpoint-every");
        }
        try (InputStream raw = Files.newInputStream(file)) {
            raw.skipNBytes(loaded.trainingState());
            DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16));
            reader.readFrom(in);
            if (in.read() != -1) {
                throw new InvalidInputException(file + " has data after its training state");
            }
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("checkpoint not found: " + file, e);
        } catch (EOFException e) {
            throw new InvalidInputException(file + " ends early: not a whole checkpoint", e);
        } catch (IOException e) {
            throw new InvalidInputException(file + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** Counts the bytes read through it, so that the reader knows where the training state starts. */
    private static final class CountingInputStream extends FilterInputStream {
        long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }
}
