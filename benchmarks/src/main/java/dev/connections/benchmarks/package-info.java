/**
 * Benchmarks of refresh speed, memory and scheduling against baselines measured in the same run (commons-csv parsing,
 * PostgreSQL's {@code COPY}, one query per QuickBooks table), with checks that fail when the counts are wrong. Each
 * is run by hand through its {@code main} ({@link dev.connections.benchmarks.Main} for the JMH refresh benchmarks), not
 * by the build; results are in {@code docs/benchmarks.md}. Nothing depends on this package.
 */
package dev.connections.benchmarks;
