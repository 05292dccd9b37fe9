package org.thymus.core.sampler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.thymus.core.InvalidInputException;

class SamplerSpecTest {
    private static final Set<String> BASES = Set.of("unigram", "uniform");
    private static final Map<String, Set<String>> KNOWN = Map.of(
            "lexical", Set.of("d"), "semantic", Set.of("band", "every"));

    @Test
    void baseAlone() {
        SamplerSpec spec = SamplerSpec.parse("unigram").requireKnown(BASES, KNOWN);
        assertEquals("unigram", spec.base());
        assertTrue(spec.isBaseOnly());
    }

    @Test
    void componentsWithFractionsAndOptions() {
        SamplerSpec spec = SamplerSpec.parse("unigram+lexical:0.1+semantic:0.2:band=3-50:every=5e6")
                .requireKnown(BASES, KNOWN);
        assertEquals(2, spec.components().size());
        SamplerSpec.Component lexical = spec.components().get(0);
        assertEquals("lexical", lexical.name());
        assertEquals(0.1, lexical.fraction());
        assertEquals(1, lexical.intOption("d", 1));
        SamplerSpec.Component semantic = spec.components().get(1);
        assertArrayEquals(new int[] {3, 50}, semantic.bandOption("band", 0, 10));
        assertEquals(5_000_000L, semantic.longOption("every", 1));
        assertArrayEquals(new int[] {0, 10}, lexical.bandOption("band", 0, 10));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "lexical:0.2", "unigram+lexical", "unigram+lexical:x", "unigram+lexical:0",
        "unigram+lexical:1.5", "unigram+lexical:0.6+semantic:0.6", "unigram+lexical:0.1:d", "unigram+",
        "unigram+semantic:0.1:band=3-50:band=4-9"})
    void malformedSpecsAreClearErrors(String text) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SamplerSpec.parse(text));
        assertTrue(e.getMessage().startsWith("--negatives"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"zipf", "unigram+topological:0.2", "unigram+lexical:0.2:band=1-2"})
    void unknownNamesAndOptionsAreClearErrors(String text) {
        SamplerSpec spec = SamplerSpec.parse(text);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> spec.requireKnown(BASES, KNOWN));
        assertTrue(e.getMessage().contains("unknown"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"50-3", "3", "a-b", "-1-4", "5-5"})
    void badBandsAreClearErrors(String band) {
        SamplerSpec.Component c = SamplerSpec.parse("unigram+semantic:0.1:band=" + band).components().get(0);
        assertThrows(InvalidInputException.class, () -> c.bandOption("band", 0, 1));
    }
}
