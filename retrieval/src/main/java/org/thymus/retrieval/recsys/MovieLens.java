package org.thymus.retrieval.recsys;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.thymus.core.InvalidInputException;
import org.thymus.core.io.InputFiles;

/**
 * A MovieLens-100K directory: the item catalogue ({@code u.item}), the user catalogue
 * ({@code u.user}), the genre names ({@code u.genre}, if present) and the ratings ({@code u.data},
 * or any file of the same format such as the {@code u1.base} .. {@code u5.test} splits).
 *
 * <p>Dense ids follow the catalogues: item id k is the k-th line of {@code u.item}, user id k the
 * k-th line of {@code u.user}, so every ratings file of the directory maps onto the same ids. A
 * ratings line naming a user or item missing from its catalogue is an error. Every rating, whatever
 * its value, is one implicit interaction.
 *
 * <p>Formats: {@code u.data} is {@code user<TAB>item<TAB>rating<TAB>timestamp};
 * {@code u.item} is {@code |}-separated ISO-8859-1: id, title, release date (dd-Mon-yyyy, may be
 * empty), video release date, IMDb URL, then one 0/1 flag per genre; {@code u.user} is
 * {@code id|age|gender|occupation|zip}. Files may be gzipped. A malformed line is an
 * {@link InvalidInputException} naming the file and line.
 */
public final class MovieLens {
    /** The genres of MovieLens-100K in flag order, used when the directory has no {@code u.genre}. */
    public static final List<String> DEFAULT_GENRES = List.of("unknown", "Action", "Adventure", "Animation",
            "Children's", "Comedy", "Crime", "Documentary", "Drama", "Fantasy", "Film-Noir", "Horror", "Musical",
            "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western");

    /** The name of the leave-last-out split in {@link #split(String)}. */
    public static final String LEAVE_LAST_OUT = "leave-last-out";
    /** The validation split of leave-last-out in {@link #split(String)}. */
    public static final String LEAVE_LAST_OUT_VALIDATION = "leave-last-out-valid";

    /** A fold's validation split ({@code u1-valid}): that fold's training file, a quarter held out at random. */
    private static final String FOLD_VALIDATION_SUFFIX = "-valid";
    // A quarter of a fold's 80 % is 20 % of the data, as many held-out ratings as the fold's own
    // test has. The seed only fixes which quarter.
    private static final double FOLD_VALIDATION_FRACTION = 0.25;
    private static final long FOLD_VALIDATION_SEED = 20260;

    private static final Pattern YEAR_IN_TITLE = Pattern.compile("\\((\\d{4})\\)\\s*$");
    private static final int ITEM_FIXED_FIELDS = 5;

    /**
     * A movie and its side information.
     *
     * @param rawId       the id in the MovieLens files
     * @param title       the title, with the year in parentheses as MovieLens writes it
     * @param releaseYear year of the release date, else the year in the title, else 0 (unknown)
     * @param genres      the genre names flagged for the movie, in {@code u.genre} order (may be empty)
     */
    public record Item(int rawId, String title, int releaseYear, List<String> genres) {
    }

    /**
     * A user and their side information.
     *
     * @param rawId      the id in the MovieLens files
     * @param age        age in years
     * @param gender     "M" or "F"
     * @param occupation one of {@code u.occupation}
     * @param zipCode    the zip code as written (some are Canadian, alphanumeric)
     */
    public record User(int rawId, int age, String gender, String occupation, String zipCode) {
        /** The first three characters of the zip code (a US sectional centre): a coarse location feature. */
        public String zipPrefix() {
            return zipCode.length() <= 3 ? zipCode : zipCode.substring(0, 3);
        }
    }

    private final Path directory;
    private final List<Item> items;
    private final List<User> users;
    private final List<String> genres;
    private final Map<Integer, Integer> itemIds = new HashMap<>();
    private final Map<Integer, Integer> userIds = new HashMap<>();

    private MovieLens(Path directory, List<String> genres, List<Item> items, List<User> users) {
        this.directory = directory;
        this.genres = List.copyOf(genres);
        this.items = List.copyOf(items);
        this.users = List.copyOf(users);
        for (int i = 0; i < items.size(); i++) {
            itemIds.put(items.get(i).rawId(), i);
        }
        for (int u = 0; u < users.size(); u++) {
            userIds.put(users.get(u).rawId(), u);
        }
    }

    /** Reads the catalogues of {@code directory} ({@code u.item}, {@code u.user}, optional {@code u.genre}). */
    public static MovieLens open(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new InvalidInputException("--dataset is not a directory: " + directory);
        }
        Path genreFile = directory.resolve("u.genre");
        List<String> genres = Files.exists(genreFile) ? readGenres(genreFile) : DEFAULT_GENRES;
        List<Item> items = readItems(directory.resolve("u.item"), genres);
        List<User> users = readUsers(directory.resolve("u.user"));
        return new MovieLens(directory, genres, items, users);
    }

    public Path directory() {
        return directory;
    }

    /** The items, indexed by dense item id. */
    public List<Item> items() {
        return items;
    }

    /** The users, indexed by dense user id. */
    public List<User> users() {
        return users;
    }

    /** The genre names, in flag order. */
    public List<String> genres() {
        return genres;
    }

    public int itemCount() {
        return items.size();
    }

    public int userCount() {
        return users.size();
    }

    /** All ratings of the directory ({@code u.data}) as interactions. */
    public Interactions ratings() {
        return readRatings(directory.resolve("u.data"));
    }

    /** A ratings file in the {@code u.data} format (plain or gzip) over this directory's ids. */
    public Interactions readRatings(Path file) {
        int[][] ids = {new int[1024], new int[1024]};
        long[][] times = {new long[1024]};
        int[] size = {0};
        forEachLine(file, StandardCharsets.ISO_8859_1, (line, number) -> {
            String[] fields = line.split("\t", -1);
            if (fields.length != 4) {
                throw malformed(file, number, "expected 4 tab-separated fields (user, item, rating, timestamp), got "
                        + fields.length);
            }
            int rawUser = parseInt(fields[0], file, number, "user id");
            int rawItem = parseInt(fields[1], file, number, "item id");
            parseInt(fields[2], file, number, "rating");
            long timestamp = parseLong(fields[3], file, number, "timestamp");
            Integer user = userIds.get(rawUser);
            if (user == null) {
                throw malformed(file, number, "user " + rawUser + " is not in u.user");
            }
            Integer item = itemIds.get(rawItem);
            if (item == null) {
                throw malformed(file, number, "item " + rawItem + " is not in u.item");
            }
            int k = size[0]++;
            if (k == times[0].length) {
                ids[0] = Arrays.copyOf(ids[0], 2 * k);
                ids[1] = Arrays.copyOf(ids[1], 2 * k);
                times[0] = Arrays.copyOf(times[0], 2 * k);
            }
            ids[0][k] = user;
            ids[1][k] = item;
            times[0][k] = timestamp;
        });
        int n = size[0];
        int[] us = Arrays.copyOf(ids[0], n);
        int[] is = Arrays.copyOf(ids[1], n);
        long[] ts = Arrays.copyOf(times[0], n);
        return new Interactions(userCount(), itemCount(), us, is, ts);
    }

    /**
     * A named split of this directory: {@code leave-last-out} (of {@code u.data}, see
     * {@link RecsysSplit#leaveLastOut}); {@code leave-last-out-valid}, the same cut applied again to
     * leave-last-out's training interactions (each user's second-to-last interaction is the test
     * item, the last one is not seen at all: the split to tune on); {@code u1-valid} .. {@code u5-valid},
     * a random quarter of that fold's training file held out ({@link RecsysSplit#randomHoldOut}: the
     * folds' split to tune on, its test file never read); or a file pair {@code u1} .. {@code u5}, {@code ua}, {@code ub}
     * ({@code NAME.base} and {@code NAME.test}, plain or {@code .gz}, in the directory or its
     * {@code splits/} folder).
     */
    public RecsysSplit split(String name) {
        if (name.equals(LEAVE_LAST_OUT)) {
            return RecsysSplit.leaveLastOut(ratings());
        }
        if (name.equals(LEAVE_LAST_OUT_VALIDATION)) {
            return RecsysSplit.leaveLastOut(RecsysSplit.leaveLastOut(ratings()).training(), LEAVE_LAST_OUT_VALIDATION);
        }
        if (name.matches("u[1-5]" + FOLD_VALIDATION_SUFFIX)) {
            String fold = name.substring(0, 2);
            return RecsysSplit.randomHoldOut(readRatings(splitFile(fold + ".base")), FOLD_VALIDATION_FRACTION,
                    FOLD_VALIDATION_SEED, name);
        }
        if (!name.matches("u[1-5ab]")) {
            throw new InvalidInputException("unknown split '" + name + "': expected " + LEAVE_LAST_OUT + ", "
                    + LEAVE_LAST_OUT_VALIDATION + ", u1..u5, ua, ub or u1-valid..u5-valid");
        }
        return RecsysSplit.of(name, readRatings(splitFile(name + ".base")), readRatings(splitFile(name + ".test")));
    }


    private Path splitFile(String fileName) {
        for (Path candidate : List.of(directory.resolve(fileName), directory.resolve(fileName + ".gz"),
                directory.resolve("splits").resolve(fileName), directory.resolve("splits").resolve(fileName + ".gz"))) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new InvalidInputException("split file " + fileName + " not found in " + directory + " or its splits/ folder"
                + " (plain or .gz)");
    }

    private static List<String> readGenres(Path file) {
        List<String> names = new ArrayList<>();
        forEachLine(file, StandardCharsets.ISO_8859_1, (line, number) -> {
            String[] fields = line.split("\\|", -1);
            if (fields.length != 2) {
                throw malformed(file, number, "expected name|index, got " + fields.length + " fields");
            }
            int index = parseInt(fields[1], file, number, "genre index");
            if (index != names.size()) {
                throw malformed(file, number, "genre index " + index + " out of order (expected " + names.size() + ")");
            }
            names.add(fields[0]);
        });
        return names;
    }

    private static List<Item> readItems(Path file, List<String> genres) {
        List<Item> items = new ArrayList<>();
        Map<Integer, Integer> seen = new HashMap<>();
        forEachLine(file, StandardCharsets.ISO_8859_1, (line, number) -> {
            String[] fields = line.split("\\|", -1);
            if (fields.length != ITEM_FIXED_FIELDS + genres.size()) {
                throw malformed(file, number, "expected " + (ITEM_FIXED_FIELDS + genres.size())
                        + " |-separated fields (id, title, release date, video date, URL, " + genres.size()
                        + " genre flags), got " + fields.length);
            }
            int rawId = parseInt(fields[0], file, number, "item id");
            if (seen.put(rawId, number) != null) {
                throw malformed(file, number, "item " + rawId + " repeated (first on line " + seen.get(rawId) + ")");
            }
            List<String> flagged = new ArrayList<>();
            for (int g = 0; g < genres.size(); g++) {
                String flag = fields[ITEM_FIXED_FIELDS + g];
                if (flag.equals("1")) {
                    flagged.add(genres.get(g));
                } else if (!flag.equals("0")) {
                    throw malformed(file, number, "genre flag " + (g + 1) + " is '" + flag + "', expected 0 or 1");
                }
            }
            String title = fields[1];
            items.add(new Item(rawId, title, releaseYear(fields[2], title), List.copyOf(flagged)));
        });
        return items;
    }

    /** The year of a dd-Mon-yyyy date, else of a "(yyyy)" at the end of the title, else 0. */
    static int releaseYear(String releaseDate, String title) {
        if (releaseDate.length() >= 4 && releaseDate.substring(releaseDate.length() - 4).chars().allMatch(Character::isDigit)) {
            return Integer.parseInt(releaseDate.substring(releaseDate.length() - 4));
        }
        Matcher m = YEAR_IN_TITLE.matcher(title);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    private static List<User> readUsers(Path file) {
        List<User> users = new ArrayList<>();
        Map<Integer, Integer> seen = new HashMap<>();
        forEachLine(file, StandardCharsets.ISO_8859_1, (line, number) -> {
            String[] fields = line.split("\\|", -1);
            if (fields.length != 5) {
                throw malformed(file, number, "expected 5 |-separated fields (id, age, gender, occupation, zip), got "
                        + fields.length);
            }
            int rawId = parseInt(fields[0], file, number, "user id");
            if (seen.put(rawId, number) != null) {
                throw malformed(file, number, "user " + rawId + " repeated (first on line " + seen.get(rawId) + ")");
            }
            int age = parseInt(fields[1], file, number, "age");
            if (!fields[2].equals("M") && !fields[2].equals("F")) {
                throw malformed(file, number, "gender is '" + fields[2] + "', expected M or F");
            }
            users.add(new User(rawId, age, fields[2], fields[3], fields[4]));
        });
        return users;
    }

    private interface LineConsumer {
        void accept(String line, int number);
    }

    /** Calls {@code consumer} on every non-blank line with its 1-based number. */
    private static void forEachLine(Path file, Charset charset, LineConsumer consumer) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(InputFiles.open(file, "MovieLens file"),
                charset))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (!line.isBlank()) {
                    consumer.accept(line, number);
                }
            }
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + " (" + e.getMessage() + ")", e);
        }
    }

    private static int parseInt(String text, Path file, int line, String what) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw malformed(file, line, what + " '" + text + "' is not an integer");
        }
    }

    private static long parseLong(String text, Path file, int line, String what) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw malformed(file, line, what + " '" + text + "' is not an integer");
        }
    }

    private static InvalidInputException malformed(Path file, int line, String problem) {
        return new InvalidInputException(file + " line " + line + ": " + problem);
    }
}
