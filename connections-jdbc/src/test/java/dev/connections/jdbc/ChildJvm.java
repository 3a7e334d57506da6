package dev.connections.jdbc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A JVM started from this test's class path running a main class of the test sources, and the lines it prints on
 * stdout as they come. The test waits for lines (never for time) and kills the process with
 * {@link Process#destroyForcibly()}, SIGKILL on Unix: no shutdown hook, no finally block runs in it. Published in this
 * module's test-jar for other modules' tests (connections-scheduler-db).
 */
public final class ChildJvm implements AutoCloseable {

    /** Put in the queue when stdout ends; compared by identity. */
    private static final String END = new String("end of stdout");

    /** The host settings the test JVM runs under (the parent pom's argLine), which the child gets as well. */
    private static final List<String> HOST_SETTINGS = List.of("user.timezone", "user.language", "user.country",
            "file.encoding");

    private final Process process;
    private final Path stderr;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    private ChildJvm(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        Thread reader = new Thread(() -> {
            // the child writes stdout in its default charset, which is this JVM's (passed on as file.encoding)
            try (BufferedReader out = process.inputReader(Charset.defaultCharset())) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process was killed: its stdout ends
            } finally {
                lines.add(END);
            }
        }, "child-jvm-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code java -Xmx256m -D<host settings> -cp <this JVM's class path> <main> <args>}, stderr into a file.
     * The child runs under this JVM's zone, locale and default charset, so it is the same host as the test.
     *
     * @param stderr the file for the child's stderr, shown when it does not say what the test waits for
     */
    public static ChildJvm start(Class<?> main, Path stderr, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m"));
        for (String name : HOST_SETTINGS) {
            String value = System.getProperty(name);
            if (value != null && !value.isEmpty()) {
                command.add("-D" + name + "=" + value);
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        try {
            return new ChildJvm(new ProcessBuilder(command).redirectError(stderr.toFile()).start(), stderr);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + command, e);
        }
    }

    /**
     * Waits for the first line from now on that starts with {@code mark} and whose rest matches.
     *
     * @return the rest of the line, after the mark
     * @throws AssertionError when the process ends or stays silent for the timeout first
     */
    public String await(String mark, Predicate<String> matches, String what, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("the child did not report " + what + " within " + timeout + report());
            }
            if (line == END) {
                process.waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("the child ended before it reported " + what + report());
            }
            seen.add(line);
            if (line.startsWith(mark) && matches.test(line.substring(mark.length()))) {
                return line.substring(mark.length());
            }
        }
    }

    /** Kills the process (SIGKILL) and waits until it is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the child did not die within 30 s of a kill");
        }
    }

    private String report() {
        String exit = process.isAlive() ? "still running" : "exit code " + process.exitValue();
        String err;
        try {
            // the child writes stderr in its default charset, which is this JVM's (passed on as file.encoding)
            List<String> all = Files.readAllLines(stderr, Charset.defaultCharset());
            err = String.join("\n", all.subList(Math.max(0, all.size() - 40), all.size()));
        } catch (IOException e) {
            err = "(could not read " + stderr + ": " + e + ")";
        }
        return " (" + exit + ")\nstdout:\n" + String.join("\n", seen.subList(Math.max(0, seen.size() - 20),
                seen.size())) + "\nstderr:\n" + err;
    }

    /** Kills the process if it still runs (a test that failed half-way), without waiting long for it. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
