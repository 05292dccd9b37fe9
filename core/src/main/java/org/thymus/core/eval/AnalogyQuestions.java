package org.thymus.core.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.thymus.core.InvalidInputException;
import org.thymus.core.io.InputFiles;

/**
 * An analogy test set in the format of word2vec's questions-words.txt: a line {@code : name}
 * starts a section, every other line is a question {@code a b c d} ("a is to b as c is to d").
 * Sections whose name starts with {@code gram} test syntax, the others semantics.
 */
public final class AnalogyQuestions {
    /** One question: {@code expected} should be the word closest to b - a + c. */
    public record Question(String a, String b, String c, String expected) {
    }

    /** The questions under one {@code : name} line. */
    public record Section(String name, List<Question> questions) {
        public Section {
            questions = List.copyOf(questions);
        }

        /** Whether this section tests syntax (the Google set's gram1-gram9) rather than meaning. */
        public boolean syntactic() {
            return name.startsWith("gram");
        }
    }

    /** The section name for questions that come before any {@code :} line. */
    public static final String UNNAMED_SECTION = "(unnamed)";

    private AnalogyQuestions() {
    }

    /** Reads the sections of {@code file} (gzip allowed); blank lines are skipped. */
    public static List<Section> read(Path file) throws IOException {
        List<Section> sections = new ArrayList<>();
        String name = null;
        List<Question> questions = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                InputFiles.open(file, "analogy questions file"), StandardCharsets.UTF_8))) {
            String line;
            int lineNumber = 0;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                line = line.strip();
                if (line.isEmpty()) {
                    continue;
                }
                if (line.startsWith(":")) {
                    if (name != null || !questions.isEmpty()) {
                        sections.add(new Section(name == null ? UNNAMED_SECTION : name, questions));
                    }
                    name = line.substring(1).strip();
                    questions = new ArrayList<>();
                    continue;
                }
                String[] words = line.split("\\s+");
                if (words.length != 4) {
                    throw new InvalidInputException(file + ": line " + lineNumber
                            + ": expected a ': section' line or 4 words, found " + words.length + " words");
                }
                questions.add(new Question(words[0], words[1], words[2], words[3]));
            }
        }
        if (name != null || !questions.isEmpty()) {
            sections.add(new Section(name == null ? UNNAMED_SECTION : name, questions));
        }
        if (sections.stream().allMatch(s -> s.questions().isEmpty())) {
            throw new InvalidInputException(file + ": no analogy questions in this file");
        }
        return sections;
    }
}
