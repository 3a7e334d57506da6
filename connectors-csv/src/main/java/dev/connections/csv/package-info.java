/**
 * The {@code csv} connector: a connection to a folder of CSV files. A host needs only {@link
 * dev.connections.csv.CsvConnector}.
 *
 * <h2>Which folders</h2>
 * A connection's {@code folder} setting is chosen by a principal, so it never decides on its own which host paths are
 * read: the host names the folders its users may use, in code, with {@code CsvConnector.allowingRoots(Path...)}
 * registered through {@code Connections.builder().connector(...)} (it takes the place of the connector that
 * {@link java.util.ServiceLoader} finds, which allows no folder at all and says how to allow one). A folder outside
 * the roots is refused (CONFIGURATION) before the file system is touched, so the answer is the same whether it exists
 * or not; a folder inside a root whose real path (links resolved) leads out is refused with the same answer.
 *
 * <h2>Objects</h2>
 * Every {@code .csv} file (any case) in the folder and its subfolders, named by its path in the folder with {@code /}
 * between the parts ({@code exports/orders.csv}), sorted. The folder is the root: names with {@code ..}, absolute
 * paths and symbolic links that lead out of it are refused (PERMISSION); linked folders are not listed. A name is
 * followed step by step without following links, so nothing beyond a link that leads out is looked at; the refusal
 * never names where a link leads, and a link out of the folder and a link to nothing get the same answer. Only
 * regular files are objects: a named pipe, a device or a folder named {@code .csv} is neither listed nor opened.
 * Every read looks at the file again without following links and opens it with {@code NOFOLLOW_LINKS}, so a file
 * swapped after it was found is refused, never followed or waited on: PERMISSION for a link, NOT_FOUND for a pipe,
 * device or folder (see {@code RegularFile}).
 *
 * <h2>Dialect</h2>
 * RFC 4180 with the usual variants: delimiter {@code ,} {@code ;} tab or {@code |} (detected from the header line
 * unless the connection sets one); CRLF, LF or CR line ends; quoted values with delimiters, {@code ""} and line breaks;
 * empty lines skipped; UTF-8 by default, a UTF-8 or UTF-16 byte order mark deciding when present. The first line
 * names the columns; names are stripped of surrounding spaces and must be unique and non-blank. Every row has one value
 * per column. A value over {@code maxFieldSize} characters (default 1,048,576), a row over {@code maxColumns} columns
 * (default 2,000) and a row whose values have more than {@code maxRecordSize} characters together (default 8,388,608,
 * or maxFieldSize when that is larger) fail before they are buffered, as do an unclosed quote, text after a closing
 * quote and bytes that are not valid text. Every failure names the file and the line, and the column where there is
 * one: {@code orders.csv line 1042, column 'amount'}; a limit's failure names the setting that raises it.
 *
 * <h2>Types</h2>
 * describe() infers each column's type from the first 20,000 rows by elimination: BOOLEAN (true/false, yes/no),
 * INTEGER, DECIMAL, DATE (ISO, or day-first or month-first when a day above 12 shows the order), DATETIME, TEXT.
 * Numbers with leading zeros stay TEXT; empty cells are null and do not vote. read() converts to the type each
 * requested field has (a table may keep any column as TEXT); a value that does not fit fails naming line, column and
 * value.
 *
 * <h2>Change detection</h2>
 * The cursor is the file's fingerprint: size, modification time and SHA-256. An unchanged file costs one metadata look;
 * a touched file with the same content one hash; a changed file one full read, parsed and hashed in the same pass.
 */
package dev.connections.csv;
