"""kiz-graph's benchmarks: each measurement beside its baseline, in the same run."""
