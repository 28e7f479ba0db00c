"""Random draws. Every one comes from a ``random.Random`` that its caller seeded with a string."""

from __future__ import annotations

import random
from bisect import bisect
from datetime import date


def pick(rng: random.Random, seq):
    """One item, each equally likely."""
    return seq[rng.randrange(len(seq))]


class Weighted:
    """Items drawn by weight: one ``rng.random()``, looked up in the running totals of the weights.

    The choices that earlier versions made with thresholds (``r < 0.35``, ``r < 0.6``, ...)
    have their weights in per mille: then every number ``random()`` can return picks what
    the thresholds picked (in percent, single numbers right below 0.8 and 0.93 would not).
    """

    def __init__(self, items, weights):
        self.items = tuple(items)
        totals, total = [], 0.0
        for weight in weights:
            total += float(weight)
            totals.append(total)
        self.totals = tuple(totals)

    def pick(self, rng: random.Random):
        return self.at(rng.random())

    def at(self, share: float):
        """The item at ``share`` (0 <= share < 1) of the total weight."""
        return self.items[bisect(self.totals, share * self.totals[-1])]


def rand_date(rng: random.Random, lo: date, hi: date) -> date:
    """A day between lo and hi (both included), each equally likely."""
    if hi <= lo:
        return lo
    return date.fromordinal(rng.randint(lo.toordinal(), hi.toordinal()))


def early_date(rng: random.Random, lo: date, hi: date) -> date:
    """A day between lo and hi, more often early than late."""
    if hi <= lo:
        return lo
    span = hi.toordinal() - lo.toordinal()
    return date.fromordinal(lo.toordinal() + int(span * rng.random() ** 1.6))
