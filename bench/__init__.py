"""Benchmarks (``make bench``): not tests; nothing in ``make test`` depends on a timing."""
