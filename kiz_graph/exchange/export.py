"""``kiz-graph export``: the graph in the exchange format (CSV, XLSX) or for network tools.

CSV and XLSX are the exchange format, so that importing an export into a seeded, empty
database gives the same graph. GraphML, GEXF and JSON come from
``kiz_graph.network.graph_files``, for Gephi, Cytoscape and scripts.
"""

from __future__ import annotations

from pathlib import Path

from kiz_graph.errors import UnknownCentreError
from kiz_graph.exchange import formats
from kiz_graph.records import downloads, naming
from kiz_graph.records.schema import LOAD_ORDER
from kiz_graph.store.db import Database

__all__ = ["FORMATS", "UnknownCentreError", "exchange_records", "export"]

FORMATS = ("csv", "xlsx", "graphml", "gexf", "json")


def exchange_records(db: Database, centre: str | None = None) -> dict[str, list[dict]]:
    """Every record of the graph in the exchange format, or those of one centre's network."""
    if centre is None:
        return {kind: db.read(f"records/get/{kind}", ids=None, keys=None) for kind in LOAD_ORDER}
    scopes = db.read("exchange/export/centre_scope", centre=centre)
    if not scopes:
        raise UnknownCentreError(f"unknown centre {centre!r}")
    scope = scopes[0]
    records = {}
    for kind in LOAD_ORDER:
        if kind == "centres":
            records[kind] = db.read("records/get/centres", ids=[centre])
        elif kind in ("cooperations", "network_members"):
            records[kind] = db.read(f"records/get/{kind}", keys=scope[kind])
        else:
            records[kind] = db.read(f"records/get/{kind}", ids=scope[kind])
    return records


def export(db: Database, target: Path, fmt: str = "csv", centre: str | None = None, *,
           user: str | None = None) -> list[Path]:
    """Write the export into the folder ``target``; returns the files written. With ``user``
    (``downloads.CLI_USER`` from the command line), the export is recorded as a download with
    the contact persons it holds."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    stem = centre or "kiz-graph"
    if fmt in ("csv", "xlsx"):
        records = exchange_records(db, centre)
        persons = [record["id"] for record in records["persons"]]
        written = (formats.write_csv_folder(target, records) if fmt == "csv"
                   else [formats.write_workbook(target / f"{stem}.xlsx", records)])
    else:
        from kiz_graph.network import graph_files

        graph = graph_files.network(db, centre)  # raises UnknownCentreError
        persons = graph_files.person_ids(graph)
        target.mkdir(parents=True, exist_ok=True)
        written = [target / f"{stem}.{fmt}"]
        written[0].write_bytes(graph_files.write(graph, fmt))
    if user is not None:
        downloads.record(db, user=user, kind=f"export_{fmt}", centre=centre, person_ids=persons,
                         what=f"Netzwerk: {naming.names(db, {centre}).get(centre, centre)}" if centre else "alles")
    return written
