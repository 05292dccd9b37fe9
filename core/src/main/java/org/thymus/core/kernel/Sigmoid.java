package org.thymus.core.kernel;

/**
 * Table-based logistic function and its log, as word2vec.c does it: outside
 * [-{@value #MAX_EXP}, {@value #MAX_EXP}] the logistic is saturated to 0 or 1, inside it is read
 * from a table of {@value #TABLE_SIZE} entries (error below 3e-3, far under SGD noise).
 */
public final class Sigmoid {
    public static final float MAX_EXP = 6f;
    public static final int TABLE_SIZE = 2048;
    private static final float SCALE = TABLE_SIZE / (2 * MAX_EXP);
    private static final float[] SIGMOID = new float[TABLE_SIZE + 1];
    private static final float[] LOG_SIGMOID = new float[TABLE_SIZE + 1];

    static {
        for (int i = 0; i <= TABLE_SIZE; i++) {
            double x = (i / (double) SCALE) - MAX_EXP;
            SIGMOID[i] = (float) (1.0 / (1.0 + Math.exp(-x)));
            LOG_SIGMOID[i] = (float) -Math.log1p(Math.exp(-x));
        }
    }

    private Sigmoid() {
    }

    /** The logistic function 1 / (1 + e^-x), saturated outside [-6, 6]. */
    public static float sigmoid(float x) {
        if (x >= MAX_EXP) {
            return 1f;
        }
        if (x <= -MAX_EXP) {
            return 0f;
        }
        return SIGMOID[(int) ((x + MAX_EXP) * SCALE + 0.5f)];
    }

    /** log(sigmoid(x)), linear below -6 and 0 above 6, used for reporting the loss. */
    public static float logSigmoid(float x) {
        if (x >= MAX_EXP) {
            return 0f;
        }
        if (x <= -MAX_EXP) {
            return x;
        }
        return LOG_SIGMOID[(int) ((x + MAX_EXP) * SCALE + 0.5f)];
    }
}
