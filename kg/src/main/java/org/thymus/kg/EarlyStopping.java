package org.thymus.kg;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.thymus.core.InvalidInputException;
import org.thymus.core.table.EmbeddingTable;

/**
 * Early stopping on validation MRR: every {@code evalEvery} epochs the validation triples (all, or a
 * fixed sample) are ranked, filtered, both directions; the best model so far is kept as a copy of
 * its rows, and training stops after {@code patience} evaluations in a row without a better MRR.
 * {@link #restoreBest()} then puts the best rows back, so the model that is tested and saved is the
 * one validation chose, not the last one.
 *
 * <p>Use it as (part of) the trainer's {@link KgTrainer.EpochListener}: {@link #epochDone} says
 * whether training goes on. The copy costs the model's memory once more.
 */
public final class EarlyStopping {

    /** One evaluation: the epoch and the validation figures after it. */
    public record Point(int epoch, FilteredRanking.Metrics metrics) {
    }

    private final KgModel model;
    private final Triples valid;
    private final KnownTriples known;
    private final int threads;
    private final int evalEvery;
    private final int patience;
    private final EmbeddingTable bestEntities;
    private final EmbeddingTable bestRelations;
    private final List<Point> curve = new ArrayList<>();
    private Point best;
    private int sinceBest;

    /**
     * @param valid     the triples to rank (a sample of the validation split, or all of it)
     * @param known     what the ranking filters out (train + valid + test)
     * @param evalEvery rank after every this many epochs (>= 1)
     * @param patience  stop after this many evaluations without improvement; 0 never stops (the best is still kept)
     */
    public EarlyStopping(KgModel model, Triples valid, KnownTriples known, int threads, int evalEvery, int patience) {
        if (evalEvery < 1 || patience < 0) {
            throw new IllegalArgumentException("evalEvery must be >= 1 and patience >= 0, got " + evalEvery
                    + " and " + patience);
        }
        this.model = model;
        this.valid = valid;
        this.known = known;
        this.threads = threads;
        this.evalEvery = evalEvery;
        this.patience = patience;
        this.bestEntities = new EmbeddingTable(model.entities().rows(), model.entities().dim());
        this.bestRelations = new EmbeddingTable(model.relations().rows(), model.relations().dim());
    }

    /** Ranks the validation triples when {@code epoch} is due; returns whether training goes on. */
    public boolean epochDone(int epoch) {
        if (epoch % evalEvery != 0) {
            return true;
        }
        Point point = new Point(epoch, FilteredRanking.evaluate(model, valid, known, threads).filtered());
        curve.add(point);
        if (best == null || point.metrics().mrr() > best.metrics().mrr()) {
            best = point;
            sinceBest = 0;
            copy(model.entities(), bestEntities);
            copy(model.relations(), bestRelations);
            return true;
        }
        sinceBest++;
        return patience == 0 || sinceBest < patience;
    }

    /**
     * Writes the curve so far, the best evaluation and its rows, for a checkpoint: a resumed run
     * then still keeps the best model of the whole run, not only of its own epochs.
     */
    public void writeState(DataOutput out) throws IOException {
        out.writeInt(valid.size());
        out.writeInt(curve.size());
        for (Point p : curve) {
            FilteredRanking.Metrics m = p.metrics();
            out.writeInt(p.epoch());
            out.writeDouble(m.meanRank());
            out.writeDouble(m.mrr());
            out.writeDouble(m.hits1());
            out.writeDouble(m.hits3());
            out.writeDouble(m.hits10());
            out.writeInt(m.queries());
        }
        out.writeInt(best == null ? -1 : curve.indexOf(best));
        out.writeInt(sinceBest);
        if (best != null) {
            bestEntities.writeValues(out);
            bestRelations.writeValues(out);
        }
    }

    /** Reads what {@link #writeState} wrote, for the same model and validation triples. */
    public void readState(DataInput in) throws IOException {
        int validSize = in.readInt();
        if (validSize != valid.size()) {
            throw new InvalidInputException("the checkpoint's validation ranked " + validSize + " triples, this run "
                    + valid.size() + ": resume with the same --valid-sample");
        }
        int points = in.readInt();
        curve.clear();
        for (int i = 0; i < points; i++) {
            int epoch = in.readInt();
            curve.add(new Point(epoch, new FilteredRanking.Metrics(in.readDouble(), in.readDouble(),
                    in.readDouble(), in.readDouble(), in.readDouble(), in.readInt())));
        }
        int bestIndex = in.readInt();
        if (bestIndex < -1 || bestIndex >= points) {
            throw new InvalidInputException("the checkpoint's early-stopping state is corrupt (best " + bestIndex
                    + " of " + points + " evaluations)");
        }
        best = bestIndex < 0 ? null : curve.get(bestIndex);
        sinceBest = in.readInt();
        if (best != null) {
            bestEntities.readValues(in);
            bestRelations.readValues(in);
        }
    }

    /** Puts the best evaluation's rows back into the model; does nothing if nothing was evaluated. */
    public void restoreBest() {
        if (best != null) {
            copy(bestEntities, model.entities());
            copy(bestRelations, model.relations());
        }
    }

    /** Every evaluation so far, in order. */
    public List<Point> curve() {
        return List.copyOf(curve);
    }

    /** The evaluation with the highest MRR (the first of equals), or null before any. */
    public Point best() {
        return best;
    }

    private static void copy(EmbeddingTable from, EmbeddingTable to) {
        for (int row = 0; row < from.rows(); row++) {
            System.arraycopy(from.shard(row), from.offset(row), to.shard(row), to.offset(row), from.dim());
        }
    }
}
