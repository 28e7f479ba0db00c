"""Plain charts for the PDF reports: matplotlib on its Agg backend (no display), PNG bytes.

Each function returns ``{section title: [png, …]}``: the PDF puts them under that section.
Labels are the German names the tables use.
"""

from __future__ import annotations

import io

from kiz_graph.records.vocabulary import type_name, vocabulary
from kiz_graph.reports.figures import CentreFigures, Statewide

BLUE, ORANGE, GREY = "#1f5f99", "#d9822b", "#8a8a8a"


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")  # before pyplot: never a window, also on a server without display
    import matplotlib.pyplot as plt

    return plt


def _png(figure) -> bytes:
    out = io.BytesIO()
    figure.tight_layout()
    figure.savefig(out, format="png", dpi=130)
    _pyplot().close(figure)
    return out.getvalue()


def _bars(title: str, labels: list[str], series: dict[str, list[float]], colours=(BLUE, ORANGE)) -> bytes:
    """Horizontal bars, one group per label, one bar per series."""
    plt = _pyplot()
    figure, axes = plt.subplots(figsize=(7.5, 0.45 * max(len(labels), 2) + 1.2))
    height = 0.8 / max(len(series), 1)
    for index, ((name, values), colour) in enumerate(zip(series.items(), colours)):
        axes.barh([i + index * height for i in range(len(labels))], values, height, label=name, color=colour)
    axes.set_yticks([i + height * (len(series) - 1) / 2 for i in range(len(labels))], labels, fontsize=8)
    axes.invert_yaxis()
    axes.set_title(title, fontsize=10)
    axes.xaxis.get_major_locator().set_params(integer=True)
    if len(series) > 1:
        axes.legend(fontsize=8)
    axes.spines[["top", "right"]].set_visible(False)
    return _png(figure)


def _lines(title: str, years: list[int], series: dict[str, list[float]]) -> bytes:
    plt = _pyplot()
    figure, axes = plt.subplots(figsize=(7.5, 2.6))
    for (name, values), colour in zip(series.items(), (BLUE, ORANGE, GREY)):
        axes.plot(years, values, marker="o", label=name, color=colour)
    axes.set_xticks(years, [str(y) for y in years], fontsize=7)
    axes.yaxis.get_major_locator().set_params(integer=True)
    axes.set_ylim(bottom=0)
    axes.set_title(title, fontsize=10)
    axes.legend(fontsize=8)
    axes.spines[["top", "right"]].set_visible(False)
    return _png(figure)


def centre_charts(c: CentreFigures) -> dict[str, list[bytes]]:
    charts: dict[str, list[bytes]] = {}
    comparison = c.staffing.comparison()
    if comparison:
        charts["Personal"] = [_bars("Stellen: Ist und Vorgabe des Konzepts", [r["what"] for r in comparison],
                                    {"Ist": [r["has"] for r in comparison],
                                     "Vorgabe": [r["target"] for r in comparison]})]
    by_type = c.cooperations.by(0)
    years = list(c.trend)
    charts["Kooperationen"] = [_lines("Aktive Kooperationen am 31.12.", years,
                                      {"Aktive Kooperationen": [c.trend[y]["active_cooperations"] for y in years]})]
    if by_type:
        started_ended = {"Begonnen": [n[0] for n in by_type.values()], "Beendet": [n[1] for n in by_type.values()]}
        charts["Kooperationen"].insert(0, _bars(f"Kooperationen {c.year} nach Partnertyp",
                                                [type_name(t) for t in by_type], started_ended))
    tasks = vocabulary("tasks")
    charts["Angebote"] = [_bars(f"Angebote {c.year} nach Aufgabe", [_short(tasks.german(t)) for t in tasks.keys],
                                {"Angebote": [c.offers.tasks[t] for t in tasks.keys]})]
    return charts


def statewide_charts(state: Statewide) -> dict[str, list[bytes]]:
    years = [t["year"] for t in state.trend]
    return {"Entwicklung": [
        _lines("Aktive Kooperationen am 31.12. (alle Zentren)", years,
               {"Aktive Kooperationen": [t["active_cooperations"] for t in state.trend]}),
        _lines("Zentren mit offenen Pflicht-Lücken am 31.12.", years,
               {"Zentren": [t["centres_with_gaps"] for t in state.trend]}),
        _lines("Angebote (alle Zentren)", years, {"Angebote": [t["offers"] for t in state.trend]}),
    ]}


def _short(text: str, width: int = 55) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"
