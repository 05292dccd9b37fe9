package org.thymus.kg;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.thymus.core.InvalidInputException;

/**
 * A step schedule of the learning rate: after {@code after} epochs of the run the rate becomes
 * {@code rate}, until the next step. RotatE's reference code divides its rate by 10 part-way (its
 * {@code warm_up_steps}); on FB15k-237 a drop from 0.03 to 0.01 after 130 epochs is what took the
 * validation MRR off its plateau. The rate of an epoch depends on its number alone, so a run resumed
 * from a checkpoint with the same schedule follows it where the first run stopped.
 *
 * @param steps ascending by epoch, each epoch at least 1
 */
public record RateSteps(List<Step> steps) {
    /** No steps: the initial rate throughout. */
    public static final RateSteps NONE = new RateSteps(List.of());

    /** From epoch {@code after + 1} on, the rate is {@code rate}. */
    public record Step(int after, float rate) {
        public Step {
            if (after < 1) {
                throw new InvalidInputException("a rate step comes after at least 1 epoch, got " + after);
            }
            if (!(rate > 0) || Float.isInfinite(rate)) {
                throw new InvalidInputException("a rate step's rate must be a positive number, got " + rate);
            }
        }
    }

    public RateSteps {
        steps = List.copyOf(steps);
        for (int i = 1; i < steps.size(); i++) {
            if (steps.get(i).after() <= steps.get(i - 1).after()) {
                throw new InvalidInputException("rate steps must come at ascending epochs, got "
                        + steps.get(i - 1).after() + " then " + steps.get(i).after());
            }
        }
    }

    /**
     * Parses {@code EPOCHS:RATE[,EPOCHS:RATE...]}, e.g. {@code 130:0.01}; blank is {@link #NONE}.
     */
    public static RateSteps parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return NONE;
        }
        List<Step> steps = new ArrayList<>();
        for (String part : spec.split(",")) {
            String[] fields = part.strip().split(":");
            try {
                if (fields.length == 2) {
                    steps.add(new Step(Integer.parseInt(fields[0].strip()), Float.parseFloat(fields[1].strip())));
                    continue;
                }
            } catch (NumberFormatException e) {
                // reported below, as a wrong number of fields is
            }
            throw new InvalidInputException("a rate step is EPOCHS:RATE (e.g. 130:0.01), got '" + part.strip() + "'");
        }
        return new RateSteps(steps);
    }

    /** The rate of the epoch that follows {@code epochsDone} epochs, starting from {@code initial}. */
    public float rateAfter(int epochsDone, float initial) {
        float rate = initial;
        for (Step step : steps) {
            if (epochsDone >= step.after()) {
                rate = step.rate();
            }
        }
        return rate;
    }

    /** The last epoch count a step follows (0 without steps). */
    public int lastStepEpoch() {
        return steps.isEmpty() ? 0 : steps.get(steps.size() - 1).after();
    }

    /** The form {@link #parse} reads. */
    @Override
    public String toString() {
        return steps.stream().map(s -> String.format(Locale.ROOT, "%d:%s", s.after(), s.rate()))
                .collect(Collectors.joining(","));
    }
}
