/**
 * JMH microbenchmarks of PayLedger's hot in-process parts: webhook signature verification and payload parsing
 * through the adapters' own verifiers, and ledger balancing. Run with {@code bench/run.sh jmh}.
 */
package dev.payledger.bench.micro;
