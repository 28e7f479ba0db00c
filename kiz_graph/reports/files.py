"""The reports as files: the Sachbericht of a centre and the statewide report, as PDF or
Excel workbook, from the figures of ``figures.py`` and the sections of ``documents.py``."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from kiz_graph.reports import charts, documents, pdf, workbook
from kiz_graph.reports.figures import CentreFigures, Statewide

#: The formats of the reports: content type and how to write each report.
CONTENT_TYPES = {"pdf": "application/pdf",
                 "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def file_name(year: int, fmt: str, centre: CentreFigures | None = None) -> str:
    """``sachbericht-2024-ki-05978.pdf`` or ``landesbericht-2024.xlsx`` (an id is fine in a file name)."""
    return (f"sachbericht-{year}-{centre.id}" if centre else f"landesbericht-{year}") + f".{fmt}"


def centre_pdf(c: CentreFigures) -> bytes:
    return pdf.render(f"Sachbericht {c.year}", c.name, documents.centre_sections(c), charts.centre_charts(c))


def centre_xlsx(c: CentreFigures) -> bytes:
    return workbook.render(f"Sachbericht {c.year} – {c.name}", documents.centre_sections(c))


def statewide_pdf(state: Statewide) -> bytes:
    return pdf.render(f"Landesbericht {state.year}", "Alle Kommunalen Integrationszentren in NRW",
                      documents.statewide_sections(state), charts.statewide_charts(state), landscape=True)


def statewide_xlsx(state: Statewide) -> bytes:
    return workbook.render(f"Landesbericht {state.year}", documents.statewide_sections(state))


def centre_file(c: CentreFigures, fmt: str) -> bytes:
    return centre_pdf(c) if fmt == "pdf" else centre_xlsx(c)


def statewide_file(state: Statewide, fmt: str) -> bytes:
    return statewide_pdf(state) if fmt == "pdf" else statewide_xlsx(state)


def write_whole(target: Path, data: bytes) -> None:
    """Whole or not at all: a temporary file beside the target, renamed onto it."""
    handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
