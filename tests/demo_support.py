"""The demo network of five regions: a tenth of the whole, for tests whose claim does not need
the whole demo network (tests/test_import_export.py checks that it holds every kind of value)."""

from __future__ import annotations

from kiz_graph import demo
from kiz_graph.exchange import seeding

# The demo network of five regions (seed 3): a tenth of the whole, and yet every kind of
# record, every column filled and empty, every organisation type, form, consent, funding
# and so on of the whole demo network occur in it (the test below checks that).
SMALL_REGIONS = ("05978", "05913", "05970", "05124", "05966")


def small_demo(seed_number: int = 3) -> dict[str, list[dict]]:
    """The demo network of :data:`SMALL_REGIONS` only, made by the demo's own generator."""
    regions = [dict(row) for row in seeding.read_seed("regions") if row["ags"] in SMALL_REGIONS]
    municipalities = [dict(row) for row in seeding.read_seed("municipalities") if row["region"] in SMALL_REGIONS]
    return demo.generate(regions, municipalities, "demo", seed_number)
