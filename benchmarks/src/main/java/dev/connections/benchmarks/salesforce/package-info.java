/**
 * The Salesforce benchmark ({@link dev.connections.benchmarks.salesforce.SalesforceBenchmark}): reads of a million
 * records from the fake Salesforce through REST pages and Bulk API 2.0, each beside plain OkHttp clients of the same
 * pages, then whole refreshes through the SDK. Run by hand, not by the build; nothing depends on this package.
 */
package dev.connections.benchmarks.salesforce;
