package org.thymus.core.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.thymus.core.eval.AnalogyQuestions.Question;
import org.thymus.core.eval.AnalogyQuestions.Section;
import org.thymus.core.eval.AnalogyResult.Score;
import org.thymus.core.kernel.Kernels;
import org.thymus.core.table.EmbeddingTable;
import org.thymus.core.vectors.WordVectors;

/**
 * Answers analogy questions "a is to b as c is to ?" over the most frequent words, the way
 * word2vec.c's compute-accuracy does: a question counts only if its four words are all among the
 * first {@code topN} rows, and the answer is the best of those rows other than a, b and c.
 *
 * <p>Two scores (Levy and Goldberg, 2014), with cos the cosine similarity:
 *
 * <ul>
 *   <li>3CosAdd: cos(x, b) - cos(x, a) + cos(x, c), which is the cosine of x with b - a + c;
 *   <li>3CosMul: cos'(x, b) cos'(x, c) / (cos'(x, a) + 0.001), with cos' = (cos + 1) / 2 in [0, 1].
 * </ul>
 *
 * <p>Both only need the cosines of the question words with every candidate, so these are computed
 * once a batch of questions (a small matrix product of SIMD dot products, each candidate row loaded
 * once for many words) and every question is then a cheap pass over three rows of cosines.
 */
public final class AnalogyEvaluation {
    /** How to score a candidate answer. */
    public enum Method {
        COS_ADD("3CosAdd"),
        COS_MUL("3CosMul");

        private final String label;

        Method(String label) {
            this.label = label;
        }

        /** The name used in the literature: "3CosAdd", "3CosMul". */
        public String label() {
            return label;
        }
    }

    /** compute-accuracy's default vocabulary: the 30,000 most frequent words. */
    public static final int DEFAULT_TOP_N = 30_000;
    /** Levy and Goldberg's epsilon, which keeps 3CosMul finite when cos'(x, a) is 0. */
    static final float COS_MUL_EPSILON = 1e-3f;
    /** Cosines held at once, in floats (64 MB): bounds how many question words a batch has. */
    private static final int COSINE_BUDGET = 1 << 24;
    /** Candidate rows per tile of the batch product: a tile stays in cache while words pass over it. */
    private static final int TILE_ROWS = 256;

    private final WordVectors candidates;
    private final WordLookup lookup;
    private final int cosineBudget;

    /**
     * Prepares to answer questions over the first {@code topN} rows of {@code vectors}.
     *
     * @param ignoreCase match question words to vocabulary words regardless of case
     */
    public AnalogyEvaluation(WordVectors vectors, int topN, boolean ignoreCase) {
        this(vectors, topN, ignoreCase, COSINE_BUDGET);
    }

    /** As above, holding at most about {@code cosineBudget} cosines at once (tests use small ones). */
    AnalogyEvaluation(WordVectors vectors, int topN, boolean ignoreCase, int cosineBudget) {
        if (topN < 1) {
            throw new IllegalArgumentException("topN must be >= 1, got " + topN);
        }
        this.candidates = vectors.head(topN).normalized();
        this.lookup = new WordLookup(candidates, topN, ignoreCase);
        this.cosineBudget = cosineBudget;
    }

    /** Answers every question of {@code sections} with each of {@code methods}. */
    public AnalogyResult evaluate(List<Section> sections, Set<Method> methods) {
        if (methods.isEmpty()) {
            throw new IllegalArgumentException("no method to evaluate");
        }
        List<int[]> asked = new ArrayList<>(); // rows of a, b, c, expected
        int[] sectionOfAsked = new int[sections.stream().mapToInt(s -> s.questions().size()).sum()];
        for (int s = 0; s < sections.size(); s++) {
            for (Question q : sections.get(s).questions()) {
                int[] rows = {lookup.row(q.a()), lookup.row(q.b()), lookup.row(q.c()), lookup.row(q.expected())};
                if (Arrays.stream(rows).allMatch(row -> row >= 0)) {
                    sectionOfAsked[asked.size()] = s;
                    asked.add(rows);
                }
            }
        }
        int[][] correct = new int[Method.values().length][sections.size()];
        new BatchAnswerer(methods, correct, sectionOfAsked).answerAll(asked);

        List<Score> scores = new ArrayList<>();
        int[] answered = new int[sections.size()];
        for (int i = 0; i < asked.size(); i++) {
            answered[sectionOfAsked[i]]++;
        }
        for (int s = 0; s < sections.size(); s++) {
            Map<Method, Integer> right = new EnumMap<>(Method.class);
            for (Method method : methods) {
                right.put(method, correct[method.ordinal()][s]);
            }
            Section section = sections.get(s);
            scores.add(new Score(section.name(), section.questions().size(), answered[s], right));
        }
        List<Score> semantic = new ArrayList<>();
        List<Score> syntactic = new ArrayList<>();
        for (int s = 0; s < sections.size(); s++) {
            (sections.get(s).syntactic() ? syntactic : semantic).add(scores.get(s));
        }
        return new AnalogyResult(methods, scores, Score.sum("semantic", semantic),
                Score.sum("syntactic", syntactic), Score.sum("total", scores));
    }

    /** Answers questions in batches that share one matrix of cosines. */
    private final class BatchAnswerer {
        private final boolean cosAdd;
        private final boolean cosMul;
        private final int[][] correct;
        private final int[] sectionOfAsked;
        private final int rows = candidates.size();
        private final int maxWords = Math.max(3, cosineBudget / Math.max(1, candidates.size()));
        /** The slot of a word in the batch's cosine matrix, -1 if it has none. */
        private final int[] slotOfRow = new int[rows];
        private final int[] rowOfSlot = new int[maxWords];
        private int words;

        BatchAnswerer(Set<Method> methods, int[][] correct, int[] sectionOfAsked) {
            this.cosAdd = methods.contains(Method.COS_ADD);
            this.cosMul = methods.contains(Method.COS_MUL);
            this.correct = correct;
            this.sectionOfAsked = sectionOfAsked;
            Arrays.fill(slotOfRow, -1);
        }

        void answerAll(List<int[]> asked) {
            int batchStart = 0;
            for (int i = 0; i < asked.size(); i++) {
                int[] q = asked.get(i);
                int newWords = 0;
                for (int w = 0; w < 3; w++) {
                    boolean repeated = (w > 0 && q[w] == q[0]) || (w > 1 && q[w] == q[1]);
                    if (slotOfRow[q[w]] < 0 && !repeated) {
                        newWords++;
                    }
                }
                if (words + newWords > maxWords) {
                    answer(asked, batchStart, i);
                    batchStart = i;
                }
                for (int w = 0; w < 3; w++) {
                    if (slotOfRow[q[w]] < 0) {
                        slotOfRow[q[w]] = words;
                        rowOfSlot[words++] = q[w];
                    }
                }
            }
            answer(asked, batchStart, asked.size());
        }

        /** Answers questions [from, to), whose words have slots, then frees the slots. */
        private void answer(List<int[]> asked, int from, int to) {
            float[] cosines = cosinesOfSlots();
            for (int i = from; i < to; i++) {
                int[] q = asked.get(i);
                int section = sectionOfAsked[i];
                int[] best = bestAnswers(cosines, q[0], q[1], q[2]);
                if (cosAdd && best[0] == q[3]) {
                    correct[Method.COS_ADD.ordinal()][section]++;
                }
                if (cosMul && best[1] == q[3]) {
                    correct[Method.COS_MUL.ordinal()][section]++;
                }
            }
            for (int slot = 0; slot < words; slot++) {
                slotOfRow[rowOfSlot[slot]] = -1;
            }
            words = 0;
        }

        /** cosines[slot * rows + x]: the cosine of the slot's word with candidate x. */
        private float[] cosinesOfSlots() {
            EmbeddingTable table = candidates.table();
            Kernels kernels = Kernels.get();
            int stride = table.stride();
            float[] cosines = new float[words * rows];
            for (int tileStart = 0; tileStart < rows; tileStart += TILE_ROWS) {
                int tileEnd = Math.min(rows, tileStart + TILE_ROWS);
                for (int slot = 0; slot < words; slot++) {
                    int word = rowOfSlot[slot];
                    float[] wordShard = table.shard(word);
                    int wordOff = table.offset(word);
                    for (int x = tileStart; x < tileEnd; x++) {
                        cosines[slot * rows + x] = kernels.dot(wordShard, wordOff, table.shard(x), table.offset(x), stride);
                    }
                }
            }
            return cosines;
        }

        /** The best candidate by 3CosAdd and by 3CosMul (earliest row on ties), never a, b or c. */
        private int[] bestAnswers(float[] cosines, int a, int b, int c) {
            int offA = slotOfRow[a] * rows;
            int offB = slotOfRow[b] * rows;
            int offC = slotOfRow[c] * rows;
            float bestAdd = Float.NEGATIVE_INFINITY;
            float bestMul = Float.NEGATIVE_INFINITY;
            int bestAddRow = -1;
            int bestMulRow = -1;
            for (int x = 0; x < rows; x++) {
                if (x == a || x == b || x == c) {
                    continue;
                }
                float cosA = cosines[offA + x];
                float cosB = cosines[offB + x];
                float cosC = cosines[offC + x];
                if (cosAdd) {
                    float score = cosB - cosA + cosC;
                    if (score > bestAdd) {
                        bestAdd = score;
                        bestAddRow = x;
                    }
                }
                if (cosMul) {
                    float score = shifted(cosB) * shifted(cosC) / (shifted(cosA) + COS_MUL_EPSILON);
                    if (score > bestMul) {
                        bestMul = score;
                        bestMulRow = x;
                    }
                }
            }
            return new int[] {bestAddRow, bestMulRow};
        }

        private static float shifted(float cosine) {
            return (cosine + 1) * 0.5f;
        }
    }
}
