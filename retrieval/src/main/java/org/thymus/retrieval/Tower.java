package org.thymus.retrieval;

import java.util.Locale;
import org.thymus.core.InvalidInputException;
import org.thymus.core.kernel.Kernels;
import org.thymus.core.table.EmbeddingTable;

/**
 * One tower: a bag of features becomes a vector by summing (or averaging) the features' weighted
 * rows of an embedding table, optionally followed by one dense layer {@code y = act(W h)}. The
 * dense layer starts as the identity, so a tower with it begins where one without it does.
 *
 * <p>Forward and backward passes keep no state: the caller brings the scratch (the pooled vector
 * and the layer's pre-activation) so that any number of worker threads share one tower, updating
 * its tables Hogwild-style.
 */
public final class Tower {
    private static final Kernels KERNELS = Kernels.get();

    /** How the feature rows of a bag are combined. */
    public enum Pooling {
        /** Σ w_f e_f: a bag with more features gets a longer vector. */
        SUM,
        /** Σ w_f e_f / Σ |w_f|: every bag on one scale. */
        MEAN;

        public static Pooling parse(String name) {
            try {
                return valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("unknown pooling '" + name + "': use sum or mean");
            }
        }
    }

    /** The optional dense layer after pooling. */
    public enum Dense {
        /** No layer: the tower's output is the pooled vector. */
        NONE,
        /** y = W h. */
        LINEAR,
        /** y = tanh(W h). */
        TANH,
        /** y = max(0, W h). */
        RELU;

        public static Dense parse(String name) {
            try {
                return valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("unknown dense layer '" + name + "': use none, linear, tanh or relu");
            }
        }

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final EmbeddingTable features;
    private final Pooling pooling;
    private final Dense dense;
    /** W, dim x dim, row r = output r; null without a dense layer. */
    private final EmbeddingTable weights;

    /** A tower over {@code featureRows} features of {@code dim} values, rows uniform in [-range, range). */
    public Tower(int featureRows, int dim, Pooling pooling, Dense dense, float range, long seed) {
        this(new EmbeddingTable(featureRows, dim), pooling, dense, dense == Dense.NONE ? null : identity(dim));
        features.fillUniform(seed, -range, range);
    }

    /** A tower over existing tables (a loaded model). */
    public Tower(EmbeddingTable features, Pooling pooling, Dense dense, EmbeddingTable weights) {
        if ((dense == Dense.NONE) != (weights == null)) {
            throw new IllegalArgumentException("dense " + dense + " with " + (weights == null ? "no" : "a") + " weight table");
        }
        this.features = features;
        this.pooling = pooling;
        this.dense = dense;
        this.weights = weights;
    }

    private static EmbeddingTable identity(int dim) {
        EmbeddingTable w = new EmbeddingTable(dim, dim);
        for (int i = 0; i < dim; i++) {
            w.set(i, i, 1f);
        }
        return w;
    }

    public int dim() {
        return features.dim();
    }

    public EmbeddingTable features() {
        return features;
    }

    /** The dense layer's W, or null. */
    public EmbeddingTable denseWeights() {
        return weights;
    }

    public Pooling pooling() {
        return pooling;
    }

    public Dense dense() {
        return dense;
    }

    /** 1 for sum pooling, 1 / Σ|w| for mean: what each feature's weight is multiplied by. */
    float poolingScale(FeatureBags bags, int bag) {
        if (pooling == Pooling.SUM) {
            return 1f;
        }
        float total = 0;
        for (int i = bags.start(bag); i < bags.end(bag); i++) {
            total += Math.abs(bags.weight(i));
        }
        return total > 0 ? 1f / total : 1f;
    }

    /**
     * Computes the tower's output for {@code bag} into {@code out[oOff..)}, keeping the pooled
     * vector in {@code pooled[pOff..)} (needed by {@link #backward} when there is a dense layer).
     * All three arrays hold at least {@code dim} floats from their offsets; {@code out} may be
     * {@code pooled} at the same offset when there is no dense layer.
     */
    public void forward(FeatureBags bags, int bag, float[] pooled, int pOff, float[] out, int oOff) {
        int dim = dim();
        java.util.Arrays.fill(pooled, pOff, pOff + dim, 0f);
        float scale = poolingScale(bags, bag);
        for (int i = bags.start(bag); i < bags.end(bag); i++) {
            int row = bags.row(i);
            KERNELS.axpy(scale * bags.weight(i), features.shard(row), features.offset(row), pooled, pOff, dim);
        }
        if (dense == Dense.NONE) {
            if (out != pooled || oOff != pOff) {
                System.arraycopy(pooled, pOff, out, oOff, dim);
            }
            return;
        }
        for (int r = 0; r < dim; r++) {
            float z = KERNELS.dot(weights.shard(r), weights.offset(r), pooled, pOff, dim);
            out[oOff + r] = switch (dense) {
                case TANH -> (float) Math.tanh(z);
                case RELU -> Math.max(0f, z);
                default -> z;
            };
        }
    }

    /**
     * Back-propagates d loss / d output ({@code gradOut[gOff..)}, overwritten with scratch) of the
     * bag whose forward pass left {@code pooled} and {@code out}: adds the dense layer's gradient
     * to {@code denseGradient} (dim x dim, row-major; ignored without a layer) and each feature
     * row's gradient to {@code featureGradients}. {@code scratch} holds dim floats.
     */
    public void backward(FeatureBags bags, int bag, float[] pooled, int pOff, float[] out, int oOff,
                         float[] gradOut, int gOff, float[] denseGradient, float[] scratch,
                         SparseGradients featureGradients) {
        int dim = dim();
        float[] gradPooled = gradOut;
        int gpOff = gOff;
        if (dense != Dense.NONE) {
            // dz = dy * act'(z), with act' written in terms of the output y.
            for (int r = 0; r < dim; r++) {
                float y = out[oOff + r];
                float d = switch (dense) {
                    case TANH -> 1 - y * y;
                    case RELU -> y > 0 ? 1f : 0f;
                    default -> 1f;
                };
                gradOut[gOff + r] *= d;
            }
            java.util.Arrays.fill(scratch, 0, dim, 0f);
            for (int r = 0; r < dim; r++) {
                float dz = gradOut[gOff + r];
                if (dz == 0) {
                    continue;
                }
                KERNELS.axpy(dz, pooled, pOff, denseGradient, r * dim, dim);          // dW[r] += dz_r h
                KERNELS.axpy(dz, weights.shard(r), weights.offset(r), scratch, 0, dim); // dh += dz_r W[r]
            }
            gradPooled = scratch;
            gpOff = 0;
        }
        float scale = poolingScale(bags, bag);
        for (int i = bags.start(bag); i < bags.end(bag); i++) {
            int slot = featureGradients.slot(bags.row(i));
            KERNELS.axpy(scale * bags.weight(i), gradPooled, gpOff, featureGradients.values(), slot, dim);
        }
    }
}
