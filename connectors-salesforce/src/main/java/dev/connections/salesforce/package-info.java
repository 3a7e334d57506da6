/**
 * The {@code salesforce} connector: a connection to one Salesforce org through the REST API and Bulk API 2.0. A host
 * needs only {@link dev.connections.salesforce.SalesforceConnector}, which {@link java.util.ServiceLoader} finds on
 * the classpath, an OAuth client ({@code Connections.builder().oauthClient("salesforce", consumerKey,
 * consumerSecret)}) and a redirect URI registered as the connected app's callback URL.
 *
 * <h2>Settings and authorization</h2>
 * {@code loginHost}: {@code production} (login.salesforce.com, the default), {@code sandbox} (test.salesforce.com) or
 * the https URL of a My Domain, which must be a host of salesforce.com, force.com, salesforce.mil or
 * sfcrmproducts.cn, since its token endpoint receives the client secret; no other host, not even one on this
 * machine. The {@code instance_url} a token answer names must be an https host of those domains too (else
 * AUTHENTICATION, and nothing is stored). A stand-in for Salesforce (the fake of {@code connections-fakes}, a test
 * server) is the host's choice, made in code: {@code SalesforceConnector.standIn(baseUrl)} registered with
 * {@code Connections.builder().connector(...)} sends every call of every connection there and ignores
 * {@code loginHost}. {@code apiVersion}: the REST version, default 62.0. {@code bulkThreshold}: default 50,000. The engine runs the web server flow with PKCE against the login host, scopes {@code api refresh_token},
 * client credentials and revocation as forms. Of the token response the connection keeps {@code instance_url} (where
 * the API is) and {@code id} (the identity URL, which names the org). Salesforce tells no token lifetime: an expired
 * access token shows as 401 {@code INVALID_SESSION_ID}, on which the engine's HTTP support refreshes once and retries
 * once.
 *
 * <h2>Test, account, objects, fields</h2>
 * test() calls {@code /sobjects} (the token works and the API is enabled) and reads the org's name; the account is the
 * org id. The objects are the sObjects that are both queryable and replicateable, by name. describe() maps every
 * field type (see {@link dev.connections.salesforce.FieldTypes}: address and location as JSON, the text kinds as TEXT);
 * {@code Id} is the natural key and the only key candidate.
 *
 * <h2>Full reads</h2>
 * One describe (fields that are gone fail before any query), then SOQL over the connected fields and
 * {@code SystemModstamp}, with the part of the filter SOQL can say pushed down and every value escaped (see
 * {@link dev.connections.salesforce.FilterPushdown}; the rest is applied locally). {@code SELECT COUNT()} with the
 * same condition decides the path: up to {@code bulkThreshold} records, REST query pages through
 * {@code nextRecordsUrl} (2,000 records each); above it, a Bulk API 2.0 query job whose CSV results are streamed page
 * by page (50,000 records), unless a connected field is compound or base64, which Bulk refuses. Nothing is collected:
 * records go to the sink as they are parsed. Values are converted to the types the table reads them as, TEXT
 * included (a datetime kept as TEXT reads {@code 2024-03-01T10:15:00.000+0000} on both paths).
 *
 * <h2>Incremental reads</h2>
 * The cursor is the latest {@code SystemModstamp} read, but no later than the server's time before the query, as an
 * ISO instant ({@code 2024-03-01T10:15:00.000Z}). An incremental read asks {@code deleted/} for the deletions since
 * the cursor; when the cursor is older than its {@code earliestDateAvailable} (Salesforce keeps deletions about 15
 * days; 30 days is the most {@code deleted/} accepts) it reads in full instead, and says so. Then it reads
 * {@code queryAll} for {@code SystemModstamp > cursor} without the table's filter, as the read contract asks: every
 * changed record, and deleted ones ({@code IsDeleted}) as deletions by refresh key. Two requests when little changed.
 * Deletions of records already purged from the recycle bin are known by Id only, so they are reported when the refresh
 * key is {@code Id}. An object that is not replicateable, or lacks {@code SystemModstamp} or {@code IsDeleted}, is read
 * in full every time.
 *
 * <h2>Limits</h2>
 * A read holds at most what {@link dev.connections.salesforce.SalesforceLimits} allow of Salesforce's answers: 64 MiB
 * of one REST answer (counted after gzip decoding), 16 Mi characters of one Bulk CSV record and 8 Mi of one value (a
 * CSV cell, or the JSON of a compound value). Past a limit the read fails with INVALID_DATA naming the limit and where
 * it was passed (e.g. {@code reading Account, Bulk results page 2, record 1,234}), before the value is held whole.
 * The limits are the host's to raise, with {@code Connections.builder().connector(SalesforceConnector.withLimits(...))};
 * no connection setting changes them.
 *
 * <h2>Failures</h2>
 * <table>
 *   <caption>What Salesforce says, and the ConnectorException kind it becomes</caption>
 *   <tr><th>Salesforce</th><th>kind</th><th>the message says</th></tr>
 *   <tr><td>401 INVALID_SESSION_ID after the refresh; invalid_grant on refresh</td><td>AUTHENTICATION</td>
 *       <td>reauthorize the connection</td></tr>
 *   <tr><td>403 API_DISABLED_FOR_ORG</td><td>PERMISSION</td><td>both causes: an edition without API access, or a
 *       user without the "API Enabled" permission</td></tr>
 *   <tr><td>403 REQUEST_LIMIT_EXCEEDED</td><td>RATE_LIMITED, retryAfter one hour</td><td>Salesforce's message; the
 *       org's daily allocation is used up</td></tr>
 *   <tr><td>400 INVALID_FIELD, a field gone from describe</td><td>NOT_FOUND</td><td>the field's name; update the
 *       table's fields</td></tr>
 *   <tr><td>400 INVALID_TYPE, 404, MALFORMED_QUERY</td><td>NOT_FOUND</td><td>the object or query Salesforce
 *       refused</td></tr>
 *   <tr><td>503 and 5xx after the HTTP support's retries, a body cut off or garbled, a Bulk job Failed</td>
 *       <td>UNAVAILABLE</td><td>usually temporary</td></tr>
 *   <tr><td>an answer, record or value past its {@link dev.connections.salesforce.SalesforceLimits limit}</td>
 *       <td>INVALID_DATA</td><td>the limit, where it was passed, and how the host raises it</td></tr>
 * </table>
 * REQUEST_LIMIT_EXCEEDED is RATE_LIMITED rather than PERMISSION because nothing is missing that an admin must grant:
 * the allocation frees up as its rolling 24 hours move on. Nothing retries it within a refresh (the HTTP support
 * retries 429 and 503, not 403), and its retryAfter of one hour tells a scheduler not to try again sooner. Every
 * message keeps Salesforce's own message and error code, and never a token. Salesforce's message comes on one line
 * (a query error's caret diagram has line breaks of its own, which would split log lines and history entries).
 */
package dev.connections.salesforce;
