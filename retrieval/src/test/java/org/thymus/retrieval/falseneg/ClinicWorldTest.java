package org.thymus.retrieval.falseneg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ClinicWorldTest {
    private static final ClinicWorld.Settings SETTINGS = ClinicWorld.Settings.defaults();

    @Test
    void sameSeedGivesTheSameWorldAndAnotherSeedAnother() {
        ClinicWorld a = ClinicWorld.generate(SETTINGS, 9);
        ClinicWorld b = ClinicWorld.generate(SETTINGS, 9);
        ClinicWorld c = ClinicWorld.generate(SETTINGS, 10);
        assertArrayEquals(a.codes, b.codes);
        assertArrayEquals(a.condition, b.condition);
        assertArrayEquals(a.comorbidityMask, b.comorbidityMask);
        assertFalse(Arrays.equals(a.codes, c.codes));
    }

    @Test
    void everyVisitIsTheDocumentedBagOfCodes() {
        ClinicWorld w = ClinicWorld.generate(SETTINGS, 4);
        int canonical = SETTINGS.canonicalCodes();
        int comorbidityBase = canonical * (1 + SETTINGS.hospitals());
        int adminBase = comorbidityBase + SETTINGS.comorbidities() * SETTINGS.codesPerComorbidity();
        int noiseBase = adminBase + SETTINGS.hospitals() * SETTINGS.adminCodesPerHospital();
        long signal = 0;
        long recoded = 0;
        for (int v = 0; v < w.visits(); v++) {
            int p = w.patientOfVisit[v];
            int h = w.hospital[p];
            int from = w.visitStart[v];
            assertEquals(SETTINGS.visitLength(Integer.bitCount(w.comorbidityMask[p])), w.visitStart[v + 1] - from);
            int i = from;
            for (int s = 0; s < SETTINGS.signalCodesPerVisit(); s++, i++) {
                int code = w.codes[i];
                boolean variant = code >= canonical;
                int base = variant ? code - canonical - h * canonical : code;
                assertTrue(base >= 0 && base < canonical, "a variant is its own hospital's");
                assertEquals(w.condition[p], base / SETTINGS.codesPerCondition());
                signal++;
                recoded += variant ? 1 : 0;
            }
            for (int c = 0; c < SETTINGS.comorbidities(); c++) {
                if ((w.comorbidityMask[p] & (1 << c)) != 0) {
                    for (int s = 0; s < SETTINGS.comorbidityCodesPerVisit(); s++, i++) {
                        assertEquals(c, (w.codes[i] - comorbidityBase) / SETTINGS.codesPerComorbidity());
                    }
                }
            }
            for (int s = 0; s < SETTINGS.adminCodesPerVisit(); s++, i++) {
                assertEquals(h, (w.codes[i] - adminBase) / SETTINGS.adminCodesPerHospital());
            }
            for (int s = 0; s < SETTINGS.noiseCodesPerVisit(); s++, i++) {
                assertTrue(w.codes[i] >= noiseBase && w.codes[i] < SETTINGS.codes());
            }
        }
        GeoWorldTest.assertWithinBinomial(recoded, signal, SETTINGS.recodeRate());
    }

    @Test
    void conditionsAndComorbiditiesFollowTheDocumentedRates() {
        ClinicWorld w = ClinicWorld.generate(SETTINGS, 5);
        int specialty = 0;
        long comorbid = 0;
        for (int p = 0; p < w.patients(); p++) {
            specialty += w.condition[p] == SETTINGS.specialty(w.hospital[p]) ? 1 : 0;
            comorbid += Integer.bitCount(w.comorbidityMask[p]);
        }
        double p = SETTINGS.specialtyShare() + (1 - SETTINGS.specialtyShare()) / SETTINGS.conditions();
        GeoWorldTest.assertWithinBinomial(specialty, w.patients(), p);
        GeoWorldTest.assertWithinBinomial(comorbid, (long) w.patients() * SETTINGS.comorbidities(),
                SETTINGS.comorbidityRate());
    }
}
