"""
``make bench``: the tracker measured at scale on PostgreSQL, every figure a ratio
taken side by side in the same run so that it holds on a noisy machine.

Run it with ``python -m bench``; docs/performance.md says what it measures.
"""
