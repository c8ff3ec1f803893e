package threadmark.format;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Reads an exercise folder (format in exercises/README.md) and reports every way it breaks the format. */
public final class ExerciseFolderReader {

    public static final String CONFIG = "exercise.yaml";
    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern JAVA_FILE = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]{0,99}\\.java");
    private static final Pattern TEST_ID = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*#[A-Za-z_$][A-Za-z0-9_$]*");
    private static final long MAX_FILE_BYTES = 256 * 1024;
    private static final long MAX_FOLDER_BYTES = 4 * 1024 * 1024;

    /** The content hash {@link #read} would give the folder, also when its format is wrong. */
    public String fingerprint(Path folder) {
        return hash(allFiles(folder, new ArrayList<>()));
    }

    public ExerciseFolder read(Path folder) {
        String slug = folder.getFileName().toString();
        List<String> problems = new ArrayList<>();
        if (!SLUG.matcher(slug).matches()) {
            problems.add("folder name must be a slug (lower-case letters, digits, dashes): '" + slug + "'");
        }
        Map<String, byte[]> files = allFiles(folder, problems);
        if (!problems.isEmpty()) {
            throw new ExerciseFormatException(slug, problems);
        }
        ExerciseDefinition definition = definition(files.get(CONFIG), problems);
        String prompt = text(files, "prompt.md", problems);
        String promptRu = files.containsKey("prompt.ru.md") ? text(files, "prompt.ru.md", problems) : null;
        Map<String, String> starter = javaFilesUnder(files, "starter/", problems);
        Map<String, String> tests = javaFilesUnder(files, "tests/", problems);
        Map<String, Map<String, String>> solutions = new TreeMap<>();
        files.keySet().stream().filter(p -> p.startsWith("solutions/") && p.split("/").length == 3)
                .map(p -> p.split("/")[1]).distinct()
                .forEach(name -> solutions.put(name, javaFilesUnder(files, "solutions/" + name + "/", problems)));
        if (definition != null) {
            check(definition, starter, tests, solutions, problems);
            problems.addAll(PromiseCheck.problems(definition));
            problems.addAll(FeedbackTranslator.problems(definition.feedbackRu()));
            problems.addAll(PointsTableCheck.problems("prompt.md", prompt, definition, true));
            problems.addAll(PointsTableCheck.problems("prompt.ru.md", promptRu, definition, false));
            if (promptRu != null && !definition.topics().isEmpty() && definition.topicsRu().size() != definition.topics().size()) {
                problems.add("exercise.yaml: topics-ru must name the " + definition.topics().size() + " topics in "
                        + "Russian, in the same order, since the folder has a Russian prompt");
            }
            if (promptRu != null) {
                definition.tests().stream().filter(t -> t.property() != null && t.propertyRu() == null)
                        .forEach(t -> problems.add("exercise.yaml: test " + t.id() + " has a property but no "
                                + "property-ru, and the folder has a Russian prompt: Russian readers would see it in "
                                + "English"));
            }
        }
        if (!problems.isEmpty()) {
            throw new ExerciseFormatException(slug, problems);
        }
        return new ExerciseFolder(slug, definition, prompt, promptRu, starter, tests, solutions, hash(files), files);
    }

    private static Map<String, byte[]> allFiles(Path folder, List<String> problems) {
        Map<String, byte[]> files = new TreeMap<>();
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            problems.add("not a folder: " + folder);
            return files;
        }
        long total = 0;
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.toList()) {
                String relative = folder.relativize(path).toString().replace('\\', '/');
                if (Files.isSymbolicLink(path)) {
                    problems.add(relative + ": symbolic links are not allowed in an exercise");
                } else if (Files.isRegularFile(path)) {
                    long size = Files.size(path);
                    total += size;
                    if (size > MAX_FILE_BYTES) {
                        problems.add(relative + ": larger than " + MAX_FILE_BYTES / 1024 + " KB");
                    } else {
                        files.put(relative, Files.readAllBytes(path));
                    }
                }
            }
        } catch (IOException e) {
            problems.add("cannot read the folder: " + e.getMessage());
        }
        if (total > MAX_FOLDER_BYTES) {
            problems.add("the folder holds more than " + MAX_FOLDER_BYTES / (1024 * 1024) + " MB");
        }
        if (!files.containsKey(CONFIG)) {
            problems.add("missing " + CONFIG);
        }
        return files;
    }

    private static ExerciseDefinition definition(byte[] yaml, List<String> problems) {
        if (yaml == null) {
            return null;
        }
        return ExerciseYaml.parse(yaml, problems);
    }

    private static void check(ExerciseDefinition d, Map<String, String> starter, Map<String, String> tests,
                              Map<String, Map<String, String>> solutions, List<String> problems) {
        if (d.title() == null || d.title().isBlank()) {
            problems.add(CONFIG + ": 'title' is required");
        }
        if (d.files().isEmpty()) {
            problems.add(CONFIG + ": 'files' must name the Java files a student submits");
        }
        d.files().stream().filter(f -> !JAVA_FILE.matcher(f).matches())
                .forEach(f -> problems.add(CONFIG + ": '" + f + "' in 'files' is not a Java file name"));
        d.files().stream().filter(f -> !starter.containsKey(f))
                .forEach(f -> problems.add("starter/" + f + " is missing (every submitted file needs a starter)"));
        if (d.tests().isEmpty()) {
            problems.add(CONFIG + ": 'tests' must list at least one test with its points");
        }
        for (ExerciseDefinition.TestSpec test : d.tests()) {
            if (test.id() == null || !TEST_ID.matcher(test.id()).matches()) {
                problems.add(CONFIG + ": test id '" + test.id() + "' must look like TestClass#method");
            } else if (!tests.containsKey(test.className() + ".java")) {
                problems.add(CONFIG + ": test " + test.id() + " names a class with no tests/" + test.className() + ".java");
            }
            if (test.points() < 0) {
                problems.add(CONFIG + ": test " + test.id() + " has negative points");
            }
        }
        if (d.tests().stream().map(ExerciseDefinition.TestSpec::id).distinct().count() != d.tests().size()) {
            problems.add(CONFIG + ": a test id is listed twice");
        }
        if (d.maxScore() <= 0) {
            problems.add(CONFIG + ": the tests must be worth more than 0 points in total");
        }
        tests.keySet().stream().filter(d.files()::contains)
                .forEach(f -> problems.add("tests/" + f + " has the same name as a student file"));
        ExerciseDefinition.Limits limits = d.limits();
        if (limits.memoryMb() < 128 || limits.memoryMb() > 4096) {
            problems.add(CONFIG + ": limits.memory-mb must be between 128 and 4096");
        }
        if (limits.cpus() <= 0 || limits.cpus() > 64) {
            problems.add(CONFIG + ": limits.cpus must be between 0 and 64");
        }
        if (limits.timeSeconds() < 1 || limits.timeSeconds() > 600) {
            problems.add(CONFIG + ": limits.time-seconds must be between 1 and 600");
        }
        if (limits.testTimeoutSeconds() < 1 || limits.testTimeoutSeconds() > limits.timeSeconds()) {
            problems.add(CONFIG + ": limits.test-timeout-seconds must be between 1 and limits.time-seconds");
        }
        if (d.references().isEmpty()) {
            problems.add(CONFIG + ": at least one reference solution is required");
        }
        for (String reference : d.references()) {
            requireSolution(reference, d, solutions, problems);
        }
        for (ExerciseDefinition.KnownBad bad : d.knownBad()) {
            requireSolution(bad.folder(), d, solutions, problems);
            if (bad.mistake() == null || bad.mistake().isBlank()) {
                problems.add(CONFIG + ": known-bad '" + bad.folder() + "' needs a 'mistake' saying what is wrong");
            }
            if (bad.mustFail().isEmpty()) {
                problems.add(CONFIG + ": known-bad '" + bad.folder() + "' must name the tests it fails in 'must-fail'");
            }
            java.util.stream.Stream.concat(bad.mustFail().stream(), bad.mayFail().stream())
                    .filter(id -> d.tests().stream().noneMatch(t -> t.id().equals(id)))
                    .forEach(id -> problems.add(CONFIG + ": known-bad '" + bad.folder() + "' names unknown test " + id));
        }
    }

    private static void requireSolution(String name, ExerciseDefinition d, Map<String, Map<String, String>> solutions,
                                        List<String> problems) {
        Map<String, String> solution = solutions.get(name);
        if (solution == null) {
            problems.add("solutions/" + name + "/ is missing");
            return;
        }
        d.files().stream().filter(f -> !solution.containsKey(f))
                .forEach(f -> problems.add("solutions/" + name + "/" + f + " is missing"));
    }

    private static Map<String, String> javaFilesUnder(Map<String, byte[]> files, String prefix, List<String> problems) {
        Map<String, String> result = new TreeMap<>();
        files.forEach((path, bytes) -> {
            if (path.startsWith(prefix) && path.endsWith(".java")) {
                String name = path.substring(prefix.length());
                if (!JAVA_FILE.matcher(name).matches()) {
                    problems.add(path + ": Java files sit directly in " + prefix + " and are named like classes");
                }
                result.put(name, decode(path, bytes, problems));
            }
        });
        if (result.isEmpty() && (prefix.equals("starter/") || prefix.equals("tests/"))) {
            problems.add(prefix + " holds no Java files");
        }
        return result;
    }

    private static String text(Map<String, byte[]> files, String path, List<String> problems) {
        byte[] bytes = files.get(path);
        if (bytes == null) {
            problems.add("missing " + path);
            return "";
        }
        return decode(path, bytes, problems);
    }

    private static String decode(String path, byte[] bytes, List<String> problems) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            problems.add(path + ": not valid UTF-8");
            return "";
        }
    }

    private static String hash(Map<String, byte[]> files) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            files.forEach((path, bytes) -> {
                digest.update(path.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(bytes);
            });
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
