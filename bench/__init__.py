"""`make bench`: every module bench/bench_*.py defines ``run() -> str`` returning a markdown section;
bench/__main__.py runs them all and writes docs/benchmarks.md with the machine noted."""
