/**
 * The technology compatibility kit: contract suites a connector author or storage author extends with one small test
 * class to prove an implementation behaves as the engine expects, and the test helpers they rest on (a
 * {@code ConnectorContext} for tests, a sink that collects, a clock moved by hand, value comparisons). Used in test
 * scope by connector and storage modules, the SDK's own and a host's.
 */
package dev.connections.tck;
