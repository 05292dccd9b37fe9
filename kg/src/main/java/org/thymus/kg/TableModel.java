package org.thymus.kg;

import org.thymus.core.table.EmbeddingTable;

/**
 * What the models share: an entity table and a relation table from core, and the lookup of the
 * three rows a gradient touches, so each model writes only its arithmetic on (array, offset) pairs.
 */
abstract class TableModel implements KgModel {
    protected final EmbeddingTable entities;
    protected final EmbeddingTable relations;

    /** Entity values uniform in [−range, range), seeded; relation rows are the model's to fill. */
    TableModel(int entityCount, int entityDim, int relationCount, int relationDim, float range, long seed) {
        this.entities = new EmbeddingTable(entityCount, entityDim);
        this.relations = new EmbeddingTable(relationCount, relationDim);
        entities.fillUniform(seed, -range, range);
    }

    @Override
    public final EmbeddingTable entities() {
        return entities;
    }

    @Override
    public final EmbeddingTable relations() {
        return relations;
    }

    @Override
    public final void addGradients(int h, int r, int t, float g, float[] gh, int ghOff, float[] gr, int grOff,
                                   float[] gt, int gtOff) {
        addGradients(entities.shard(h), entities.offset(h), relations.shard(r), relations.offset(r),
                entities.shard(t), entities.offset(t), g, gh, ghOff, gr, grOff, gt, gtOff);
    }

    /** {@link #addGradients(int, int, int, float, float[], int, float[], int, float[], int)} on resolved rows. */
    protected abstract void addGradients(float[] hs, int ho, float[] rs, int ro, float[] ts, int to, float g,
                                         float[] gh, int ghOff, float[] gr, int grOff, float[] gt, int gtOff);
}
