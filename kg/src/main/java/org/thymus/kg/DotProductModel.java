package org.thymus.kg;

import org.thymus.core.kernel.Kernels;
import org.thymus.core.table.EmbeddingTable;

/**
 * A model whose candidate score is the dot product of the query with the candidate's whole padded
 * row (DistMult, ComplEx): scoring many queries against many candidates is then one matrix product.
 */
abstract class DotProductModel extends TableModel {
    protected final Kernels kernels = Kernels.get();

    DotProductModel(int entityCount, int entityDim, int relationCount, int relationDim, float range, long seed) {
        super(entityCount, entityDim, relationCount, relationDim, range, seed);
    }

    @Override
    protected final float candidateScore(float[] q, int e) {
        EmbeddingTable entities = this.entities;
        return kernels.dot(q, 0, entities.shard(e), entities.offset(e), entities.stride());
    }

    /** The score is q · e: the query moves along the candidate's row and the row along the query. */
    @Override
    protected final void addCandidateGradient(float[] q, int e, float g, float[] gq, float[] ge, int geOff) {
        EmbeddingTable entities = this.entities;
        float[] es = entities.shard(e);
        int eo = entities.offset(e);
        kernels.axpy(g, es, eo, gq, 0, entities.dim());
        kernels.axpy(g, q, 0, ge, geOff, entities.dim());
    }

    @Override
    protected final boolean dotProductScores() {
        return true;
    }
}
