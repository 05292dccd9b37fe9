package org.thymus.retrieval.falseneg;

import org.thymus.core.random.FastRandom;

/**
 * The medicine benchmark's semi-synthetic world, generated from a seed: patients in several
 * hospitals, each with one primary condition (the truth retrieval is scored on) and hidden
 * comorbidities, and a few visits per patient, each a bag of codes.
 *
 * <p>The generator (parameters in {@link Settings}):
 * <ol>
 *   <li>Codes: every condition has {@code codesPerCondition} canonical codes; every hospital has
 *       its own variant of each of them (its coding shift: a local code for the same thing);
 *       every comorbidity has {@code codesPerComorbidity} codes; every hospital has
 *       {@code adminCodesPerHospital} administrative codes of its own; {@code noiseCodes} codes are
 *       shared background.</li>
 *   <li>A patient gets a hospital (uniform) and a primary condition: with probability
 *       {@code specialtyShare} the hospital's specialty (hospital h's is condition h mod
 *       conditions), otherwise uniform over all conditions; so patients of one hospital share a
 *       condition more often than patients drawn from everywhere, and within-hospital negatives
 *       hold more false negatives. Each comorbidity is present independently with probability
 *       {@code comorbidityRate}.</li>
 *   <li>Each of the patient's {@code visitsPerPatient} visits is a bag of
 *       {@code signalCodesPerVisit} codes of the condition (each uniform among its codes, and
 *       replaced by the hospital's variant with probability {@code recodeRate}),
 *       {@code comorbidityCodesPerVisit} codes of each comorbidity the patient has,
 *       {@code adminCodesPerVisit} of the hospital's administrative codes and
 *       {@code noiseCodesPerVisit} background codes (all uniform, repeats allowed).</li>
 * </ol>
 * So the hospital is written all over a record (its administrative codes, its variants) and two
 * patients of one condition in different hospitals share only the canonical part of their codes.
 */
final class ClinicWorld {

    /** The generator's parameters; {@link #defaults()} is the benchmark's. */
    record Settings(int hospitals, int patientsPerHospital, int visitsPerPatient, int conditions,
                    double specialtyShare, int codesPerCondition, int signalCodesPerVisit, double recodeRate, int comorbidities,
                    double comorbidityRate, int codesPerComorbidity, int comorbidityCodesPerVisit,
                    int adminCodesPerHospital, int adminCodesPerVisit, int noiseCodes, int noiseCodesPerVisit) {
        Settings {
            if (hospitals < 2 || patientsPerHospital < 1 || visitsPerPatient < 2 || conditions < 2
                    || codesPerCondition < 1 || signalCodesPerVisit < 1 || comorbidities < 0 || codesPerComorbidity < 1
                    || adminCodesPerHospital < 1 || noiseCodes < 1 || comorbidityCodesPerVisit < 0
                    || adminCodesPerVisit < 0 || noiseCodesPerVisit < 0) {
                throw new IllegalArgumentException("clinic settings out of range: " + this);
            }
            if (!(recodeRate >= 0 && recodeRate <= 1) || !(comorbidityRate >= 0 && comorbidityRate <= 1)
                    || !(specialtyShare >= 0 && specialtyShare <= 1)) {
                throw new IllegalArgumentException("rates must be in [0, 1]");
            }
            if (comorbidities > 30) {
                throw new IllegalArgumentException("at most 30 comorbidities (a patient's set is a bit mask)");
            }
        }

        /** 5 hospitals of 300 patients, 3 visits each; 8 conditions (40 % specialty), 6 comorbidities. */
        static Settings defaults() {
            return new Settings(5, 300, 3, 8, 0.4, 6, 3, 0.7, 6, 0.2, 4, 2, 6, 2, 40, 5);
        }

        /** 3 hospitals of 60 patients, 4 conditions, 3 comorbidities: for tests and smoke runs. */
        static Settings small() {
            return new Settings(3, 60, 3, 4, 0.4, 4, 3, 0.7, 3, 0.2, 3, 2, 4, 2, 20, 4);
        }

        /** The specialty condition of hospital {@code h}. */
        int specialty(int h) {
            return h % conditions;
        }

        int patients() {
            return hospitals * patientsPerHospital;
        }

        int canonicalCodes() {
            return conditions * codesPerCondition;
        }

        int codes() {
            return canonicalCodes() * (1 + hospitals) + comorbidities * codesPerComorbidity
                    + hospitals * adminCodesPerHospital + noiseCodes;
        }

        int visitLength(int comorbidityCount) {
            return signalCodesPerVisit + comorbidityCount * comorbidityCodesPerVisit + adminCodesPerVisit
                    + noiseCodesPerVisit;
        }
    }

    final Settings settings;
    final int[] hospital;
    final int[] condition;
    /** Bit c set when the patient has comorbidity c. */
    final int[] comorbidityMask;
    /** Visit v's codes are {@code codes[visitStart[v] .. visitStart[v + 1])}. */
    final int[] visitStart;
    final int[] codes;
    final int[] patientOfVisit;

    private ClinicWorld(Settings settings, int[] hospital, int[] condition, int[] comorbidityMask, int[] visitStart,
                        int[] codes, int[] patientOfVisit) {
        this.settings = settings;
        this.hospital = hospital;
        this.condition = condition;
        this.comorbidityMask = comorbidityMask;
        this.visitStart = visitStart;
        this.codes = codes;
        this.patientOfVisit = patientOfVisit;
    }

    /** Generates the world of {@code seed}: the same seed and settings give the same world. */
    static ClinicWorld generate(Settings s, long seed) {
        FastRandom rng = new FastRandom(seed);
        int patients = s.patients();
        int[] hospital = new int[patients];
        int[] condition = new int[patients];
        int[] mask = new int[patients];
        long totalCodes = 0;
        for (int p = 0; p < patients; p++) {
            hospital[p] = rng.nextInt(s.hospitals());
            condition[p] = rng.nextDouble() < s.specialtyShare() ? s.specialty(hospital[p]) : rng.nextInt(s.conditions());
            for (int c = 0; c < s.comorbidities(); c++) {
                if (rng.nextDouble() < s.comorbidityRate()) {
                    mask[p] |= 1 << c;
                }
            }
            totalCodes += (long) s.visitsPerPatient() * s.visitLength(Integer.bitCount(mask[p]));
        }
        int visits = patients * s.visitsPerPatient();
        int[] visitStart = new int[visits + 1];
        int[] codes = new int[Math.toIntExact(totalCodes)];
        int[] patientOfVisit = new int[visits];
        int variantBase = s.canonicalCodes();
        int comorbidityBase = variantBase + s.hospitals() * s.canonicalCodes();
        int adminBase = comorbidityBase + s.comorbidities() * s.codesPerComorbidity();
        int noiseBase = adminBase + s.hospitals() * s.adminCodesPerHospital();
        int n = 0;
        int v = 0;
        for (int p = 0; p < patients; p++) {
            int h = hospital[p];
            for (int visit = 0; visit < s.visitsPerPatient(); visit++, v++) {
                visitStart[v] = n;
                patientOfVisit[v] = p;
                for (int i = 0; i < s.signalCodesPerVisit(); i++) {
                    int canonical = condition[p] * s.codesPerCondition() + rng.nextInt(s.codesPerCondition());
                    codes[n++] = rng.nextDouble() < s.recodeRate()
                            ? variantBase + h * s.canonicalCodes() + canonical : canonical;
                }
                for (int c = 0; c < s.comorbidities(); c++) {
                    if ((mask[p] & (1 << c)) != 0) {
                        for (int i = 0; i < s.comorbidityCodesPerVisit(); i++) {
                            codes[n++] = comorbidityBase + c * s.codesPerComorbidity() + rng.nextInt(s.codesPerComorbidity());
                        }
                    }
                }
                for (int i = 0; i < s.adminCodesPerVisit(); i++) {
                    codes[n++] = adminBase + h * s.adminCodesPerHospital() + rng.nextInt(s.adminCodesPerHospital());
                }
                for (int i = 0; i < s.noiseCodesPerVisit(); i++) {
                    codes[n++] = noiseBase + rng.nextInt(s.noiseCodes());
                }
            }
        }
        visitStart[visits] = n;
        return new ClinicWorld(s, hospital, condition, mask, visitStart, codes, patientOfVisit);
    }

    int patients() {
        return hospital.length;
    }

    int visits() {
        return patientOfVisit.length;
    }

    /** The id of the {@code i}-th visit of patient {@code p} (a patient's visits are contiguous). */
    int visit(int p, int i) {
        return p * settings.visitsPerPatient() + i;
    }

    int hospitalOfVisit(int v) {
        return hospital[patientOfVisit[v]];
    }

    /** True when the patients of visits a and b share their primary condition. */
    boolean sameCondition(int a, int b) {
        return condition[patientOfVisit[a]] == condition[patientOfVisit[b]];
    }

    /** True when the patients of visits a and b share at least one hidden comorbidity. */
    boolean shareComorbidity(int a, int b) {
        return (comorbidityMask[patientOfVisit[a]] & comorbidityMask[patientOfVisit[b]]) != 0;
    }
}
