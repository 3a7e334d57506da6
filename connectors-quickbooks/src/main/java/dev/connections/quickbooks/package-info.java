/**
 * The {@code quickbooks} connector: connections to QuickBooks Online companies through the Accounting API v3. A host
 * needs only {@link dev.connections.quickbooks.QuickBooksConnector}, which {@link java.util.ServiceLoader} finds on the
 * classpath, and an OAuth client of Intuit's developer portal given to the SDK with
 * {@code Connections.builder().oauthClient("quickbooks", clientId, clientSecret)}.
 *
 * <h2>Connections</h2>
 * OAuth 2.0 with HTTP Basic client authentication, the scope {@code com.intuit.quickbooks.accounting} and revocation
 * with a JSON body. The redirect back carries the {@code realmId} of the company the user picked: it is kept as the
 * connection's setting {@code realmId} and is its account. Anyone can forge a redirect, so a realmId must be 1 to 32
 * digits (else CONFIGURATION, without repeating it), when the authorization completes and whenever a session opens;
 * every URL is built from encoded path segments and query parameters, never by pasting values. QuickBooks allows one active connection per company, so
 * the connector declares {@code ONE_ACTIVE_PER_ACCOUNT}: a newer connection to a company supersedes the older ones,
 * whoever owns them. The test reads the company info; a user who is not a company administrator (403, code 3100) gets
 * "the QuickBooks user must be a company administrator (or the app lacks the accounting scope)".
 *
 * <p>Settings: {@code environment} is {@code production} (default) or {@code sandbox}, in any case, and nothing else:
 * any other value, a URL included, is refused with CONFIGURATION before a request is made, because the token and
 * revocation endpoints receive the host's client secret and the API the connection's tokens, and a connection's
 * settings are a principal's choice. {@code minorVersion} (default 75) goes with every request.
 *
 * <h2>Stand-ins</h2>
 * Where requests go is decided by the host, in code. To run against a QuickBooks stand-in (the fake of
 * {@code connections-fakes}, a test server), the host registers
 * {@code Connections.builder().connector(QuickBooksConnector.standIn(URI.create("http://127.0.0.1:8080")))}, which
 * replaces the connector found on the classpath: every connection then talks to that base URL for the authorization
 * ({@code /connect/oauth2}), tokens ({@code /oauth2/v1/tokens/bearer}), revocation ({@code /v2/oauth2/tokens/revoke})
 * and the API ({@code /v3/company/...}), whether its {@code environment} says production or sandbox.
 *
 * <h2>Objects</h2>
 * Account, Bill, BillPayment, CreditMemo, Customer, Deposit, Employee, Estimate, Invoice, Item, JournalEntry, Payment,
 * Purchase, PurchaseOrder, SalesReceipt, Vendor and VendorCredit. QuickBooks has no describe endpoint, so the schema is
 * carried in {@code entities.txt}. Nested properties are flattened into dotted fields ({@code CurrencyRef.value},
 * {@code CurrencyRef.name}, {@code BillAddr.City}, {@code MetaData.LastUpdatedTime}); arrays such as {@code Line} are
 * JSON text; amounts are exact decimals. {@code Id} is the natural key. A property QuickBooks leaves out is null.
 *
 * <h2>Reads</h2>
 * A full read pages with {@code STARTPOSITION}/{@code MAXRESULTS 1000}, ordered by Id. The filter is pushed down where
 * the query language can apply it (AND only; see {@link dev.connections.quickbooks.Pushdown}), with values escaped;
 * the engine applies the whole filter again. An incremental read asks change data capture for what changed since the
 * cursor and delivers every changed record, whether or not it matches the filter, and each record with
 * {@code status: Deleted} as a deletion. The tables of one connection share CDC answers: the first table of a refresh
 * wave asks for the entities of all of them, the others take that answer for two minutes (see
 * {@link dev.connections.quickbooks.ChangeFeed}). An answer of 1000 objects may have been cut off: the changed records
 * are then read with queries paged by LastUpdatedTime (see {@link dev.connections.quickbooks.ChangedRecords}), and the
 * deletions are those the answer holds; QuickBooks cannot page CDC, so such a read keeps no cursor and the table's
 * next refresh is a full one, which removes any deletion beyond them from a REMOVE table. A cursor older than 29 days (QuickBooks looks back 30) makes
 * the read a full one, and so do deletions when the table's refresh key is not Id.
 *
 * <p>The cursor is the service's time of the answer that began the read, less five minutes for late changes; a
 * record changed within that overlap is read again and counted unchanged.
 *
 * <h2>Limits and errors</h2>
 * At most 10 requests are in flight per company, across all connections, tables and sessions of this SDK
 * ({@link dev.connections.quickbooks.CompanyLimits}), and the connector's HTTP policy gives the engine's budget the
 * same 10 per connection. A 429, whose body may be XML, is retried by the engine's HTTP support after its Retry-After
 * or a minute; 401 refreshes the token once. Both JSON error envelopes and the XML one are read into the message (on
 * one line, whatever line breaks QuickBooks put in it), and every error is logged with its {@code intuit_tid}, which
 * the message also quotes for Intuit support. The connector's policy names {@code intuit_tid} as its correlation
 * header, so the engine's HTTP support logs it with the answers it rides out itself (the 401 it refreshes the token
 * after, each 429 it retries) and the token endpoint's refusals quote it too.
 *
 * <p>An answer is read up to {@link dev.connections.quickbooks.QuickBooksConnector#DEFAULT_MAX_ANSWER_BYTES} (64 MiB,
 * counted after gzip decoding): a larger one fails the read with INVALID_DATA naming the limit, before it is held. The
 * host raises the limit with {@code Connections.builder().connector(QuickBooksConnector.withMaxAnswerBytes(...))};
 * no connection setting changes it.
 */
package dev.connections.quickbooks;
