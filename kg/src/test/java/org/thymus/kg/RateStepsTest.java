package org.thymus.kg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.thymus.core.InvalidInputException;

class RateStepsTest {

    @Test
    void eachEpochGetsTheRateOfTheLastStepBeforeIt() {
        RateSteps steps = RateSteps.parse("130:0.01, 150:0.003");
        assertEquals(0.03f, steps.rateAfter(0, 0.03f));
        assertEquals(0.03f, steps.rateAfter(129, 0.03f), "epoch 130 still runs at the initial rate");
        assertEquals(0.01f, steps.rateAfter(130, 0.03f), "epoch 131 is the first at 0.01");
        assertEquals(0.01f, steps.rateAfter(149, 0.03f));
        assertEquals(0.003f, steps.rateAfter(150, 0.03f));
        assertEquals(0.003f, steps.rateAfter(1_000, 0.03f));
        assertEquals(150, steps.lastStepEpoch());
        assertEquals("130:0.01,150:0.003", steps.toString());
        assertEquals(steps, RateSteps.parse(steps.toString()), "toString is what parse reads");
    }

    @Test
    void noStepsKeepTheInitialRate() {
        assertEquals(RateSteps.NONE, RateSteps.parse(null));
        assertEquals(RateSteps.NONE, RateSteps.parse(" "));
        assertEquals(0.1f, RateSteps.NONE.rateAfter(7, 0.1f));
        assertEquals("", RateSteps.NONE.toString());
    }

    @Test
    void badSchedulesSayWhatIsWrong() {
        assertTrue(assertThrows(InvalidInputException.class, () -> RateSteps.parse("130-0.01")).getMessage()
                .contains("EPOCHS:RATE"));
        assertTrue(assertThrows(InvalidInputException.class, () -> RateSteps.parse("x:0.01")).getMessage()
                .contains("EPOCHS:RATE"));
        assertTrue(assertThrows(InvalidInputException.class, () -> RateSteps.parse("0:0.01")).getMessage()
                .contains("at least 1 epoch"));
        assertTrue(assertThrows(InvalidInputException.class, () -> RateSteps.parse("5:-1")).getMessage()
                .contains("positive"));
        assertTrue(assertThrows(InvalidInputException.class, () -> RateSteps.parse("5:0.01,5:0.001")).getMessage()
                .contains("ascending"));
        KgTrainingConfig config = new KgTrainingConfig(10, 4, 0.1f, 6f, 1f, Corruption.UNIFORM, false, 1, 1);
        assertTrue(assertThrows(InvalidInputException.class,
                () -> config.withRateSteps(RateSteps.parse("10:0.01"))).getMessage().contains("never reached"));
        assertEquals(0.01f, config.withRateSteps(RateSteps.parse("9:0.01")).learningRateAfter(9));
    }
}
