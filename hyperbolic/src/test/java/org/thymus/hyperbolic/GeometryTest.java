package org.thymus.hyperbolic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GeometryTest {
    private static final List<Geometry> SPACES = List.of(new PoincareBall(), new EuclideanSpace());

    @Test
    void poincareDistanceFromTheCentreIsTwiceArtanhOfTheNorm() {
        PoincareBall ball = new PoincareBall();
        float[] origin = new float[3];
        for (double r : new double[] {1e-4, 0.1, 0.5, 0.9, 0.999}) {
            float[] x = {(float) (r * 0.6), (float) (r * 0.8), 0};
            double norm = Math.sqrt((double) x[0] * x[0] + (double) x[1] * x[1]);
            double expected = Math.log((1 + norm) / (1 - norm)); // 2 artanh(|x|)
            assertEquals(expected, ball.distance(origin, 0, x, 0, 3), 1e-9 * Math.max(1, expected), "r=" + r);
        }
    }

    @Test
    void poincareDistanceIsAccurateForNearbyPoints() {
        // The textbook arcosh(1 + t) = log(1 + t + sqrt((1 + t)^2 - 1)) loses every digit at t = 1e-14.
        double t = 1e-14;
        assertEquals(Math.sqrt(2 * t), PoincareBall.arcoshOnePlus(t), 1e-6 * Math.sqrt(2 * t));
    }

    @Test
    void distanceIsSymmetricAndZeroOnItself() {
        Random random = new Random(3);
        for (Geometry g : SPACES) {
            for (int trial = 0; trial < 100; trial++) {
                float[] a = point(random, 5, 0.95);
                float[] b = point(random, 5, 0.95);
                assertEquals(g.distance(a, 0, b, 0, 5), g.distance(b, 0, a, 0, 5), 1e-12, g.name());
                assertEquals(0, g.distance(a, 0, a, 0, 5), 1e-6, g.name());
            }
        }
    }

    @Test
    void pairTermsGiveExpOfMinusTheDistanceAndGradientsThatMatchFiniteDifferences() {
        Random random = new Random(7);
        int dim = 4;
        double[] terms = new double[6];
        for (Geometry g : SPACES) {
            for (int trial = 0; trial < 50; trial++) {
                float[] u = point(random, dim, 0.9);
                float[] v = point(random, dim, 0.9);
                double normU = Geometry.squaredNorm(wide(u), 0, dim);
                double closeness = g.pairTerms(wide(u), 0, normU, wide(v), 0, dim, terms, 2); // at an offset
                double d = g.distance(u, 0, v, 0, dim);
                assertEquals(Math.exp(-d), closeness, 1e-9 * closeness, g.name());
                assertEquals(Geometry.squaredNorm(wide(v), 0, dim), terms[5], 1e-15, g.name());
                double c = terms[2];
                double a = terms[3];
                double b = terms[4];
                for (int i = 0; i < dim; i++) {
                    double gu = c * (a * u[i] - v[i]);
                    double gv = c * (b * v[i] - u[i]);
                    assertEquals(numeric(g, u, v, i, true), gu, 2e-3 * Math.max(1, Math.abs(gu)), g.name());
                    assertEquals(numeric(g, u, v, i, false), gv, 2e-3 * Math.max(1, Math.abs(gv)), g.name());
                }
            }
        }
    }

    @Test
    void pairTermsOfAPointWithItselfHaveNoGradient() {
        double[] x = {0.3, -0.2};
        double[] terms = new double[4];
        double closeness = new PoincareBall().pairTerms(x, 0, Geometry.squaredNorm(x, 0, 2), x, 0, 2, terms, 0);
        assertEquals(1, closeness);
        assertArrayEquals(new double[] {0, 0, 0, Geometry.squaredNorm(x, 0, 2)}, terms);
    }

    @Test
    void poincareStepFollowsTheRescaledGradientAndStaysInsideTheBall() {
        PoincareBall ball = new PoincareBall();
        double[] x = {0.5, 0};
        double[] g = {-1, 0};
        ball.step(x, 0, 2, g, 0.1, Geometry.squaredNorm(x, 0, 2));
        // (1 - 0.25)^2 / 4 = 0.140625: the step is 0.1 x 0.140625 along +x.
        assertEquals(0.5 + 0.0140625, x[0], 1e-6);
        ball.step(x, 0, 2, new double[] {-1e6, 0}, 1.0, Geometry.squaredNorm(x, 0, 2));
        double norm = Math.hypot(x[0], x[1]);
        assertTrue(norm < 1 && norm > 0.9999, "projected to the rim, inside: " + norm);
        assertTrue(Double.isFinite(ball.distance(new float[] {(float) x[0], (float) x[1]}, 0, new float[2], 0, 2)));
    }

    @Test
    void rankingWeightsOrderPointsByTheDistance() {
        Random random = new Random(11);
        for (Geometry g : SPACES) {
            float[] u = point(random, 3, 0.99);
            float[][] xs = new float[200][];
            double[] norms = new double[200];
            for (int j = 0; j < 200; j++) {
                xs[j] = point(random, 3, 0.99);
                norms[j] = xs[j][0] * xs[j][0] + xs[j][1] * xs[j][1] + xs[j][2] * xs[j][2];
            }
            float[] w = g.rankingWeights(norms);
            for (int a = 0; a < 200; a++) {
                for (int b = 0; b < 200; b++) {
                    double da = g.distance(u, 0, xs[a], 0, 3);
                    double db = g.distance(u, 0, xs[b], 0, 3);
                    double ka = new EuclideanSpace().distance(u, 0, xs[a], 0, 3) * (w == null ? 1 : w[a]);
                    double kb = new EuclideanSpace().distance(u, 0, xs[b], 0, 3) * (w == null ? 1 : w[b]);
                    if (Math.abs(da - db) > 1e-6) {
                        assertEquals(da < db, ka < kb, g.name());
                    }
                }
            }
        }
    }

    private static double numeric(Geometry g, float[] u, float[] v, int c, boolean ofU) {
        float[] x = (ofU ? u : v).clone();
        float h = 1e-3f;
        x[c] += h;
        double plus = ofU ? g.distance(x, 0, v, 0, u.length) : g.distance(u, 0, x, 0, u.length);
        x[c] -= 2 * h;
        double minus = ofU ? g.distance(x, 0, v, 0, u.length) : g.distance(u, 0, x, 0, u.length);
        return (plus - minus) / (2 * h);
    }

    @Test
    void stepsTooSmallForAFloatAccumulateInTheTrainingPoints() {
        // Near the rim the Riemannian factor (1 - |x|^2)^2 / 4 shrinks a step below a float's
        // resolution at the coordinate (6e-8 at 0.9999): in float32 each step would round away.
        PoincareBall ball = new PoincareBall();
        double[] x = {0.9999, 0};
        double oneStep = 0.05 * Math.pow(1 - 0.9999 * 0.9999, 2) / 4; // 5e-10 along +x
        assertEquals(0.9999f, (float) (0.9999f + oneStep), "a float coordinate would not move");
        for (int s = 0; s < 1000; s++) {
            ball.step(x, 0, 2, new double[] {-1, 0}, 0.05, Geometry.squaredNorm(x, 0, 2));
        }
        assertEquals(1000 * oneStep, x[0] - 0.9999, 2e-2 * 1000 * oneStep, "1000 steps of 5e-10 add up in double");
    }

    /** A ball point's hyperboloid coordinates, through the model's own map. */
    private static double[] lift(float[] p) {
        double[] x = new double[p.length + 1];
        new LorentzModel().toTraining(p, 0, p.length, x, 0);
        return x;
    }

    @Test
    void lorentzDistanceIsTheBallsAndItsTermsAreTheInverseMetricTimesTheGradient() {
        LorentzModel lorentz = new LorentzModel();
        Random random = new Random(13);
        int dim = 4;
        double[] terms = new double[4];
        for (int trial = 0; trial < 50; trial++) {
            float[] p = point(random, dim, 0.95);
            float[] q = point(random, dim, 0.95);
            double[] u = lift(p);
            double[] v = lift(q);
            double gamma = -LorentzModel.minkowski(u, 0, v, 0, dim + 1);
            double d = Math.log(gamma + Math.sqrt(gamma * gamma - 1));
            double ball = new PoincareBall().distance(p, 0, q, 0, dim);
            assertEquals(ball, d, 1e-6 * Math.max(1, ball), "arcosh(-<u, v>) is the ball's distance");
            assertEquals(ball, lorentz.distance(p, 0, q, 0, dim), 0, "the model's points are the ball's");
            double closeness = lorentz.pairTerms(u, 0, 0, v, 0, dim + 1, terms, 0);
            assertEquals(Math.exp(-d), closeness, 1e-9 * closeness);
            // dd/du_i in the ambient coordinates, by central differences, times g_L = diag(-1, 1, ...).
            for (int i = 0; i <= dim; i++) {
                double h = 1e-6 * Math.max(1, Math.abs(u[i]));
                double[] up = u.clone();
                double[] down = u.clone();
                up[i] += h;
                down[i] -= h;
                double numeric = (arcoshOfMinusInner(up, v) - arcoshOfMinusInner(down, v)) / (2 * h);
                double riemannian = (i == 0 ? -1 : 1) * numeric;
                double fromTerms = terms[0] * (terms[1] * u[i] - v[i]);
                assertEquals(riemannian, fromTerms, 1e-4 * Math.max(1, Math.abs(riemannian)), "coordinate " + i);
            }
        }
    }

    private static double arcoshOfMinusInner(double[] u, double[] v) {
        double gamma = -LorentzModel.minkowski(u, 0, v, 0, u.length);
        return Math.log(gamma + Math.sqrt(gamma * gamma - 1));
    }

    @Test
    void lorentzStepMovesAlongTheGeodesicStaysOnTheHyperboloidAndKeepsTheBallsReach() {
        LorentzModel lorentz = new LorentzModel();
        double[] terms = new double[4];
        float[] p = {0.5f, 0.2f, -0.1f};
        float[] q = {-0.3f, 0.6f, 0.4f};
        double[] u = lift(p);
        double[] v = lift(q);
        double gamma = -LorentzModel.minkowski(u, 0, v, 0, 4);
        double before = Math.log(gamma + Math.sqrt(gamma * gamma - 1));
        lorentz.pairTerms(u, 0, 0, v, 0, 4, terms, 0);
        double[] g = new double[4];
        for (int i = 0; i < 4; i++) {
            g[i] = terms[0] * (terms[1] * u[i] - v[i]);
        }
        // The Riemannian gradient of d(., v) has unit length: a step of rate 0.1 against it moves u
        // 0.1 nearer v along the geodesic.
        lorentz.step(u, 0, 4, g, 0.1, 0);
        gamma = -LorentzModel.minkowski(u, 0, v, 0, 4);
        double after = Math.log(gamma + Math.sqrt(gamma * gamma - 1));
        assertEquals(before - 0.1, after, 1e-9);
        assertEquals(-1, LorentzModel.minkowski(u, 0, u, 0, 4), 1e-12, "on the hyperboloid");
        // A huge gradient moves the point one unit at most; pushed outwards for ever it stops at the clip.
        double[] origin = lift(new float[3]);
        double[] away = {0, -1e9, 0, 0};
        lorentz.step(origin, 0, 4, away, 1, 0);
        assertEquals(Math.cosh(1), origin[0], 1e-9);
        for (int s = 0; s < 30; s++) {
            lorentz.step(origin, 0, 4, away, 1, 0);
        }
        float[] ball = new float[3];
        lorentz.toModel(origin, 0, 3, ball, 0);
        assertEquals(1 - PoincareBall.EPSILON, Math.sqrt(ball[0] * ball[0] + ball[1] * ball[1] + ball[2] * ball[2]),
                1e-6, "held at the ball's clipping radius");
    }

    private static double[] wide(float[] x) {
        double[] w = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            w[i] = x[i];
        }
        return w;
    }

    /** A random point of norm below {@code radius}. */
    static float[] point(Random random, int dim, double radius) {
        float[] x = new float[dim];
        double norm = 0;
        for (int i = 0; i < dim; i++) {
            x[i] = (float) random.nextGaussian();
            norm += x[i] * x[i];
        }
        double r = radius * random.nextDouble() / Math.sqrt(norm);
        for (int i = 0; i < dim; i++) {
            x[i] = (float) (x[i] * r);
        }
        return x;
    }
}
