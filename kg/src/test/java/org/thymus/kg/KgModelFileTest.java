package org.thymus.kg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thymus.core.InvalidInputException;

class KgModelFileTest {
    @TempDir
    Path dir;

    @Test
    void everyModelRoundTripsWithItsNamesTriplesAndScores() throws IOException {
        List<String> entities = List.of("a", "b", "c", "d", "é");
        List<String> relations = List.of("r0", "r1");
        Triples train = KnownTriplesTest.triples(0, 1, 2, 3, 0, 4);
        for (String name : List.of("transe", "transe-l2", "distmult", "complex", "rotate")) {
            KgModel model = KgModels.create(name, 5, 2, 7, 0.5f, 3);
            Path file = dir.resolve(name + ".model");
            KgModelFile.write(file, model, 7, entities, relations, train);
            KgModelFile.Loaded back = KgModelFile.read(file);
            assertEquals(model.name(), back.model().name());
            assertEquals(7, back.dim());
            assertEquals(entities, back.entities());
            assertEquals(relations, back.relations());
            assertTrue(Arrays.equals(train.heads(), back.train().heads())
                    && Arrays.equals(train.relations(), back.train().relations())
                    && Arrays.equals(train.tails(), back.train().tails()));
            for (int h = 0; h < 5; h++) {
                for (int t = 0; t < 5; t++) {
                    assertEquals(model.score(h, 1, t), back.model().score(h, 1, t), name);
                }
            }
        }
    }

    @Test
    void aFileThatIsNotAWholeModelIsBadInput() throws IOException {
        Path file = dir.resolve("m.model");
        KgModelFile.write(file, KgModels.create("distmult", 3, 1, 4, 0.5f, 1), 4, List.of("a", "b", "c"),
                List.of("r"), KnownTriplesTest.triples(0, 0, 1));
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(whole, whole.length - 3));
        InvalidInputException cut = assertThrows(InvalidInputException.class, () -> KgModelFile.read(file));
        assertTrue(cut.getMessage().contains("ends early"), cut.getMessage());
        Files.writeString(file, "a\tr\tb\n");
        assertThrows(InvalidInputException.class, () -> KgModelFile.read(file));
        assertThrows(InvalidInputException.class, () -> KgModelFile.read(dir.resolve("missing.model")));
    }

    @Test
    void aCheckpointIsAModelWhoseTrainingStateReadsBackWhole() throws IOException {
        KgModel model = KgModels.create("rotate", 3, 1, 4, 0.5f, 1);
        Path file = dir.resolve("m.checkpoint");
        KgModelFile.write(file, model, 4, List.of("a", "b", "c"), List.of("r"), KnownTriplesTest.triples(0, 0, 1),
                out -> {
                    out.writeInt(7);
                    out.writeUTF("state");
                });
        KgModelFile.Loaded back = KgModelFile.read(file);
        assertTrue(back.isCheckpoint());
        assertEquals(model.score(0, 0, 2), back.model().score(0, 0, 2), "the rows read as a model's");
        KgModelFile.readTrainingState(file, back, in -> {
            assertEquals(7, in.readInt());
            assertEquals("state", in.readUTF());
        });
        InvalidInputException unread = assertThrows(InvalidInputException.class,
                () -> KgModelFile.readTrainingState(file, back, in -> in.readInt()));
        assertTrue(unread.getMessage().contains("data after its training state"), unread.getMessage());
        InvalidInputException beyond = assertThrows(InvalidInputException.class,
                () -> KgModelFile.readTrainingState(file, back, in -> in.readFully(new byte[64])));
        assertTrue(beyond.getMessage().contains("ends early"), beyond.getMessage());

        Path plain = dir.resolve("m.model");
        KgModelFile.write(plain, model, 4, List.of("a", "b", "c"), List.of("r"), KnownTriplesTest.triples(0, 0, 1));
        KgModelFile.Loaded plainBack = KgModelFile.read(plain);
        assertTrue(!plainBack.isCheckpoint());
        InvalidInputException none = assertThrows(InvalidInputException.class,
                () -> KgModelFile.readTrainingState(plain, plainBack, in -> in.readInt()));
        assertTrue(none.getMessage().contains("without training state"), none.getMessage());
    }

    /** Files written before checkpoints (version 1: no state byte after the rows) still read. */
    @Test
    void aVersionOneModelStillReads() throws IOException {
        KgModel model = KgModels.create("distmult", 3, 1, 4, 0.5f, 1);
        Path file = dir.resolve("v1.model");
        KgModelFile.write(file, model, 4, List.of("a", "b", "c"), List.of("r"), KnownTriplesTest.triples(0, 0, 1));
        byte[] v2 = Files.readAllBytes(file);
        byte[] v1 = Arrays.copyOf(v2, v2.length - 1);
        v1["THYMUS-KG".length() + 3] = 1; // the version int's low byte
        Files.write(file, v1);
        KgModelFile.Loaded back = KgModelFile.read(file);
        assertTrue(!back.isCheckpoint());
        assertEquals(model.score(0, 0, 2), back.model().score(0, 0, 2));
        v1["THYMUS-KG".length() + 3] = 9;
        Files.write(file, v1);
        InvalidInputException future = assertThrows(InvalidInputException.class, () -> KgModelFile.read(file));
        assertTrue(future.getMessage().contains("version 9"), future.getMessage());
    }

    @Test
    void predictionsAreBestFirstAndMarkOrSkipKnownTriples() {
        // DistMult in one dimension: score(h, r, t) = h·r·t, so with h·r > 0 the tails rank by value.
        DistMult m = new DistMult(4, 1, 1, 0.5f, 1);
        float[] values = {0.5f, -1f, 2f, 1f};
        for (int e = 0; e < 4; e++) {
            m.entities().set(e, 0, values[e]);
        }
        m.relations().set(0, 0, 1f);
        KnownTriples known = new KnownTriples(4, 1, KnownTriplesTest.triples(0, 0, 2));
        List<LinkPrediction.Answer> top = LinkPrediction.top(m, known, 0, 0, true, 3, false);
        assertEquals(List.of(2, 3, 0), top.stream().map(LinkPrediction.Answer::entity).toList());
        assertEquals(List.of(true, false, false), top.stream().map(LinkPrediction.Answer::known).toList());
        assertEquals(1f, top.get(0).score(), 1e-6);
        List<LinkPrediction.Answer> unknown = LinkPrediction.top(m, known, 0, 0, true, 3, true);
        assertEquals(List.of(3, 0, 1), unknown.stream().map(LinkPrediction.Answer::entity).toList());
        List<LinkPrediction.Answer> heads = LinkPrediction.top(m, known, 2, 0, false, 1, false);
        assertEquals(2, heads.get(0).entity()); // 2·1·2 = 4 is the largest
    }
}
