/**
 * A fake QuickBooks Online for tests, examples and benchmarks: {@link dev.connections.fakes.quickbooks.FakeQuickBooks},
 * a real HTTP server (MockWebServer with a dispatcher) that speaks the Accounting API v3 (queries, change data
 * capture, company info) and Intuit's OAuth 2.0 (rotating refresh tokens, revocation) over
 * {@link dev.connections.fakes.quickbooks.FakeCompany companies} kept in memory, with QuickBooks's error envelopes,
 * {@code intuit_tid} headers, and switchable faults and latency. Tests, examples and benchmarks use it, never
 * production code.
 */
package dev.connections.fakes.quickbooks;
