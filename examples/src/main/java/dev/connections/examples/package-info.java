/**
 * Programs a host author reads first: the quickstart on a folder of CSV files, a custom connector
 * ({@link dev.connections.examples.FileListingConnector}, with its contract test beside it), and the Salesforce and
 * QuickBooks OAuth flows, run against the fakes unless environment variables name a real OAuth client. They use only what a host uses: the public
 * API of {@code connections-core}, the connectors and the fakes. Nothing depends on them.
 */
package dev.connections.examples;
