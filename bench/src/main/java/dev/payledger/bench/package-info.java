/**
 * The PayLedger benchmark: one command that measures pgbench and PayLedger's scenarios against the same
 * PostgreSQL and prints a table with the ratios ({@link dev.payledger.bench.Bench}), plus JMH microbenchmarks
 * of the hot in-process parts ({@code dev.payledger.bench.micro}).
 */
package dev.payledger.bench;
