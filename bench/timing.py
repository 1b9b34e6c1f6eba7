"""Timing side by side: two callables alternate, so that both see the same noise."""

import statistics
import time


def clock(function):
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def side_by_side(first, second, *, runs=7, budget=20.0):
    """
    Return the median seconds of ``first`` and of ``second``, called in turn
    ``runs`` times (fewer if ``budget`` seconds run out), after one warm-up each.
    """
    first()
    second()
    a, b = [], []
    started = time.perf_counter()
    for _n in range(runs):
        a.append(clock(first)[0])
        b.append(clock(second)[0])
        if time.perf_counter() - started > budget and len(a) >= 3:
            break
    return statistics.median(a), statistics.median(b)


def median_time(function, *, runs=5, budget=20.0):
    function()
    times = []
    started = time.perf_counter()
    for _n in range(runs):
        times.append(clock(function)[0])
        if time.perf_counter() - started > budget and len(times) >= 3:
            break
    return statistics.median(times)
