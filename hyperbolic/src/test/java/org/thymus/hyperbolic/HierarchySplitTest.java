package org.thymus.hyperbolic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.thymus.core.InvalidInputException;

class HierarchySplitTest {
    @Test
    void holdsOutTheRequestedShareAmongNonParentEdgesOnly() {
        Hierarchy h = Trees.closure(3, 4); // 120 parent edges, 306 implied
        boolean[] basic = h.basicRelations();
        boolean[] held = HierarchySplit.heldOut(h, 0.25, 5);
        int count = 0;
        for (int r = 0; r < held.length; r++) {
            if (held[r]) {
                count++;
                assertFalse(basic[r], "a parent edge was held out");
            }
        }
        assertEquals(Math.round(0.25 * h.relationCount()), count);
        assertArrayEquals(held, HierarchySplit.heldOut(h, 0.25, 5), "seeded");
        assertFalse(java.util.Arrays.equals(held, HierarchySplit.heldOut(h, 0.25, 6)));
    }

    @Test
    void refusesMoreThanTheImpliedEdges() {
        Hierarchy h = Trees.closure(3, 4);
        assertThrows(InvalidInputException.class, () -> HierarchySplit.heldOut(h, 0.9, 1));
        assertThrows(InvalidInputException.class, () -> HierarchySplit.heldOut(h, 0, 1));
    }
}
