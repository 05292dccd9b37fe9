package org.thymus.retrieval.recsys;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.thymus.core.InvalidInputException;
import org.thymus.core.kernel.Kernels;
import org.thymus.core.metrics.Metrics;
import org.thymus.core.table.EmbeddingTable;
import org.thymus.retrieval.FeatureSpec;
import org.thymus.retrieval.PairData;
import org.thymus.retrieval.TwoTowerConfig;
import org.thymus.retrieval.TwoTowerModel;
import org.thymus.retrieval.TwoTowerTrainer;

/**
 * The two towers as a recommender: the user side is a bag of the user's id and demographics (and,
 * optionally, the items of the user's training history, weighted to sum to one), the item side the
 * item's id, genres and release decade (and, optionally, its title words). Each training
 * interaction is one (user, item) pair; every item of the catalogue is in the corpus, so items
 * without a training interaction still get a vector from their side features.
 */
public final class TwoTowerRecommender implements Recommender {

    /** What the user side holds. */
    public enum UserFeature { ID, AGE, GENDER, OCCUPATION, ZIP, HISTORY }

    /** What the item side holds. */
    public enum ItemFeature { ID, GENRES, YEAR, TITLE }

    private static final Kernels KERNELS = Kernels.get();
    private static final FeatureSpec USER_SPEC = FeatureSpec.parse("tokens,weights");
    private static final FeatureSpec ITEM_SPEC = FeatureSpec.tokensOnly();

    private final MovieLens movieLens;
    private final TwoTowerConfig config;
    private final Set<UserFeature> userFeatures;
    private final Set<ItemFeature> itemFeatures;
    private final boolean progress;

    /**
     * @param progress print the trainer's progress lines on standard output
     */
    public TwoTowerRecommender(MovieLens movieLens, TwoTowerConfig config, Set<UserFeature> userFeatures,
                               Set<ItemFeature> itemFeatures, boolean progress) {
        if (userFeatures.isEmpty()) {
            throw new InvalidInputException("the user side needs at least one feature");
        }
        if (itemFeatures.isEmpty()) {
            throw new InvalidInputException("the item side needs at least one feature");
        }
        this.movieLens = movieLens;
        this.config = config;
        this.userFeatures = EnumSet.copyOf(userFeatures);
        this.itemFeatures = EnumSet.copyOf(itemFeatures);
        this.progress = progress;
    }

    /** Parses a comma-separated list of feature names ("id,age,gender") into {@code type}'s constants. */
    public static <E extends Enum<E>> Set<E> parseFeatures(String list, Class<E> type, String flag) {
        Set<E> out = EnumSet.noneOf(type);
        for (String name : list.split(",")) {
            try {
                out.add(Enum.valueOf(type, name.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                List<String> names = new ArrayList<>();
                for (E c : type.getEnumConstants()) {
                    names.add(c.name().toLowerCase(Locale.ROOT));
                }
                throw new InvalidInputException(flag + ": unknown feature '" + name.trim() + "' (" + String.join(", ", names) + ")");
            }
        }
        return out;
    }

    /** The user side of {@code user}: one token a feature; history items weighted 1 / (their number). */
    String userText(int user, UserItemMatrix training) {
        MovieLens.User u = movieLens.users().get(user);
        StringBuilder s = new StringBuilder();
        if (userFeatures.contains(UserFeature.ID)) {
            s.append("u=").append(user);
        }
        if (userFeatures.contains(UserFeature.AGE)) {
            s.append(" age=").append(ageBucket(u.age()));
        }
        if (userFeatures.contains(UserFeature.GENDER)) {
            s.append(" gender=").append(u.gender());
        }
        if (userFeatures.contains(UserFeature.OCCUPATION)) {
            s.append(" occupation=").append(u.occupation());
        }
        if (userFeatures.contains(UserFeature.ZIP)) {
            s.append(" zip=").append(u.zipPrefix());
        }
        if (userFeatures.contains(UserFeature.HISTORY)) {
            int[] items = training.row(user);
            for (int item : items) {
                s.append(" h=").append(item).append(':').append(1f / items.length);
            }
        }
        return s.toString();
    }

    /** The item side of {@code item}. */
    String itemText(int item) {
        MovieLens.Item it = movieLens.items().get(item);
        StringBuilder s = new StringBuilder();
        if (itemFeatures.contains(ItemFeature.ID)) {
            s.append("i=").append(item);
        }
        if (itemFeatures.contains(ItemFeature.GENRES)) {
            for (String g : it.genres()) {
                s.append(" genre=").append(g.replace(' ', '_'));
            }
        }
        if (itemFeatures.contains(ItemFeature.YEAR)) {
            s.append(" decade=").append(it.releaseYear() == 0 ? "unknown" : String.valueOf(it.releaseYear() / 10 * 10));
        }
        if (itemFeatures.contains(ItemFeature.TITLE)) {
            String title = it.title().replaceAll("\\(\\d{4}\\)\\s*$", "").toLowerCase(Locale.ROOT);
            for (String w : title.split("[^a-z0-9]+")) {
                if (!w.isEmpty()) {
                    s.append(" title=").append(w);
                }
            }
        }
        // An item with no side feature (no genre flagged, nothing else asked) still needs a bag.
        return s.isEmpty() ? "i=" + item : s.toString().trim();
    }

    /** The MovieLens-1M age groups: under 18, 18-24, 25-34, 35-44, 45-49, 50-55, 56 and over. */
    static String ageBucket(int age) {
        if (age < 18) {
            return "under18";
        }
        int[] starts = {18, 25, 35, 45, 50, 56};
        String[] names = {"18-24", "25-34", "35-44", "45-49", "50-55", "56+"};
        String name = names[0];
        for (int i = 0; i < starts.length; i++) {
            if (age >= starts[i]) {
                name = names[i];
            }
        }
        return name;
    }

    @Override
    public Fitted fit(RecsysSplit split, Metrics report) {
        UserItemMatrix training = split.trainingMatrix();
        PairData data = new PairData();
        for (int i = 0; i < split.itemCount(); i++) {
            if (data.addItem(itemText(i)) != i) {
                throw new IllegalStateException("item " + i + " has the side of an earlier item: " + itemText(i));
            }
        }
        String[] userTexts = new String[split.userCount()];
        for (int u = 0; u < split.userCount(); u++) {
            userTexts[u] = userText(u, training);
        }
        Interactions interactions = split.training();
        for (int k = 0; k < interactions.size(); k++) {
            data.add(userTexts[interactions.user(k)], itemText(interactions.item(k)));
        }
        TwoTowerModel model = TwoTowerTrainer.newModel(data, USER_SPEC, ITEM_SPEC, 1, config);
        TwoTowerTrainer.Report r = new TwoTowerTrainer(model, data, config, null).train(progress ? System.out : null, null);
        report.put("model", "twotower").put("user_features", names(userFeatures)).put("item_features", names(itemFeatures))
                .put("negatives", config.negatives().toString()).put("guard_known", config.guardKnown())
                .put("dim", config.dim()).put("epochs", config.epochs()).put("batch", config.batch())
                .put("temperature", config.temperature()).put("learning_rate", config.learningRate())
                .put("similarity", config.similarity().label()).put("dense", config.dense().name().toLowerCase(Locale.ROOT))
                .put("seed", config.seed()).put("threads", config.threads())
                .put("epoch_losses", r.epochLosses()).put("negatives_per_query", r.negativesPerRow())
                .put("known_positives_met_per_batch", r.knownMetPerBatch()).put("masked_per_batch", r.maskedPerBatch())
                .put("hard_negatives", r.hardDrawn()).put("ann_refreshes", r.annRefreshes())
                .put("ann_mean_staleness_batches", r.meanStaleness());
        EmbeddingTable items = model.itemVectors(config.threads());
        EmbeddingTable users = new EmbeddingTable(split.userCount(), model.dim());
        float[] q = new float[model.dim()];
        for (int u = 0; u < split.userCount(); u++) {
            model.queryVector(userTexts[u], q);
            users.setRow(u, q, 0);
        }
        int dim = model.dim();
        UserItemScorer scorer = (user, scores) -> {
            float[] us = users.shard(user);
            int uo = users.offset(user);
            for (int i = 0; i < items.rows(); i++) {
                scores[i] = KERNELS.dot(us, uo, items.shard(i), items.offset(i), dim);
            }
        };
        return new Fitted(scorer, r.pairsTrained() * (long) config.epochs());
    }

    private static String names(Set<? extends Enum<?>> set) {
        List<String> out = new ArrayList<>();
        for (Enum<?> e : set) {
            out.add(e.name().toLowerCase(Locale.ROOT));
        }
        return String.join(",", out);
    }
}
