"""Reading an ``.xlsx`` workbook without letting it cost the server: limits, checked before and while reading.

A workbook is a ZIP archive of XML parts. A small upload can unpack to gigabytes (a "bomb"),
so the sizes its archive declares are checked before openpyxl opens it; Python's ``zipfile``
never unpacks a part beyond its declared size, so the check holds. The sheets are then read
streaming, row by row as they stand in the XML, never by the ``<dimension>`` the file declares
(a stale one used to lose rows silently); rows, columns and cell lengths are counted as they
come. A limit that is hit is named in German; nothing of the workbook is read then.

The limits leave room for real files: the exchange export of the statewide demo network
(``kiz-graph seed --demo --scale statewide``, then ``kiz-graph export --format xlsx``) is an
8.8 MB workbook that unpacks to 81 MB, its biggest sheet 31 MB and 50,360 rows, every part
packed about 10 to 1.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from kiz_graph import german
from kiz_graph.errors import Problem

MAX_UNPACKED = 256_000_000  # bytes of all parts together: three times the statewide export's 81 MB
MAX_PART = 128_000_000  # bytes of one part (a sheet, the shared strings): four times its biggest sheet (31 MB)
MAX_RATIO = 100  # unpacked : packed, for a part above RATIO_FROM; real sheets pack about 10 to 1
RATIO_FROM = 1_000_000  # small parts may pack oddly well
MAX_ROWS = 200_000  # per sheet: four times the statewide export's biggest sheet (50,360 persons)
MAX_COLUMNS = 1_000  # the exchange format has at most 19 columns; hand-made lists a few more
MAX_CELL = 32_767  # characters in one cell: Excel's own limit


class Refused(Exception):
    """A workbook that is not read; ``problem`` says why."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


def _count(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _megabytes(size: int) -> str:
    return german.number(round(size / 1_000_000, 3)) + " MB"


def check_archive(path: Path) -> None:
    """Refuse a file that is no ZIP archive, or whose declared sizes are beyond the limits."""
    def refuse(message: str) -> Refused:
        return Refused(Problem("", message, source=path.name))

    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except zipfile.BadZipFile:
        with open(path, "rb") as file:
            begins_as_zip = file.read(4) == b"PK\x03\x04"
        raise refuse("keine lesbare Excel-Arbeitsmappe (" + (
            "die Datei ist beschädigt oder unvollständig)" if begins_as_zip else
            "die Datei ist kein ZIP-Archiv, wie es eine .xlsx-Datei ist: vielleicht eine umbenannte CSV- oder "
            ".xls-Datei)")) from None
    total = sum(part.file_size for part in parts)
    if total > MAX_UNPACKED:
        raise refuse(f"Die Datei ist zu groß: entpackt {_megabytes(total)} (erlaubt sind höchstens "
                     f"{_megabytes(MAX_UNPACKED)})")
    biggest = max(parts, key=lambda part: part.file_size, default=None)
    if biggest is not None and biggest.file_size > MAX_PART:
        raise refuse(f"Die Datei ist zu groß: ein Teil von ihr entpackt {_megabytes(biggest.file_size)} "
                     f"(erlaubt sind höchstens {_megabytes(MAX_PART)} je Teil)")
    for part in parts:
        if part.file_size > RATIO_FROM and part.file_size > MAX_RATIO * max(part.compress_size, 1):
            ratio = part.file_size // max(part.compress_size, 1)
            raise refuse(f"Die Datei ist ungewöhnlich stark gepackt: ein Teil von ihr wird entpackt "
                         f"{_count(ratio)}-mal so groß (erlaubt ist höchstens das {MAX_RATIO}-Fache, echte "
                         "Arbeitsmappen packen etwa 10 zu 1); bitte in Excel öffnen und neu speichern")


def sheet_rows(sheet, source: str, cell_text) -> list[tuple[int, list[str]]]:
    """The rows of a read-only sheet as (row number, cell texts), within the limits.

    ``reset_dimensions`` makes openpyxl read every row the XML holds; each row is checked
    before the next is read, so the first one too wide or too many stops the reading.
    """
    sheet.reset_dimensions()
    rows = []
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        if number > MAX_ROWS:
            raise Refused(Problem("", f"zu viele Zeilen: erlaubt sind höchstens {_count(MAX_ROWS)} je Blatt; "
                                      "bitte in mehreren Dateien hochladen", number, source))
        if len(values) > MAX_COLUMNS:
            raise Refused(Problem("", f"zu viele Spalten: erlaubt sind höchstens {_count(MAX_COLUMNS)}", number,
                                  source))
        texts = [cell_text(value) for value in values]
        for position, text in enumerate(texts):
            if len(text) > MAX_CELL:
                from openpyxl.utils import get_column_letter

                raise Refused(Problem(get_column_letter(position + 1), f"Zelle zu lang: {_count(len(text))} Zeichen, "
                                      f"erlaubt sind höchstens {_count(MAX_CELL)} (so viele fasst auch Excel)",
                                      number, source))
        rows.append((number, texts))
    return rows
