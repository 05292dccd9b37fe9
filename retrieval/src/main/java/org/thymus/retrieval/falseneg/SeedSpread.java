package org.thymus.retrieval.falseneg;

import java.util.Arrays;
import java.util.Locale;
import org.thymus.core.metrics.Metrics;

/**
 * One figure measured once per seed: its mean, sample standard deviation (n - 1), minimum and
 * maximum, over the seeds that gave a number (a NaN, a figure an arm does not have, is left out).
 */
record SeedSpread(double mean, double sd, double min, double max, double[] values) {

    static SeedSpread of(double[] values) {
        double[] finite = Arrays.stream(values).filter(Double::isFinite).toArray();
        if (finite.length == 0) {
            return new SeedSpread(Double.NaN, Double.NaN, Double.NaN, Double.NaN, values.clone());
        }
        double mean = Arrays.stream(finite).average().orElseThrow();
        double squares = 0;
        for (double v : finite) {
            squares += (v - mean) * (v - mean);
        }
        double sd = finite.length > 1 ? Math.sqrt(squares / (finite.length - 1)) : Double.NaN;
        return new SeedSpread(mean, sd, Arrays.stream(finite).min().orElseThrow(),
                Arrays.stream(finite).max().orElseThrow(), values.clone());
    }

    Metrics toMetrics() {
        return new Metrics().put("mean", mean).put("sd", sd).put("min", min).put("max", max).put("values", values);
    }

    /** "0.523 ± 0.012" (the ± part left out for one seed), "–" when there is no value. */
    String format(String pattern) {
        if (!Double.isFinite(mean)) {
            return "–";
        }
        String m = String.format(Locale.ROOT, pattern, mean);
        return Double.isFinite(sd) ? m + " ± " + String.format(Locale.ROOT, pattern, sd) : m;
    }
}
