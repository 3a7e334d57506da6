package dev.connections.benchmarks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The generated input: a CSV file of {@link #ROWS} order records in ten typed columns, and a copy of it in which
 * {@link #CHANGED_ROWS} rows (1%) have a new amount, status and update time. Both come from one fixed seed, so every
 * run reads the same bytes. Files are written once, to a temporary name then moved, and reused while they exist.
 *
 * <p>Columns, as the CSV connector infers them: {@code id} INTEGER (unique, the refresh key), {@code customer} TEXT,
 * {@code quantity} INTEGER, {@code amount} DECIMAL (some negative), {@code order_date} DATE,
 * {@code updated_at} DATETIME (UTC), {@code paid} BOOLEAN, {@code ship_to} TEXT (always quoted: it holds commas),
 * {@code status} TEXT, {@code note} TEXT (empty in 30% of rows, quotes and commas in some).
 */
final class RowsFile {

    /** 1,000,000 unless {@code -Dbench.rows} says otherwise (a smaller file is generated in its own folder). */
    static final int ROWS = Integer.getInteger("bench.rows", 1_000_000);
    static final int CHANGED_ROWS = ROWS / 100;
    static final List<String> COLUMNS = List.of("id", "customer", "quantity", "amount", "order_date", "updated_at",
            "paid", "ship_to", "status", "note");
    /** The file name, which is also the table's source object in every folder it is copied to. */
    static final String NAME = "rows.csv";

    private static final long SEED = 20_240_331L;
    /** Bump when the content changes, so that old generated files are not reused. */
    private static final String VERSION = "v1";

    private static final String[] FIRST = {"Pam", "Jim", "Dwight", "Angela", "Oscar", "Kevin", "Stanley", "Phyllis",
            "Meredith", "Creed", "Kelly", "Ryan", "Toby", "Darryl", "Erin", "Andy", "Holly", "Gabe", "Jan", "Karen",
            "Lena", "Jonas", "Mia", "Noah", "Sofia", "Luca", "Ana", "Mateo", "Yuki", "Ravi", "Amara", "Chen"};
    private static final String[] LAST = {"Beesly", "Halpert", "Schrute", "Martin", "Martinez", "Malone", "Hudson",
            "Vance", "Palmer", "Bratton", "Kapoor", "Howard", "Flenderson", "Philbin", "Hannon", "Bernard", "Flax",
            "Lewis", "Levinson", "Filippelli", "Fischer", "Weber", "Rossi", "Silva", "Tanaka", "Nakamura", "Okafor",
            "Novak", "Kowalski", "Dubois", "Jensen", "O'Brien"};
    private static final String[] STREET = {"Main Street", "Oak Avenue", "Linden Strasse", "Rue de la Paix",
            "Market Square", "High Street", "Elm Road", "Harbour Lane", "Station Road", "Mill Way"};
    private static final String[] CITY = {"Scranton, PA", "Springfield, IL", "Stamford, CT", "Nashua, NH",
            "Utica, NY", "Buffalo, NY", "Akron, OH", "Camden, NJ", "Albany, NY", "Dover, DE"};
    private static final String[] STATUS = {"pending", "paid", "shipped", "delivered", "cancelled", "returned"};
    private static final String[] NOTE = {"leave at the front desk", "call before delivery",
            "customer asked for \"gift wrap\", twice", "fragile, handle with care", "reorder of #4521",
            "deliver after 5pm", "invoice to head office, not branch", "duplicate of an earlier order?"};
    private static final LocalDate FIRST_DAY = LocalDate.of(2015, 1, 1);
    private static final int DAYS = 3_650;

    private RowsFile() {
    }

    /** @return the folder under which generated data lives: {@code target/bench-data} next to the classes or jar */
    static Path dataDir() {
        String set = System.getProperty("bench.dir");
        if (set != null) {
            return Path.of(set).toAbsolutePath();
        }
        try {
            Path code = Path.of(RowsFile.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return code.getParent().resolve("bench-data");
        } catch (Exception e) {
            return Path.of("benchmarks", "target", "bench-data").toAbsolutePath();
        }
    }

    /** @return the original file, generated first when missing */
    static Path original() {
        ensure();
        return sourceDir().resolve(VERSION + "-" + NAME);
    }

    /** @return the copy with 1% of rows changed, generated first when missing */
    static Path changed() {
        ensure();
        return sourceDir().resolve(VERSION + "-changed-" + NAME);
    }

    /**
     * Makes a folder holding only {@link #NAME}, a copy of {@code source}, for a connection to point at.
     *
     * @param modified the modification time to give the copy, so that successive copies always differ
     */
    static Path folderWith(String folderName, Path source, Instant modified) {
        try {
            Path folder = dataDir().resolve(folderName);
            Files.createDirectories(folder);
            Path target = folder.resolve(NAME);
            Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
            Files.setLastModifiedTime(target, FileTime.from(modified));
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path sourceDir() {
        return dataDir().resolve(ROWS == 1_000_000 ? "source" : "source-" + ROWS);
    }

    private static synchronized void ensure() {
        Path dir = sourceDir();
        Path original = dir.resolve(VERSION + "-" + NAME);
        Path changed = dir.resolve(VERSION + "-changed-" + NAME);
        if (Files.isRegularFile(original) && Files.isRegularFile(changed)) {
            return;
        }
        try {
            Files.createDirectories(dir);
            Path tmpOriginal = dir.resolve(original.getFileName() + ".tmp");
            Path tmpChanged = dir.resolve(changed.getFileName() + ".tmp");
            long started = System.nanoTime();
            try (Writer a = writer(tmpOriginal); Writer b = writer(tmpChanged)) {
                write(a, b);
            }
            Files.move(tmpOriginal, original, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.move(tmpChanged, changed, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            System.out.printf("Generated %,d rows (%,d bytes) in %.1f s: %s%n", ROWS, Files.size(original),
                    (System.nanoTime() - started) / 1e9, original);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Writer writer(Path path) throws IOException {
        return new BufferedWriter(Files.newBufferedWriter(path, StandardCharsets.UTF_8), 1 << 20);
    }

    /** Writes both files in one pass; they differ only in every hundredth row. */
    private static void write(Writer original, Writer changed) throws IOException {
        SplittableRandom random = new SplittableRandom(SEED);
        String header = String.join(",", COLUMNS) + "\r\n";
        original.write(header);
        changed.write(header);
        StringBuilder row = new StringBuilder(256);
        for (int i = 1; i <= ROWS; i++) {
            String customer = FIRST[random.nextInt(FIRST.length)] + " " + LAST[random.nextInt(LAST.length)];
            int quantity = 1 + random.nextInt(500);
            long cents = random.nextInt(50) == 0 ? -random.nextLong(100, 50_000) : random.nextLong(100, 10_000_000);
            LocalDate day = FIRST_DAY.plusDays(random.nextInt(DAYS));
            long updated = day.toEpochDay() * 86_400 + random.nextInt(30 * 86_400);
            boolean paid = random.nextBoolean();
            String shipTo = (1 + random.nextInt(999)) + " " + STREET[random.nextInt(STREET.length)] + ", "
                    + CITY[random.nextInt(CITY.length)];
            String status = STATUS[random.nextInt(STATUS.length)];
            String note = random.nextInt(10) < 3 ? "" : NOTE[random.nextInt(NOTE.length)];

            row.setLength(0);
            row(row, i, customer, quantity, cents, day, updated, paid, shipTo, status, note);
            original.append(row);
            if (i % 100 == 50) {
                row.setLength(0);
                row(row, i, customer, quantity, cents + 1_00, day, updated + 86_400, paid, shipTo,
                        STATUS[(indexOf(status) + 1) % STATUS.length], note);
            }
            changed.append(row);
        }
    }

    private static void row(StringBuilder row, int id, String customer, int quantity, long cents, LocalDate day,
                            long updated, boolean paid, String shipTo, String status, String note) {
        row.append(id).append(',');
        quoted(row, customer, false).append(',');
        row.append(quantity).append(',');
        amount(row, cents).append(',');
        row.append(day).append(',');
        row.append(Instant.ofEpochSecond(updated)).append(',');
        row.append(paid).append(',');
        quoted(row, shipTo, true).append(',');
        row.append(status).append(',');
        quoted(row, note, false).append("\r\n");
    }

    /** RFC 4180: a value with a comma, quote or line break is quoted, its quotes doubled. */
    private static StringBuilder quoted(StringBuilder row, String value, boolean always) {
        boolean quote = always || value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0;
        if (!quote) {
            return row.append(value);
        }
        return row.append('"').append(value.replace("\"", "\"\"")).append('"');
    }

    private static StringBuilder amount(StringBuilder row, long cents) {
        long abs = Math.abs(cents);
        if (cents < 0) {
            row.append('-');
        }
        row.append(abs / 100).append('.');
        long fraction = abs % 100;
        return row.append(fraction < 10 ? "0" : "").append(fraction);
    }

    private static int indexOf(String status) {
        for (int i = 0; i < STATUS.length; i++) {
            if (STATUS[i].equals(status)) {
                return i;
            }
        }
        throw new IllegalArgumentException(status);
    }
}
