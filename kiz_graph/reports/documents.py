"""The reports as tables of names and numbers: each section once, as a list of
:class:`Table`, which the PDF (``pdf.py``) and the workbook (``workbook.py``) both render.

Names, never ids: centres, partner types, forms, tasks, fields and stages in German.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kiz_graph import german
from kiz_graph.check.requirement import STATUS_DE
from kiz_graph.records.vocabulary import education_chain, type_name, vocabulary
from kiz_graph.reports.figures import NO_TASK, NUMBERS, SECTIONS, CentreFigures, Statewide, year_end

__all__ = ["Section", "Table", "centre_sections", "statewide_sections"]


@dataclass
class Table:
    headings: list[str]
    rows: list[list]
    chart: str | None = None  # "bar" or "line": the workbook draws its numeric columns (PDF: see charts.py)
    caption: str = ""


@dataclass
class Section:
    title: str  # also the sheet's name
    tables: list[Table] = field(default_factory=list)
    text: list[str] = field(default_factory=list)  # lines above the tables


def _yes(flag: bool) -> str:
    return "ja" if flag else "nein"


def _german(name: str, key: str | None) -> str:
    return vocabulary(name).german(key) if key else "–"


def _status(status: str | None) -> str:
    return STATUS_DE.get(status, "nicht geprüft") if status else "nicht geprüft"


def _change(row: dict) -> str:
    if row["previous"] == row["status"]:
        return "unverändert"
    if row["status"] == "met":
        return "neu erfüllt"
    return "nicht mehr erfüllt" if row["previous"] == "met" else "verändert"


def centre_sections(c: CentreFigures) -> list[Section]:
    """The Sachbericht of one centre, section by section."""
    year, numbers, s = c.year, c.numbers(), c.staffing
    overview = Section("Überblick", [Table(["Angabe", "Wert"], [
        ["Zentrum", c.name], ["Regierungsbezirk", c.district], ["Berichtsjahr", year],
        ["Stichtag", german.date(year_end(year))], ["Rechtsgrundlage der Prüfung", c.check.rule_set_title],
        [f"Rechtsgrundlage am {german.date(year_end(year - 1))}", c.check.previous_rule_set_title],
    ] + [[heading, numbers[key]] for key, heading in NUMBERS.items()])])

    order = {key: i for name in ("professions", "funding", "position_roles") for i, key in
             enumerate(vocabulary(name).keys)}  # the vocabularies' order, not the keys' alphabet
    posts = [[_german("professions", p), _german("funding", f), s.posts[(p, f)], round(s.fte[(p, f)], 2)]
             for p, f in sorted(s.posts, key=lambda pf: (order.get(pf[0], 99), order.get(pf[1], 99)))]
    staffing = Section("Personal", [
        Table(["Vorgabe", "Ist", "Soll", "Art", "Erfüllt"],
              [[r["what"], r["has"], r["target"], "mindestens" if r["kind"] == "min" else "höchstens", _yes(r["met"])]
               for r in s.comparison()], chart="bar", caption="Stellen nach dem Konzept"),
        Table(["Profession", "Finanzierung", "Stellen", "Stellenanteile (VZÄ)"],
              posts + [["Zusammen", "", s.total_posts, s.total_fte]],
              caption="Stellen nach Profession und Finanzierung"),
        Table(["Rolle", "Stellen"],
              [[_german("position_roles", r), n] for r, n in sorted(s.roles.items(), key=lambda rn: order[rn[0]])],
              caption="Leitung und Stellvertretung"),
    ], [f"Stellen am {german.date(year_end(year))} (gezählt werden Stellen, nicht Personen)."])

    k = c.cooperations
    cooperations = Section("Kooperationen", [
        Table(["Partnertyp", "Begonnen", "Beendet"], [[type_name(t), *n] for t, n in k.by(0).items()],
              chart="bar", caption=f"Kooperationen {year} nach Partnertyp"),
        Table(["Form", "Begonnen", "Beendet"], [[_german("cooperation_forms", f), *n] for f, n in k.by(1).items()],
              caption=f"Kooperationen {year} nach Form"),
        Table(["Jahr", "Aktive Kooperationen am 31.12."], [[y, t["active_cooperations"]] for y, t in c.trend.items()],
              chart="line", caption="Entwicklung seit 2013"),
    ], [f"Begonnen {year}: {numbers['started']}, beendet {year}: {numbers['ended']}, "
        f"aktiv am {german.date(year_end(year))}: {numbers['active']}."])

    networks = Section("Netzwerke", [Table(
        ["Netzwerk", "Mitglieder am 31.12.", "Beigetreten", "Ausgetreten"],
        [[n.name, n.members, n.joined, n.left] for n in c.networks]
        + [["Zusammen", numbers["members"], numbers["joined"], numbers["left"]]] * bool(c.networks),
        caption=f"Netzwerke, die das Zentrum {year} koordiniert")])

    o = c.offers
    tasks = vocabulary("tasks").keys + ((NO_TASK,) if o.tasks[NO_TASK] else ())
    offers = Section("Angebote", [
        Table(["Aufgabe", "Angebote"], [[_task(t), o.tasks[t]] for t in tasks], chart="bar",
              caption="Nach den 14 Aufgaben des Konzepts"),
        Table(["Handlungsfeld", "Angebote"], [[_german("fields_of_action", f), o.fields[f]]
                                              for f in vocabulary("fields_of_action").keys],
              caption="Nach Handlungsfeld"),
        Table(["Bildungsstufe", "Angebote"], [[_german("education_stages", x), o.stages[x]] for x in education_chain()],
              caption="Nach Stufe der Bildungskette"),
    ], [f"{german.plural(o.count, 'Angebot', 'Angebote')} {year} (nicht vor dem 01.01.{year} beendet)."])

    check_rows = c.check.rows()
    check = Section("Prüfung", [Table(
        ["Regel", "Titel", "Art", f"Stand 31.12.{year - 1}", f"Stand 31.12.{year}", "Veränderung"],
        [[r["rule"], r["title"], r["severity"], _status(r["previous"]), _status(r["status"]), _change(r)]
         for r in check_rows], caption="Kooperationsgebot am Jahresende")], [
        f"Geprüft nach: {c.check.rule_set_title}.",
        f"Offene Pflicht-Lücken am {german.date(year_end(year))}: {', '.join(c.check.open_gaps()) or 'keine'}; "
        f"am {german.date(year_end(year - 1))}: {', '.join(c.check.previous_gaps()) or 'keine'}."])
    return [overview, staffing, cooperations, networks, offers, check]


def _task(key: str) -> str:
    return "ohne Aufgabe" if key == NO_TASK else _german("tasks", key)


def statewide_sections(state: Statewide) -> list[Section]:
    """The statewide report: a section per group of figures, a row per centre and the medians,
    the offers by task, and the trend since 2013."""
    centres = sorted(state.centres, key=lambda c: german.sort_key(c.name))
    numbers = {c.id: c.numbers() for c in centres}
    sections = [Section("Überblick", [Table(["Angabe", "Wert"], [
        ["Berichtsjahr", state.year], ["Stichtag", german.date(year_end(state.year))],
        ["Rechtsgrundlage der Prüfung", state.rule_set_title], ["Zentren", len(centres)]]
        + [[f"Median: {heading}", state.medians[key]] for key, heading in NUMBERS.items()])])]
    for title, columns in SECTIONS.items():
        rows = [[c.name, c.district, *(numbers[c.id][key] for key in columns)] for c in centres]
        rows.append(["Median", "", *(state.medians[key] for key in columns)])
        sections.append(Section(title, [Table(["Zentrum", "Regierungsbezirk", *columns.values()], rows)]))
    tasks = vocabulary("tasks").keys
    task_rows = [[c.name, *(c.offers.tasks[t] for t in tasks)] for c in centres]
    task_rows.append(["Median", *(german.median([c.offers.tasks[t] for c in centres]) for t in tasks)])
    sections.append(Section("Aufgaben", [Table(["Zentrum", *(_task(t) for t in tasks)], task_rows,
                                               caption="Angebote nach den 14 Aufgaben")]))
    sections.append(Section("Entwicklung", [Table(
        ["Jahr", "Rechtsgrundlage", "Aktive Kooperationen am 31.12.", "Zentren mit offenen Pflicht-Lücken",
         "Angebote"],
        [[t["year"], t["rule_set"], t["active_cooperations"], t["centres_with_gaps"], t["offers"]]
         for t in state.trend], chart="line", caption="Entwicklung seit 2013, alle Zentren")]))
    return sections
