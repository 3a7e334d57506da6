/**
 * A fake Salesforce for tests, examples and benchmarks: {@link dev.connections.fakes.salesforce.FakeSalesforce}, a
 * real HTTP server (MockWebServer with a dispatcher) over in-memory sObjects, with switchable
 * {@link dev.connections.fakes.salesforce.Faults}.
 *
 * <h2>What it serves</h2>
 * <ul>
 *   <li>Login host: {@code /services/oauth2/authorize} (approves at once and redirects to the redirect_uri with
 *       {@code code} and {@code state}), {@code /token} ({@code authorization_code} with PKCE S256 verification,
 *       single-use codes; {@code refresh_token} without a new refresh token unless rotation is on),
 *       {@code /revoke}.</li>
 *   <li>Instance: {@code /services/data/} (versions), and under {@code /services/data/vNN.0}: {@code /sobjects},
 *       {@code /sobjects/{name}/describe}, {@code /query?q=} and its next pages, {@code /queryAll},
 *       {@code /sobjects/{name}/deleted/?start&end}, {@code /limits}, and Bulk API 2.0 query jobs
 *       ({@code /jobs/query}, its status and its CSV {@code /results?maxRecords&locator}).</li>
 * </ul>
 * Errors are JSON arrays {@code [{"message", "errorCode"}]}; every API response has {@code Sforce-Limit-Info} and a
 * {@code Date} from the fake's clock; datetimes read {@code 2024-03-01T10:15:00.000+0000} (REST) and
 * {@code 2024-03-01T10:15:00.000Z} (Bulk CSV). Built with {@code gzip(true)}, it compresses REST and Bulk bodies
 * for a client that accepts gzip, as Salesforce does.
 *
 * <h2>SOQL</h2>
 * {@code SELECT f, ... | COUNT() FROM object [WHERE ...] [ORDER BY f [ASC|DESC] [NULLS FIRST|LAST], ...] [LIMIT n]}
 * with {@code = != <> < <= > >= LIKE IN NOT IN}, AND, OR, NOT and parentheses (AND and OR not mixed on one level
 * without them, as in Salesforce), and string (backslash escapes), number, boolean, null, date and datetime literals.
 * It is checked as Salesforce does: unknown objects are INVALID_TYPE, unknown fields INVALID_FIELD ("No such column"),
 * literals of the wrong kind and unfilterable fields INVALID_FIELD, syntax MALFORMED_QUERY. Text compares ignoring
 * case. Bulk jobs refuse compound fields, ORDER BY, LIMIT and COUNT().
 *
 * <h2>Data</h2>
 * Records get {@code Id}, {@code IsDeleted}, {@code CreatedDate}, {@code LastModifiedDate} and
 * {@code SystemModstamp} stamped with the fake's (injectable) clock. A deletion puts the record in the recycle bin
 * ({@code queryAll}, {@code IsDeleted = true}) and in the deletion log ({@code deleted/}), both kept for the
 * retention window (15 days by default). Objects of a million records can be generated on demand from an index, so
 * that the fake holds only the records that changed. Queries page like Salesforce's cursors: the records a query
 * returns are fixed when it starts, their values read as its pages are served.
 */
package dev.connections.fakes.salesforce;
