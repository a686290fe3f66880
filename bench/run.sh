#!/usr/bin/env bash
# The PayLedger benchmark in one command (see docs/performance.md):
#   bench/run.sh                      # everything: pgbench reference, (2) (4) (7) [+ (3) (5) (6) when the app is built]
#   bench/run.sh --quick              # 2 s per scenario, 100k ledger entries
#   bench/run.sh --seconds 30 --entries 10000000 --only pgbench,settle,hot,statement
#   PAYLEDGER_DB_URL=jdbc:postgresql://host:5432/db PAYLEDGER_DB_USER=... bench/run.sh   # an external server
#   BENCH_JFR=1 bench/run.sh ...      # also records a JFR profile in bench/target/bench.jfr
#   bench/run.sh jmh [JMH options]    # the JMH microbenchmarks instead
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

if ! command -v pgbench >/dev/null 2>&1; then
  echo "pgbench is missing: installing Debian's postgresql package (it brings pgbench)" >&2
  apt-get update && apt-get install -y postgresql
fi

# Build what is measured from this checkout (bench, the service jar, and the modules they use), so a stale
# jar or a stale ~/.m2 copy is never measured. BENCH_SKIP_BUILD=1 skips it (e.g. for a run right after another).
if [[ "${BENCH_SKIP_BUILD:-}" != "1" ]]; then
  echo "Building bench and the service jar from this checkout (mvn -pl bench,app-javalin -am install -DskipTests)" >&2
  mvn -B -q -pl bench,app-javalin -am install -DskipTests
fi
# private copies of the jars: a re-install in ~/.m2 during a long run must not pull classes from under it
# (not offline: on a fresh machine the dependency plugin itself is not in ~/.m2 yet)
rm -rf "$root/bench/target/lib"
mvn -B -q -pl bench dependency:copy-dependencies -DincludeScope=runtime \
    -DoutputDirectory="$root/bench/target/lib"
classpath="$root/bench/target/classes:$root/bench/target/lib/*"

cd "$root/bench"
# a 1 GiB young generation and a collection before every load run (OpenLoop): the generator and the emulators
# must not pause inside a measurement (with -Xms1g its young collections paused it 11-82 ms every 10-35 s)
jvm=(-Xms2g -Xmx2g -Xmn1g -XX:+UseParallelGC)
if [[ "${BENCH_JFR:-}" == "1" ]]; then
  jvm+=(-XX:StartFlightRecording=filename=target/bench.jfr,settings=profile,dumponexit=true)
fi
# extra flags for the bench JVM (the load generator and the emulators), e.g. a GC log: BENCH_JVM_OPTS="-Xlog:gc:file=/tmp/bench-gc.log"
read -r -a extra <<< "${BENCH_JVM_OPTS:-}"
jvm+=("${extra[@]}")
if [[ "${1:-}" == "jmh" ]]; then
  shift
  exec java -cp "$classpath" org.openjdk.jmh.Main "${@:--f 1 -wi 3 -i 5 -w 1s -r 1s}"
fi
exec java "${jvm[@]}" -cp "$classpath" dev.payledger.bench.Bench "$@"
