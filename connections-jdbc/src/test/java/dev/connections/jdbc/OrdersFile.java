package dev.connections.jdbc;

import dev.connections.api.RefreshCounts;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * A generated {@code orders.csv} of a given size in two versions, and what a table holding either version looks like,
 * so that a test can tell "exactly as before" from "exactly as after" without keeping the rows in the heap.
 *
 * <p>Version 1 has ids 1..rows. Version 2 removes every id with {@code id % 50 == 7} (2%), changes amount and status
 * of every id with {@code id % 100 == 3} (1%) and adds {@code rows / 100} new ids after the last. Every value is a
 * function of the id and the version. Columns, as the csv connector infers them: {@code id} INTEGER,
 * {@code customer} TEXT (some quoted: commas and quotes), {@code amount} DECIMAL, {@code quantity} INTEGER,
 * {@code placed_on} DATE, {@code status} TEXT.
 */
final class OrdersFile {

    static final String NAME = "orders.csv";
    static final List<String> COLUMNS = List.of("id", "customer", "amount", "quantity", "placed_on", "status");

    private static final String[] CUSTOMERS = {"Schrute Farms", "Vance Refrigeration", "Dunder Mifflin, Scranton",
            "Sabre \"Printers\" Inc.", "Prince Family Paper", "Utica Branch", "Nashua Branch", "Blue Cross of PA"};
    private static final String[] STATUS = {"open", "won", "lost", "shipped"};
    private static final LocalDate FIRST_DAY = LocalDate.of(2020, 1, 1);

    private final int rows;

    OrdersFile(int rows) {
        if (rows % 100 != 0) {
            throw new IllegalArgumentException("rows must be a multiple of 100");
        }
        this.rows = rows;
    }

    /** Writes a version of the file into a folder, replacing what is there (written aside, then moved). */
    void write(Path folder, int version) {
        try {
            Files.createDirectories(folder);
            Path temp = folder.resolve(NAME + ".tmp");
            try (Writer out = new BufferedWriter(Files.newBufferedWriter(temp, StandardCharsets.UTF_8), 1 << 16)) {
                out.write(String.join(",", COLUMNS) + "\r\n");
                for (long id : ids(version).toArray()) {
                    out.write(line(values(id, version)));
                }
            }
            Files.move(temp, folder.resolve(NAME), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the number of records in a version */
    long size(int version) {
        return ids(version).count();
    }

    /** @return the ids of a version, ascending */
    LongStream ids(int version) {
        LongStream original = LongStream.rangeClosed(1, rows);
        return version == 1 ? original
                : LongStream.concat(original.filter(id -> id % 50 != 7), LongStream.rangeClosed(rows + 1,
                        rows + rows / 100));
    }

    /** @return what a refresh from one version to the other counts */
    RefreshCounts changes(int from, int to) {
        long removed = LongStream.rangeClosed(1, rows).filter(id -> id % 50 == 7).count();
        long updated = LongStream.rangeClosed(1, rows).filter(id -> id % 100 == 3).count();
        long added = rows / 100;
        if (from == to) {
            throw new IllegalArgumentException("a refresh of an unchanged file reads nothing");
        }
        return from == 1 ? new RefreshCounts(added, updated, size(2) - added - updated, removed)
                : new RefreshCounts(removed, updated, size(1) - removed - updated, added);
    }

    /** @return the digest of a table that holds exactly a version */
    Digest digest(int version) {
        Digest d = new Digest();
        ids(version).forEach(id -> d.add(values(id, version)));
        return d;
    }

    /** The values of one record, typed as the table holds them. */
    static Object[] values(long id, int version) {
        long h = mix(id);
        boolean changed = version == 2 && id % 100 == 3;
        long cents = 100 + Math.floorMod(h, 5_000_000L) + (changed ? 100 : 0);
        String status = STATUS[(Math.floorMod(h >>> 20, STATUS.length) + (changed ? 1 : 0)) % STATUS.length];
        return new Object[] {id, CUSTOMERS[Math.floorMod(h >>> 8, CUSTOMERS.length)],
                BigDecimal.valueOf(cents, 2), 1 + Math.floorMod(h >>> 32, 500L),
                FIRST_DAY.plusDays(Math.floorMod(h >>> 40, 2_000L)), status};
    }

    private static String line(Object[] v) {
        return Arrays.stream(v).map(OrdersFile::csv).collect(Collectors.joining(",", "", "\r\n"));
    }

    private static String csv(Object value) {
        String s = value.toString();
        return s.indexOf(',') >= 0 || s.indexOf('"') >= 0 ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private static long mix(long x) {
        long z = x * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * An order-independent digest of a set of rows: their number and the sum of a SHA-256-based hash of each row's
     * canonical text (decimals without trailing zeros, as H2 returns them). Equal digests mean equal row sets but for
     * a 2^-64 chance.
     */
    static final class Digest {
        private final MessageDigest sha;
        private long count;
        private long sum;

        Digest() {
            try {
                sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        static Digest of(Stream<Object[]> rows) {
            Digest d = new Digest();
            rows.forEach(d::add);
            return d;
        }

        void add(Object[] row) {
            String canonical = Arrays.stream(row).map(v -> v instanceof BigDecimal b
                    ? b.stripTrailingZeros().toPlainString() : String.valueOf(v)).collect(Collectors.joining("\u001f"));
            byte[] hash = sha.digest(canonical.getBytes(StandardCharsets.UTF_8));
            long h = 0;
            for (int i = 0; i < 8; i++) {
                h = h << 8 | (hash[i] & 0xff);
            }
            sum += h;
            count++;
        }

        long count() {
            return count;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Digest d && d.count == count && d.sum == sum;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(sum) * 31 + Long.hashCode(count);
        }

        @Override
        public String toString() {
            return count + " rows, sum " + Long.toHexString(sum);
        }
    }
}
