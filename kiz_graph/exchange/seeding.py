"""``kiz-graph seed``: the public NRW facts of ``seeds/``, and the fictional demo network.

Seeding is idempotent: every write is a MERGE on a key, so a second run changes nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import importlib.resources

from kiz_graph.check.rules import in_force
from kiz_graph.records import writer
from kiz_graph.records.schema import KINDS, parse_bool, parse_date
from kiz_graph.records.vocabulary import vocabulary
from kiz_graph.store import versions
from kiz_graph.store.db import Database

SCALES = ("demo", "statewide", "10x")


@functools.cache
def read_seed(name: str) -> tuple[dict[str, str], ...]:
    """The rows of ``seeds/<name>.csv``."""
    resource = importlib.resources.files("seeds").joinpath(f"{name}.csv")
    with resource.open(encoding="utf-8", newline="") as handle:
        return tuple(csv.DictReader(handle))


def seed(db: Database) -> dict[str, int]:
    """Regions, municipalities, centres, statewide organisations and vocabularies."""
    db.write(
        "exchange/seed/education",
        fields=list(vocabulary("fields_of_action").rows),
        stages=list(vocabulary("education_stages").rows),
    )
    regions = [dict(row) for row in read_seed("regions")]
    db.write("exchange/seed/regions", rows=regions)
    db.write("exchange/seed/municipalities", rows=[dict(row) for row in read_seed("municipalities")])
    # The statewide organisations go the way of every organisation: validated, then written.
    columns = KINDS["organisations"].column_names
    organisations = [{k: v for k, v in row.items() if k in columns} for row in read_seed("organisations")]
    writer.write(db, {"organisations": organisations})
    centres = [
        {
            **row,
            "opened_on": parse_date(row["opened_on"]) if row["opened_on"] else None,
            "raa_predecessor": parse_bool(row["raa_predecessor"]) if row["raa_predecessor"] else None,
            "raa_integrated_on": parse_date(row["raa_integrated_on"]) if row["raa_integrated_on"] else None,
        }
        for row in read_seed("centres")
    ]
    db.write("exchange/seed/centres", rows=centres, authority=in_force(dt.date.today()).granting_authority()[0])
    versions.renew(db)
    return {"regions": len(regions), "centres": len(centres), "organisations": len(organisations)}


def demo_records(scale: str = "demo", seed_number: int = 1) -> dict[str, list[dict]]:
    """The fictional demo network (deterministic for a seed), as exchange records."""
    from kiz_graph import demo

    if scale not in SCALES:
        raise ValueError(f"scale must be one of {', '.join(SCALES)}, not {scale!r}")
    return demo.generate(
        [dict(row) for row in read_seed("regions")],
        [dict(row) for row in read_seed("municipalities")],
        scale=scale,
        seed=seed_number,
    )


def seed_demo(db: Database, scale: str = "demo", seed_number: int = 1, *, progress: bool = False) -> dict[str, int]:
    """Seeds plus the demo network, validated like any other write and loaded in batches."""
    seed(db)
    return writer.write(db, demo_records(scale, seed_number), progress=progress)
