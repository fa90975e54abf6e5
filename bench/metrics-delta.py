#!/usr/bin/env python3
"""Percentiles of every histogram's change between two scrapes of a node's /metrics.

    bench/metrics-delta.py before.metrics after.metrics

The node's histograms count from its start; the difference of two scrapes is what happened between
them (one run of bench/compare.sh, say: it saves <run>.metrics after each run). A percentile is the
upper bound of the bucket it falls in; the counts over 10, 50 and 100 ms are exact.
"""
import collections
import re
import sys


def load(path):
    buckets, sums = collections.defaultdict(dict), {}
    for line in open(path, encoding="utf-8", errors="replace"):
        if line.startswith("#"):
            continue
        m = re.match(r"^(\w+)_bucket\{(.*)\} (\S+)$", line)
        if m:
            name, labels, value = m.groups()
            bound = re.search(r'le="([^"]+)"', labels).group(1)
            rest = re.sub(r',?le="[^"]+"', "", labels)
            buckets[(name, rest)][float("inf") if bound == "+Inf" else float(bound)] = float(value)
            continue
        m = re.match(r"^(\w+)_sum(\{.*\})? (\S+)$", line)
        if m:
            sums[(m.group(1), (m.group(2) or "{}")[1:-1])] = float(m.group(3))
    return buckets, sums


def main(before_path, after_path):
    before, before_sums = load(before_path) if before_path != "-" else ({}, {})
    after, after_sums = load(after_path)
    for key in sorted(after):
        bounds = sorted(after[key])
        counts = [after[key][b] - before.get(key, {}).get(b, 0) for b in bounds]
        total = counts[-1]
        if total <= 0:
            continue
        mean = (after_sums.get(key, 0) - before_sums.get(key, 0)) / total

        def quantile(q):
            return next(b for b, c in zip(bounds, counts) if c >= q * total)

        def over(limit):
            within = [c for b, c in zip(bounds, counts) if b <= limit]
            return int(total - (within[-1] if within else 0))

        name = key[0] + ("{" + key[1] + "}" if key[1] else "")
        line = f"{name} n={int(total)} mean={mean:.4g} p50<={quantile(.5):g} p90<={quantile(.9):g} p99<={quantile(.99):g} p999<={quantile(.999):g}"
        if name.endswith("_seconds"):
            line += f" over_10ms={over(0.01)} over_50ms={over(0.05)} over_100ms={over(0.1)}"
        print(line)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
