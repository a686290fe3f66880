/**
 * Group commit for the hot paths: a single-writer {@link dev.payledger.core.batch.Batcher} that runs many
 * concurrent requests in one transaction, with {@link dev.payledger.core.batch.BatchedSettlement} and
 * {@link dev.payledger.core.batch.HotWalletSpends} built on it. Every request stays individually idempotent
 * and accounted; a failed batch falls back to running its requests one by one.
 */
package dev.payledger.core.batch;
