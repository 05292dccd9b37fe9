package org.thymus.hyperbolic;

/** Test fixtures: the transitive closure of a complete tree. */
final class Trees {
    private Trees() {
    }

    /**
     * The closure of a complete tree with {@code branching} children per node and {@code depth}
     * levels below the root "n": node "n.2.0" is the first child of "n.2"; every node is related to
     * each of its ancestors.
     */
    static Hierarchy closure(int branching, int depth) {
        Hierarchy.Builder builder = new Hierarchy.Builder();
        builder.id("n");
        grow(builder, "n", java.util.List.of(), branching, depth);
        return builder.build();
    }

    private static void grow(Hierarchy.Builder b, String node, java.util.List<String> ancestors, int branching,
                             int depth) {
        java.util.List<String> mine = new java.util.ArrayList<>(ancestors);
        mine.add(node);
        for (String a : ancestors) {
            b.add(node, a);
        }
        if (depth == 0) {
            return;
        }
        for (int c = 0; c < branching; c++) {
            String child = node + "." + c;
            grow(b, child, mine, branching, depth - 1);
        }
    }
}
