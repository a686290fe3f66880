#!/usr/bin/env python3
"""What a run's slow requests overlapped: GC pauses, autovacuum rounds, checkpoints, the run's first second.

Inputs are what a bench run can write:
  BENCH_REQUEST_LOG=/tmp/req.txt                                   one line per answer (OpenLoop)
  BENCH_SERVICE_OPTS="-Xlog:gc,safepoint:file=/tmp/svc-gc.log:time,uptime,level,tags"   the service's pauses
  BENCH_JVM_OPTS="-Xlog:gc:file=/tmp/bench-gc.log:time,uptime,level,tags"                the generator's pauses
  the server's log with log_autovacuum_min_duration = 0 and log_checkpoints = on (log_line_prefix '%m …')

  bench/tools/request-tail.py /tmp/req.txt --gc /tmp/svc-gc.log /tmp/bench-gc.log --pg postgres.log [--slow-ms 5]

For every rate in the log (the last run at that rate: steps, the 500/s checkouts, the emulator alone), it prints
p50/p99 of the latency, or of PayLedger's share when the answers reported a provider time; p99 of the first
second and of the rest; how many slow answers (above --slow-ms) overlapped a pause of each GC log; the worst
250 ms windows; and the server's autovacuum and checkpoint lines that fall in the run. Wall-clock times line the
logs up, so JVM logs need the `time` decorator.
"""
import argparse
import bisect
import datetime
import re


def epoch_micros(text):
    return datetime.datetime.strptime(text, '%Y-%m-%dT%H:%M:%S.%f%z').timestamp() * 1e6


def pauses(path):
    found = []
    for line in open(path, errors='replace'):
        m = re.match(r'\[([^\]]+)\].* GC\(\d+\) Pause (Young|Full).* ([\d.]+)ms$', line.rstrip())
        if m:
            end = epoch_micros(m.group(1))
            found.append((end - float(m.group(3)) * 1000, end, float(m.group(3))))
    return sorted(found)


def server_events(path):
    found = []
    for line in open(path, errors='replace'):
        m = re.match(r'(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+) (UTC|GMT)? ?\[\d+\] LOG:  (automatic vacuum|automatic analyze'
                     r'|checkpoint starting|checkpoint complete)(.*)', line)
        if m:
            at = datetime.datetime.strptime(m.group(1), '%Y-%m-%d %H:%M:%S.%f').replace(
                tzinfo=datetime.timezone.utc).timestamp() * 1e6
            found.append((at, m.group(3) + m.group(4)[:60]))
    return found


def overlaps(found, start, end):
    i = bisect.bisect_left([p[1] for p in found], start)
    return i < len(found) and found[i][0] <= end


def percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))] / 1000 if ordered else 0.0


def main():
    args = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    args.add_argument('requests')
    args.add_argument('--gc', nargs='*', default=[])
    args.add_argument('--pg')
    args.add_argument('--slow-ms', type=float, default=5.0)
    a = args.parse_args()
    by_rate = {}
    for line in open(a.requests):
        rate, due, latency, provider = line.split()
        kind = ' (provider time reported)' if int(provider) >= 0 else ''
        by_rate.setdefault((float(rate), kind), []).append((int(due), int(latency), int(provider)))
    gc_logs = {path.split('/')[-1]: pauses(path) for path in a.gc}
    events = server_events(a.pg) if a.pg else []
    for rate, kind in sorted(by_rate):
        rows = sorted(by_rate[(rate, kind)])
        runs = [[rows[0]]]
        for row in rows[1:]:
            (runs[-1].append(row) if row[0] - runs[-1][-1][0] < 2e6 else runs.append([row]))
        run = runs[-1]
        shared = all(row[2] >= 0 for row in run)
        value = (lambda row: max(0, row[1] - row[2])) if shared else (lambda row: row[1])
        t0, t1 = run[0][0], max(row[0] + row[1] for row in run)
        values = [value(row) for row in run]
        slow = [row for row in run if value(row) > a.slow_ms * 1000]
        what = "PayLedger's share" if shared else 'latency'
        began = datetime.datetime.fromtimestamp(t0 / 1e6, datetime.timezone.utc).strftime('%H:%M:%S')
        print(f'{rate:g}/s{kind} from {began}, {len(run)} answers, {what}: p50 {percentile(values, .5):.1f} ms, '
              f'p99 {percentile(values, .99):.1f} ms; first second p99 '
              f'{percentile([value(r) for r in run if r[0] - t0 < 1e6], .99):.1f}, after it '
              f'{percentile([value(r) for r in run if r[0] - t0 >= 1e6], .99):.1f}; above {a.slow_ms:g} ms: '
              f'{len(slow)} ({100 * len(slow) / len(run):.1f} %)')
        for name, found in gc_logs.items():
            inside = [p for p in found if t0 <= p[0] <= t1]
            hit = sum(1 for row in slow if overlaps(found, row[0], row[0] + row[1]))
            print(f'  {name}: {len(inside)} pauses in the run (max {max([p[2] for p in inside], default=0):.1f} ms); '
                  f'{hit} of the slow answers overlapped one')
        windows = {}
        for row in run:
            windows.setdefault((row[0] - t0) // 250_000, []).append(value(row) > a.slow_ms * 1000)
        worst = sorted(windows.items(), key=lambda kv: -sum(kv[1]))[:3]
        print('  worst 250 ms windows: ' + ', '.join(f'{k / 4:.2f} s ({sum(v)}/{len(v)} slow)' for k, v in worst))
        for at, text in events:
            if t0 - 1e6 <= at <= t1:
                print(f'  server at {(at - t0) / 1e6:+.1f} s: {text}')


if __name__ == '__main__':
    main()
