package org.thymus.core.sampler;

import java.util.Arrays;
import java.util.function.IntSupplier;

/**
 * Goodness-of-fit tools for sampler tests: Pearson's chi-square statistic against an expected
 * distribution, and its critical value and p-value computed from the chi-square distribution
 * (regularized incomplete gamma function), not read from a table.
 *
 * <p>Typical use, with a fixed seed so that a test is deterministic:
 * <pre>{@code
 * long[] counts = Statistics.histogram(weights.length, 1_000_000, () -> sampler.sample(rng));
 * Statistics.assertFits(counts, weights, "unigram^0.75");
 * }</pre>
 *
 * <p>Categories whose expected count is under {@link #MIN_EXPECTED} are pooled with their
 * neighbours (in index order) so that the chi-square approximation holds; the pooling depends only
 * on the expected distribution, never on the observed counts. A draw of a zero-weight category makes
 * the statistic infinite: an impossible outcome must fail the test, however rare.
 */
public final class Statistics {
    /** Significance level of {@link #assertFits}: a correct sampler fails one seed in a thousand. */
    public static final double ALPHA = 0.001;
    /** Smallest expected count of a bin; smaller categories are pooled. */
    public static final double MIN_EXPECTED = 5.0;

    private Statistics() {
    }

    /** The outcome of a chi-square test: statistic, degrees of freedom and upper-tail p-value. */
    public record ChiSquare(double statistic, int df, double pValue) {
        /** The critical value at level {@code alpha}: the test rejects above it. */
        public double critical(double alpha) {
            return df == 0 ? 0 : chiSquareQuantile(df, alpha);
        }

        /** True if the observed counts are implausible under the expected distribution. */
        public boolean rejects(double alpha) {
            return statistic > critical(alpha);
        }

        @Override
        public String toString() {
            return String.format("chi2 = %.2f, df = %d, critical(p=%s) = %.2f, p-value = %.3g",
                    statistic, df, ALPHA, critical(ALPHA), pValue);
        }
    }

    /** Counts {@code draws} outcomes of {@code draw}, each in [0, categories). */
    public static long[] histogram(int categories, int draws, IntSupplier draw) {
        long[] counts = new long[categories];
        for (int i = 0; i < draws; i++) {
            counts[draw.getAsInt()]++;
        }
        return counts;
    }

    /**
     * Pearson's chi-square test of {@code observed} against probabilities proportional to
     * {@code weights} (which need not sum to one).
     */
    public static ChiSquare chiSquare(long[] observed, double[] weights) {
        if (observed.length != weights.length) {
            throw new IllegalArgumentException(
                    observed.length + " observed counts but " + weights.length + " weights");
        }
        long n = 0;
        double weightSum = 0;
        for (int i = 0; i < observed.length; i++) {
            n += observed[i];
            weightSum += weights[i];
        }
        double statistic = 0;
        int bins = 0;
        long impossible = 0;
        long binObserved = 0;
        double binExpected = 0;
        long lastObserved = 0;
        double lastExpected = 0;
        for (int i = 0; i < observed.length; i++) {
            if (weights[i] == 0) {
                impossible += observed[i];
                continue;
            }
            binObserved += observed[i];
            binExpected += n * (weights[i] / weightSum);
            if (binExpected >= MIN_EXPECTED) {
                statistic += term(binObserved, binExpected);
                bins++;
                lastObserved = binObserved;
                lastExpected = binExpected;
                binObserved = 0;
                binExpected = 0;
            }
        }
        if (binExpected > 0 || binObserved > 0) {
            if (bins == 0) {
                statistic += term(binObserved, binExpected);
                bins = 1;
            } else {
                // Too small a remainder: merge it into the last full bin.
                statistic -= term(lastObserved, lastExpected);
                statistic += term(lastObserved + binObserved, lastExpected + binExpected);
            }
        }
        if (impossible > 0) {
            statistic = Double.POSITIVE_INFINITY;
        }
        int df = Math.max(0, bins - 1);
        double p;
        if (df == 0) {
            p = impossible > 0 ? 0 : 1;
        } else {
            p = upperTail(df, statistic);
        }
        return new ChiSquare(statistic, df, p);
    }

    private static double term(long observed, double expected) {
        double d = observed - expected;
        return d * d / expected;
    }

    /** Fails unless {@code observed} fits {@code weights} at level {@link #ALPHA}. */
    public static ChiSquare assertFits(long[] observed, double[] weights, String what) {
        ChiSquare test = chiSquare(observed, weights);
        if (test.rejects(ALPHA)) {
            throw new AssertionError(what + ": draws do not fit the expected distribution: " + test);
        }
        return test;
    }

    /** Fails unless {@code observed} fits the uniform distribution over its categories. */
    public static ChiSquare assertUniform(long[] observed, String what) {
        double[] weights = new double[observed.length];
        Arrays.fill(weights, 1);
        return assertFits(observed, weights, what);
    }

    /** P(X > x) for X chi-square distributed with {@code df} degrees of freedom. */
    public static double upperTail(int df, double x) {
        if (df <= 0) {
            throw new IllegalArgumentException("df must be > 0, got " + df);
        }
        if (x <= 0) {
            return 1;
        }
        if (x == Double.POSITIVE_INFINITY) {
            return 0;
        }
        return regularizedGammaQ(df / 2.0, x / 2.0);
    }

    /**
     * The critical value x with P(X > x) = {@code alpha} for X chi-square with {@code df} degrees
     * of freedom. Bisection on the exact tail, bracketed around the Wilson–Hilferty approximation
     * (which alone is ~3 % off at df = 1 and good to a few parts in 10^4 past df = 100).
     */
    public static double chiSquareQuantile(int df, double alpha) {
        if (df <= 0) {
            throw new IllegalArgumentException("df must be > 0, got " + df);
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
        }
        double guess = wilsonHilferty(df, alpha);
        double lo = 0.5 * guess;
        double hi = 1.5 * guess + 10;
        while (upperTail(df, lo) < alpha) {
            lo *= 0.5;
        }
        while (upperTail(df, hi) > alpha) {
            hi *= 2;
        }
        for (int i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
            double mid = 0.5 * (lo + hi);
            if (upperTail(df, mid) > alpha) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    /** The Wilson–Hilferty approximation of the upper-{@code alpha} chi-square quantile. */
    public static double wilsonHilferty(int df, double alpha) {
        double z = normalUpperQuantile(alpha);
        double v = 2.0 / (9.0 * df);
        double c = 1 - v + z * Math.sqrt(v);
        return df * c * c * c;
    }

    /**
     * z with P(Z > z) = {@code p} for a standard normal Z (Acklam's rational approximation,
     * relative error below 1.2e-9).
     */
    public static double normalUpperQuantile(double p) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("p must be in (0, 1), got " + p);
        }
        return -normalQuantile(p);
    }

    private static double normalQuantile(double p) {
        final double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
        final double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                6.680131188771972e+01, -1.328068155288572e+01};
        final double[] c = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
        final double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                3.754408661907416e+00};
        double low = 0.02425;
        if (p < low) {
            double q = Math.sqrt(-2 * Math.log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                    / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        if (p > 1 - low) {
            return -normalQuantile(1 - p);
        }
        double q = p - 0.5;
        double r = q * q;
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }

    /** Q(a, x) = Γ(a, x) / Γ(a): series below x = a + 1, Lentz's continued fraction above. */
    static double regularizedGammaQ(double a, double x) {
        double logPrefix = a * Math.log(x) - x - logGamma(a);
        if (x < a + 1) {
            double term = 1 / a;
            double sum = term;
            for (int n = 1; n < 100_000; n++) {
                term *= x / (a + n);
                sum += term;
                if (Math.abs(term) < Math.abs(sum) * 1e-16) {
                    break;
                }
            }
            return Math.max(0, 1 - sum * Math.exp(logPrefix));
        }
        final double tiny = 1e-300;
        double b = x + 1 - a;
        double c = 1 / tiny;
        double d = 1 / b;
        double h = d;
        for (int n = 1; n < 100_000; n++) {
            double an = -n * (n - a);
            b += 2;
            d = an * d + b;
            if (Math.abs(d) < tiny) {
                d = tiny;
            }
            c = b + an / c;
            if (Math.abs(c) < tiny) {
                c = tiny;
            }
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1) < 1e-16) {
                break;
            }
        }
        return Math.exp(logPrefix) * h;
    }

    /** log Γ(x) for x > 0 (Lanczos, g = 7, nine coefficients; ~1e-15 relative). */
    static double logGamma(double x) {
        final double[] g = {0.99999999999980993, 676.5203681218851, -1259.1392167224028,
                771.32342877765313, -176.61502916214059, 12.507343278686905,
                -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7};
        if (x < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        }
        x -= 1;
        double sum = g[0];
        for (int i = 1; i < g.length; i++) {
            sum += g[i] / (x + i);
        }
        double t = x + 7.5;
        return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(sum);
    }
}
