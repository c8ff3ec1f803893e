import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import threadmark.check.Liveness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.fail;

class ShellTest {

    /** More test programs, beside Upper, Cat and CountLines. */
    private static final Map<String, String> MORE = Map.of(
            "Lines", """
                    import java.io.*;
                    import java.nio.file.*;
                    /** Lines <count> [marker]: prints "line 1" ... "line <count>", then creates the marker file. */
                    public class Lines {
                        public static void main(String[] args) throws IOException {
                            Writer out = new BufferedWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out)), 1 << 16);
                            int count = Integer.parseInt(args[0]);
                            for (int i = 1; i <= count; i++) {
                                out.write("line " + i + "\\n");
                            }
                            out.flush();
                            if (args.length > 1) {
                                Files.writeString(Path.of(args[1]), "all output written");
                            }
                        }
                    }
                    """,
            "Inspect", """
                    import java.io.*;
                    import java.nio.file.*;
                    /** Inspect <marker> <report>: notes whether the marker exists when it starts, then counts its stdin bytes. */
                    public class Inspect {
                        public static void main(String[] args) throws IOException {
                            boolean previousFinished = Files.exists(Path.of(args[0]));
                            Files.writeString(Path.of(args[1]), previousFinished ? "previous stage had finished" : "previous stage running");
                            long bytes = 0;
                            byte[] chunk = new byte[8192];
                            for (int n; (n = System.in.read(chunk)) > 0; ) {
                                bytes += n;
                            }
                            System.out.println(bytes);
                        }
                    }
                    """,
            "Fail", """
                    import java.io.*;
                    /** Reads all its input, then complains on stderr and exits with status 3 (like a tool that cannot open a file). */
                    public class Fail {
                        public static void main(String[] args) throws IOException {
                            System.in.transferTo(OutputStream.nullOutputStream());
                            System.err.println("cannot open /data/missing.csv");
                            System.exit(3);
                        }
                    }
                    """,
            "Noisy", """
                    import java.io.*;
                    /** Noisy <lines>: writes <lines> warnings to stderr (far more than a pipe holds), then copies stdin to stdout and exits 0. */
                    public class Noisy {
                        public static void main(String[] args) throws IOException {
                            PrintStream err = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.err), 1 << 16), false);
                            int count = Integer.parseInt(args[0]);
                            for (int i = 1; i <= count; i++) {
                                err.println("warning " + i + ": deprecated option, going on anyway");
                            }
                            err.flush();
                            OutputStream out = new FileOutputStream(FileDescriptor.out);
                            System.in.transferTo(out);
                            out.flush();
                        }
                    }
                    """,
            "Linger", """
                    import java.io.*;
                    /** Linger <millis>: copies stdin to stdout, closes stdout and stderr, then stays alive <millis> ms and exits 0. */
                    public class Linger {
                        public static void main(String[] args) throws Exception {
                            System.in.transferTo(System.out);
                            System.out.close();
                            System.err.close();
                            Thread.sleep(Long.parseLong(args[0]));
                        }
                    }
                    """);

    /** Far longer than a correct pipe takes here (0.3-2 s, on a busy machine): only a stuck pipe reaches it. */
    private static final Duration HANG_LIMIT = Duration.ofSeconds(15);
    /** Time a process that was just killed or told to stop gets to disappear. */
    private static final Duration EXIT_GRACE = Duration.ofSeconds(1);
    /** After a normal return every process must already have ended: this only covers the kernel's bookkeeping. */
    private static final Duration RETURN_GRACE = Duration.ofMillis(300);

    private static ShellBasicsTest.Programs programs;

    @BeforeAll
    static void compilePrograms() throws IOException {
        Map<String, String> all = new HashMap<>(ShellBasicsTest.Programs.BASIC);
        all.putAll(MORE);
        programs = ShellBasicsTest.Programs.compile(all);
    }

    @BeforeEach
    @AfterEach
    void noChildrenFromEarlierTests() {
        killChildren();
    }

    @Test
    void largeOutputDoesNotDeadlock() throws Exception {
        int lines = 400_000;
        StringBuilder expected = new StringBuilder();
        for (int i = 1; i <= lines; i++) {
            expected.append("LINE ").append(i).append('\n');
        }
        String output = call("pipe([Lines 400000] | [Upper], \"\"), whose output is 4.7 MB,", List.of(
                        programs.command("Lines", String.valueOf(lines)), programs.command("Upper")), "",
                "The last process blocks in write() once its stdout pipe (64 KB) is full, and nobody reads it: "
                        + "waitFor() before reading the output deadlocks on any output larger than the pipe. Read the "
                        + "last process's stdout to the end first (its EOF means it is done writing), then waitFor().");
        assertSameText("pipe([Lines 400000] | [Upper], \"\")", expected.toString(), output);
    }

    @Test
    void largeInputDoesNotDeadlock() throws Exception {
        StringBuilder input = new StringBuilder();
        StringBuilder expected = new StringBuilder();
        for (int i = 1; i <= 150_000; i++) {
            String line = "zeile " + i + ": größe, naïve, déjà\n";
            input.append(line);
            // Line by line: String.toUpperCase on megabytes with many ß (-> SS) is very slow.
            expected.append(line.toUpperCase(Locale.ROOT));
        }
        String text = input.toString();
        String output = call("pipe([Upper], 5.6 MB of input)", List.of(programs.command("Upper")), text,
                "Upper reads a chunk, writes it upper-cased, reads the next: once its stdout pipe (64 KB) is full it "
                        + "stops reading, so writing all the input before reading any output blocks forever. Feed "
                        + "stdin from another thread (and close it) while this thread reads the output.");
        assertSameText("pipe([Upper], 5.6 MB of input)", expected.toString(), output);
    }

    @Test
    void largeStderrDoesNotDeadlock() throws Exception {
        List<List<String>> commands = List.of(programs.command("Noisy", "50000"), programs.command("Upper"));
        String output = call("pipe([Noisy 50000] | [Upper], \"abc\\n\"), where Noisy writes 2.5 MB to stderr,", commands,
                "abc\n", "Noisy writes 2.5 MB of warnings to stderr before it reads its stdin, and exits 0. Stderr is a "
                        + "pipe too (64 KB): once it is full, Noisy blocks in write() until someone reads it. Read every "
                        + "process's stderr while it runs (on its own thread), not only after it has exited or failed.");
        assertSameText("pipe([Noisy 50000] | [Upper], \"abc\\n\")", "ABC\n", output);
    }

    @Test
    void failingCommandRaisesIOException() throws Exception {
        List<List<String>> commands = List.of(programs.command("Cat"), programs.command("Fail"), programs.command("Upper"));
        String output;
        try {
            output = call("pipe([Cat] | [Fail] | [Upper], \"a\\nb\\n\")", commands, "a\nb\n",
                    "Wait for each process once its output has been read; a failing command must not hang the pipe.");
        } catch (IOException expected) {
            String message = String.valueOf(expected.getMessage());
            String withoutStderr = message.replace("cannot open /data/missing.csv", "");
            String withoutPaths = withoutStderr.replace(programs.folder().toString(), "")
                    .replace(System.getProperty("java.home"), "");
            List<String> missing = new ArrayList<>();
            if (!Pattern.compile("\\bFail\\b").matcher(withoutStderr).find()) {
                missing.add("the failing command (" + String.join(" ", shortName(commands.get(1))) + ")");
            }
            if (!Pattern.compile("(?<!\\d)3(?!\\d)").matcher(withoutPaths).find()) {
                missing.add("its exit status (3)");
            }
            if (!message.contains("cannot open /data/missing.csv")) {
                missing.add("its stderr (\"cannot open /data/missing.csv\")");
            }
            if (!missing.isEmpty()) {
                fail("pipe([Cat] | [Fail] | [Upper]) threw an IOException, but its message \"" + clip(message)
                        + "\" does not name " + String.join(", ", missing) + ". Say which command failed, with its "
                        + "exit status and what it wrote to stderr (read each process's stderr while it runs).");
            }
            return;
        }
        fail("pipe([Cat] | [Fail] | [Upper], \"a\\nb\\n\") returned \"" + clip(output) + "\" although Fail exited with "
                + "status 3 (and wrote \"cannot open /data/missing.csv\" to stderr). Check every process's exit "
                + "status (waitFor() returns it) and throw an IOException naming the command, its status and stderr.");
    }

    @Test
    void noChildLeftAfterReturn() throws Exception {
        List<List<String>> commands = List.of(programs.command("Linger", "3000"), programs.command("Upper"));
        String output = call("pipe([Linger 3000] | [Upper], \"abc\\n\")", commands, "abc\n",
                "Linger closes its stdout at once and exits 3 s later; waiting for it should take no longer.");
        List<ProcessHandle> left = stillRunning(RETURN_GRACE);
        if (!left.isEmpty()) {
            fail("pipe([Linger 3000] | [Upper]) returned while " + describe(left) + " still running ("
                    + RETURN_GRACE.toMillis() + " ms later). Linger closed its stdout at once but runs 3 s longer: "
                    + "wait for every process (waitFor() on each one, not only the last) before returning.");
        }
        assertSameText("pipe([Linger 3000] | [Upper], \"abc\\n\")", "ABC\n", output);
    }

    @Test
    void noChildLeftAfterFailure() throws Exception {
        List<List<String>> commands = List.of(programs.command("Fail"), programs.command("Linger", "5000"));
        String ending;
        try {
            call("pipe([Fail] | [Linger 5000], \"x\\n\")", commands, "x\n",
                    "Linger stops by itself 5 s after Fail; waiting for it should take no longer.");
            ending = "returned";
        } catch (IOException expected) {
            ending = "threw " + expected.getClass().getSimpleName();
        }
        List<ProcessHandle> left = stillRunning(EXIT_GRACE);
        if (!left.isEmpty()) {
            fail("pipe([Fail] | [Linger 5000]) " + ending + " while " + describe(left) + " still running ("
                    + EXIT_GRACE.toMillis() + " ms later). When a command fails, the others must not be left behind: "
                    + "in a finally block, destroy() every process that is still alive and wait for it before the "
                    + "exception leaves pipe.");
        }
    }

    @Test
    void processesRunAtTheSameTime() throws Exception {
        Path marker = programs.folder().resolve("lines-finished");
        Path report = programs.folder().resolve("inspect-report");
        Files.deleteIfExists(marker);
        Files.deleteIfExists(report);
        List<List<String>> commands = List.of(programs.command("Lines", "100000", marker.toString()),
                programs.command("Inspect", marker.toString(), report.toString()));
        String output = call("pipe([Lines 100000] | [Inspect], \"\")", commands, "",
                "Lines writes 1.1 MB and Inspect reads it.");
        if (!Files.exists(report)) {
            fail("pipe([Lines 100000] | [Inspect]) returned \"" + clip(output) + "\" but Inspect never ran: start every command.");
        }
        String seen = Files.readString(report);
        if (seen.contains("finished")) {
            fail("Inspect (stage 2) started only after Lines (stage 1) had finished writing its 1.1 MB: the processes "
                    + "ran one after the other, with the output kept in memory between them. In a pipeline they all run "
                    + "at the same time, each reading what the previous one writes as it is written: start them all "
                    + "first (ProcessBuilder.startPipeline connects them), and only then read the output.");
        }
        assertSameText("pipe([Lines 100000] | [Inspect], \"\")", "1088895\n", output.replace("\r\n", "\n"));
    }

    // ---- helpers ----

    /** Calls pipe on another thread; a call stuck past HANG_LIMIT fails with why, and its processes are killed. */
    private static String call(String what, List<List<String>> commands, String input, String whyItHangs) throws Exception {
        try {
            return Liveness.callWithin(what, HANG_LIMIT, () -> Shell.pipe(commands, input));
        } catch (AssertionError stuck) {
            if (stuck.getMessage() == null || !stuck.getMessage().contains(what)) {
                throw stuck; // thrown by pipe itself, not a report that it is stuck
            }
            String children = describeStates(stillRunning(Duration.ZERO));
            killChildren();
            throw new AssertionError(what + " is stuck: it did not return within " + HANG_LIMIT.toSeconds()
                    + " s, where a correct pipe needs 1-2 s. " + whyItHangs
                    + (children.isEmpty() ? "" : "\nChild processes at that moment (now killed):\n" + children)
                    + "Where your code waited: " + stuck.getMessage());
        }
    }

    private static void assertSameText(String what, String expected, String actual) {
        if (expected.equals(actual)) {
            return;
        }
        if (actual == null) {
            fail(what + " returned null; expected " + expected.length() + " characters");
        }
        int at = 0;
        while (at < expected.length() && at < actual.length() && expected.charAt(at) == actual.charAt(at)) {
            at++;
        }
        fail(what + " returned " + actual.length() + " characters where " + expected.length() + " were expected; "
                + "they differ from character " + at + ": expected \"" + excerpt(expected, at) + "\" but got \""
                + excerpt(actual, at) + "\". Return the last process's whole stdout, decoded as UTF-8 once at the end "
                + "(decoding chunk by chunk can split a multi-byte character).");
    }

    private static String excerpt(String text, int at) {
        int from = Math.max(0, at - 20);
        int to = Math.min(text.length(), at + 20);
        return (from > 0 ? "..." : "") + text.substring(from, to).replace("\n", "\\n") + (to < text.length() ? "..." : "");
    }

    private static String clip(String text) {
        if (text == null) {
            return "null";
        }
        String flat = text.replace("\n", "\\n");
        return flat.length() <= 200 ? flat : flat.substring(0, 200) + "...";
    }

    /** The program and its arguments, without the java launcher and its options. */
    private static List<String> shortName(List<String> command) {
        int cp = command.indexOf("-cp");
        return cp < 0 ? command : command.subList(Math.min(command.size(), cp + 2), command.size());
    }

    private static String name(ProcessHandle process) {
        List<String> args = process.info().arguments().map(List::of).orElse(List.of());
        int cp = args.indexOf("-cp");
        List<String> program = cp < 0 ? args : args.subList(Math.min(args.size(), cp + 2), args.size());
        return (program.isEmpty() ? "a process" : String.join(" ", program)) + " (pid " + process.pid() + ")";
    }

    private static String describe(List<ProcessHandle> processes) {
        List<String> names = processes.stream().map(ShellTest::name).toList();
        return String.join(", ", names) + (names.size() == 1 ? " was" : " were");
    }

    /** Each process with what the kernel says its threads wait in ((anon_)pipe_write: blocked writing into a full pipe). */
    private static String describeStates(List<ProcessHandle> processes) {
        StringBuilder states = new StringBuilder();
        for (ProcessHandle process : processes) {
            states.append("  ").append(name(process));
            List<String> channels = waitChannels(process.pid());
            if (channels.stream().anyMatch(channel -> channel.endsWith("pipe_write"))) {
                states.append(": blocked writing to a pipe that is full (nobody reads the other end)");
            } else if (channels.stream().anyMatch(channel -> channel.endsWith("pipe_read"))) {
                states.append(": waiting to read from a pipe that is empty (its writer neither writes nor closes it)");
            } else if (channels.stream().anyMatch(channel -> channel.endsWith("pipe_wait"))) {
                states.append(": waiting on a pipe");
            }
            states.append('\n');
        }
        return states.toString();
    }

    /** What each thread of a process waits in, as Linux reports it in /proc/<pid>/task/<tid>/wchan. */
    private static List<String> waitChannels(long pid) {
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            return tasks.map(task -> {
                try {
                    return Files.readString(task.resolve("wchan")).trim();
                } catch (IOException | RuntimeException e) {
                    return "";
                }
            }).toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** Child processes of this JVM still alive after waiting up to {@code grace} for them to end. */
    private static List<ProcessHandle> stillRunning(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        List<ProcessHandle> alive = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
        while (!alive.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            alive = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
        }
        return alive;
    }

    /** Kills every child process (a stuck pipe's or a leaked one) so that later tests start clean. */
    static void killChildren() {
        List<ProcessHandle> children = ProcessHandle.current().descendants().toList();
        children.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle child : children) {
            try {
                child.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                // Nothing more can be done; the next check reports it if it matters.
            }
        }
    }
}
