/**
 * The kill soak: SDK instances in child JVMs killed with SIGKILL at random points of refreshes and definition changes,
 * each kill followed by a consistency check of every table. A main, never part of {@code mvn test}; see
 * docs/reliability.md.
 */
package dev.connections.benchmarks.soak;
