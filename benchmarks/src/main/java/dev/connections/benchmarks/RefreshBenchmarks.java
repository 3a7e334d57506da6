package dev.connections.benchmarks;

import dev.connections.api.RefreshRun;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Refreshing a generated CSV file of {@link RowsFile#ROWS} rows into the SDK's in-memory storage, against a baseline
 * that only parses the same file with commons-csv. Each operation is one whole pass over the file, seconds long, so
 * each is timed once per iteration ({@link Mode#SingleShotTime}); JMH runs each benchmark in a fresh JVM with the
 * options of the JVM that started it (e.g. {@code -Xmx2g}). Results are in {@code docs/benchmarks.md}.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
public class RefreshBenchmarks {

    /** One day in seconds: successive copies of the file get modification times this far apart. */
    private static final long DAY = 86_400;

    /**
     * The baseline: parse the file with the CSV format the connector uses (commons-csv RFC 4180, delimiter set,
     * empty lines skipped) from a buffered UTF-8 reader, and touch every value. No typing, no storage.
     */
    @Benchmark
    @Warmup(iterations = 3)
    @Measurement(iterations = 8)
    public long commonsCsvParse(ParseOnly state) throws IOException {
        CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(',').setIgnoreEmptyLines(true).get();
        long rows = 0;
        long chars = 0;
        try (Reader reader = Files.newBufferedReader(state.file, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
            for (CSVRecord record : parser) {
                for (int i = 0; i < record.size(); i++) {
                    chars += record.get(i).length();
                }
                rows++;
            }
        }
        if (rows != RowsFile.ROWS + 1) {
            throw new IllegalStateException("parsed " + rows + " records, expected a header and " + RowsFile.ROWS);
        }
        return chars;
    }

    /** A full refresh: the first refresh of a new table, so every row is typed, key-checked and stored. */
    @Benchmark
    @Warmup(iterations = 2)
    @Measurement(iterations = 6)
    public RefreshRun sdkFullRefresh(EmptyTable state) {
        return state.table.refresh("added " + RowsFile.ROWS, c -> c.added() == RowsFile.ROWS
                && c.updated() == 0 && c.removed() == 0);
    }

    /** A refresh of a loaded table whose file has not changed since: one metadata look, no parse. */
    @Benchmark
    @Warmup(iterations = 3)
    @Measurement(iterations = 10)
    public RefreshRun sdkRefreshUnchanged(LoadedTable state) {
        return state.table.refresh("nothing added, updated or removed", c -> c.added() == 0 && c.updated() == 0
                && c.removed() == 0);
    }

    /**
     * A refresh of a loaded table whose file was touched (a new modification time, the same bytes): the connector
     * hashes the file to tell, and parses nothing.
     */
    @Benchmark
    @Warmup(iterations = 2)
    @Measurement(iterations = 6)
    public RefreshRun sdkRefreshTouched(TouchedTable state) {
        return state.table.refresh("nothing added, updated or removed", c -> c.added() == 0 && c.updated() == 0
                && c.removed() == 0);
    }

    /**
     * A refresh of a loaded table after {@link RowsFile#CHANGED_ROWS} rows (1%) changed: each iteration swaps the
     * file between the original and the changed copy (untimed), so each refresh sees 1% of rows differ.
     */
    @Benchmark
    @Warmup(iterations = 1)
    @Measurement(iterations = 6)
    public RefreshRun sdkRefreshOnePercentChanged(ChangingTable state) {
        return state.table.refresh("updated " + RowsFile.CHANGED_ROWS + ", nothing added or removed",
                c -> c.updated() == RowsFile.CHANGED_ROWS && c.added() == 0 && c.removed() == 0);
    }

    /** The generated file, measured around each iteration. */
    @State(Scope.Benchmark)
    public static class ParseOnly {
        Path file;

        @Setup(Level.Trial)
        public void file() {
            file = RowsFile.original();
        }

        @Setup(Level.Iteration)
        public void begin() {
            HeapMeter.begin();
        }

        @TearDown(Level.Iteration)
        public void end() {
            HeapMeter.end();
        }
    }

    /** A new SDK and an empty table for each iteration; dropped after it, before the next one is measured. */
    @State(Scope.Benchmark)
    public static class EmptyTable {
        Path folder;
        BenchTable table;

        @Setup(Level.Trial)
        public void folder() {
            folder = RowsFile.folderWith("full", RowsFile.original(), Instant.EPOCH.plusSeconds(DAY));
        }

        @Setup(Level.Iteration)
        public void open() {
            table = new BenchTable(folder);
            HeapMeter.begin();
        }

        @TearDown(Level.Iteration)
        public void close() {
            HeapMeter.end();
            table.close();
            table = null;
        }
    }

    /** One SDK whose table is loaded once, untimed, by a full refresh. */
    @State(Scope.Benchmark)
    public static class LoadedTable {
        BenchTable table;

        @Setup(Level.Trial)
        public void load() {
            table = new BenchTable(RowsFile.folderWith("unchanged", RowsFile.original(),
                    Instant.EPOCH.plusSeconds(DAY)));
            table.refresh("added " + RowsFile.ROWS, c -> c.added() == RowsFile.ROWS);
        }

        @Setup(Level.Iteration)
        public void begin() {
            HeapMeter.begin();
        }

        @TearDown(Level.Iteration)
        public void end() {
            HeapMeter.end();
        }

        @TearDown(Level.Trial)
        public void close() {
            table.close();
        }
    }

    /** One SDK whose table is loaded once; before each iteration its file gets a new modification time. */
    @State(Scope.Benchmark)
    public static class TouchedTable {
        BenchTable table;
        Path file;
        int touches;

        @Setup(Level.Trial)
        public void load() {
            Path folder = RowsFile.folderWith("touched", RowsFile.original(), Instant.EPOCH.plusSeconds(DAY));
            file = folder.resolve(RowsFile.NAME);
            table = new BenchTable(folder);
            table.refresh("added " + RowsFile.ROWS, c -> c.added() == RowsFile.ROWS);
        }

        @Setup(Level.Iteration)
        public void touch() throws IOException {
            touches++;
            Files.setLastModifiedTime(file, FileTime.from(Instant.EPOCH.plusSeconds(DAY * (1 + touches))));
            HeapMeter.begin();
        }

        @TearDown(Level.Iteration)
        public void end() {
            HeapMeter.end();
        }

        @TearDown(Level.Trial)
        public void close() {
            table.close();
        }
    }

    /** One SDK whose table is loaded once; before each iteration its file is replaced by the other version. */
    @State(Scope.Benchmark)
    public static class ChangingTable {
        BenchTable table;
        int swaps;

        @Setup(Level.Trial)
        public void load() {
            table = new BenchTable(RowsFile.folderWith("changing", RowsFile.original(),
                    Instant.EPOCH.plusSeconds(DAY)));
            table.refresh("added " + RowsFile.ROWS, c -> c.added() == RowsFile.ROWS);
        }

        @Setup(Level.Iteration)
        public void swap() {
            swaps++;
            Path next = swaps % 2 == 1 ? RowsFile.changed() : RowsFile.original();
            RowsFile.folderWith("changing", next, Instant.EPOCH.plusSeconds(DAY * (1 + swaps)));
            HeapMeter.begin();
        }

        @TearDown(Level.Iteration)
        public void end() {
            HeapMeter.end();
        }

        @TearDown(Level.Trial)
        public void close() {
            table.close();
        }
    }
}
