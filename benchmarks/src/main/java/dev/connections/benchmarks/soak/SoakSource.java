package dev.connections.benchmarks.soak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The source the soak's tables read: one CSV file whose every version is computed from its number, so that the
 * checker knows what each version held without keeping it. Every row carries the version it came from, which lets the
 * checker tell which committed refresh a table's rows are from, and that they are all from one.
 */
final class SoakSource {

    static final String FILE = "orders.csv";
    static final List<String> ALWAYS = List.of("id", "version", "name", "amount", "qty");
    /** The field definition changes add and take away. */
    static final String TOGGLED = "note";
    /** The filter definition changes put on and take off. */
    static final String FILTER = "qty >= 25";

    private final Path folder;
    private final int rows;

    SoakSource(Path folder, int rows) {
        this.folder = folder;
        this.rows = rows;
    }

    /** Replaces the file with version {@code v}, atomically (a refresh reads the old one or the new one). */
    void write(int version) {
        Path next = folder.resolve(FILE + ".next");
        try {
            Files.createDirectories(folder);
            try (Writer out = Files.newBufferedWriter(next, StandardCharsets.UTF_8)) {
                out.write("id,version,name,amount,qty,note\n");
                for (Map.Entry<Long, Map<String, String>> row : rows(version).entrySet()) {
                    Map<String, String> r = row.getValue();
                    out.write(r.get("id") + "," + r.get("version") + "," + r.get("name") + "," + r.get("amount") + ","
                            + r.get("qty") + "," + r.get("note") + "\n");
                }
            }
            Files.move(next, folder.resolve(FILE), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the rows of version {@code v} by id, each as field name to its text */
    Map<Long, Map<String, String>> rows(int version) {
        Map<Long, Map<String, String>> all = new LinkedHashMap<>();
        for (long id = 1; id <= rows + rows / 10; id++) {
            long mix = mix(id, version);
            if (mix % 10 == 0) {
                continue; // about a tenth of the ids are missing from each version, a different tenth each time
            }
            Map<String, String> row = new LinkedHashMap<>();
            row.put("id", Long.toString(id));
            row.put("version", Integer.toString(version));
            row.put("name", "name-" + id);
            row.put("amount", Long.toString(mix % 100_000));
            row.put("qty", Long.toString((mix >>> 20) % 50));
            row.put("note", "note-" + (mix >>> 30) % 7);
            all.put(id, row);
        }
        return all;
    }

    /** Whether a row passes {@link #FILTER}. */
    static boolean passes(Map<String, String> row) {
        return Long.parseLong(row.get("qty")) >= 25;
    }

    private static long mix(long id, int version) {
        long x = id * 0x9E3779B97F4A7C15L + version * 0xC2B2AE3D27D4EB4FL;
        x ^= x >>> 31;
        x *= 0xBF58476D1CE4E5B9L;
        x ^= x >>> 29;
        return x & Long.MAX_VALUE;
    }
}
