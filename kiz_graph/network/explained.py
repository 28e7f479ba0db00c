"""The network analysis in plain German: a name and a short help for every figure the
network pages show, in one place, for the centre's network page and the statewide overview.

The staff of a Kommunales Integrationszentrum know their partners, not network science:
each help says in a sentence or two what a figure means and why it matters for the
centre, without formulas. The technical term stays in brackets after the plain name, so
the figures can still be looked up (and match ``kiz-graph analyse``, which prints
:data:`~kiz_graph.network.analytics.MEASURES`).
"""

from __future__ import annotations

from typing import NamedTuple

from kiz_graph import german
from kiz_graph.network.analytics import MEASURES

__all__ = ["FIGURES", "MEASURE_NAMES", "Figure", "density_in_words"]


class Figure(NamedTuple):
    name: str  # plain German, as a heading, a table's header or a term shows it
    help: str  # what it means and why it matters for the centre


# Each figure: "key: plain name", then its help, indented (one paragraph). First the measures
# (the keys of ``MEASURES``, in their order), then the tables' columns and the analysis's sections.
_TEXTS = """
partners: Partner
    Organisationen, mit denen das Zentrum am Stichtag aktiv kooperiert.

cooperations: Aktive Kooperationen des Zentrums
    Laufende Kooperationen des Zentrums selbst; mit einem Partner können es mehrere sein.

ties_among_partners: Verbindungen unter Partnern
    Paare von Partnern, die auch miteinander kooperieren, ohne das Zentrum. Solche Verbindungen
    tragen das Netzwerk auch dann, wenn das Zentrum einmal nicht dabei ist.

density: Vernetzung (Dichte)
    Wie viele der möglichen Verbindungen unter den Partnern es gibt: 100 % hieße, jeder Partner
    kooperiert mit jedem. Ein kleiner Wert heißt, die meisten Partner kennen einander nur über das
    Zentrum.

communities: Gruppen (Gemeinschaften)
    Gruppen von Partnern, die untereinander eng verbunden sind, etwa die Schulen und Kitas eines
    Ortes. Sie zeigen, wo das Netzwerk schon von selbst trägt.

isolated: Nur über das Zentrum verbunden
    Partner ohne Kooperation mit einem anderen Partner: Sie hängen ganz am Zentrum. Ein Kontakt zu
    einem zweiten Partner macht sie unabhängiger.

weakly_tied: Nur lose verbunden
    Partner, deren Kooperationen alle informell sind oder nur über ein Netzwerk laufen. Eine
    Vereinbarung oder ein gemeinsames Projekt würde die Zusammenarbeit festigen.

stale: Ohne Kontakt seit 12 Monaten
    Aktive Kooperationen des Zentrums, bei denen im Jahr vor dem Stichtag kein Kontakt erfasst ist:
    Hier lohnt sich eine Nachfrage.

key_partners: Schlüsselpartner
    Die Partner mit den meisten Verbindungen zu anderen Partnern: Über sie erreicht das Zentrum
    viele andere.

degree: Partner im Netz
    Mit wie vielen anderen Partnern des Zentrums eine Organisation kooperiert.

betweenness: Vermittlerrolle (Zwischenzentralität)
    Vermittlerrolle: über wen viele kürzeste Wege zwischen anderen Partnern laufen. 0 heißt, niemand
    braucht diesen Partner als Brücke; je näher an 1, desto mehr Wege laufen über ihn. Fällt er weg,
    zerfällt das Netzwerk leichter.

brokers: Vermittler zwischen Gruppen
    Partner mit Kooperationen in andere Gruppen als die eigene. Sie bringen Gruppen zusammen, die
    sonst nur über das Zentrum verbunden wären.

suggestions: Vorschläge
    Organisationen, die noch nicht zusammenarbeiten, aber gut zueinander passen: für eine offene
    Pflicht-Lücke des Zentrums, oder Schule, Kita und Migrantenselbstorganisation desselben Ortes.

adamic_adar: Nähe (Adamic-Adar)
    Vorschlag: Partner, die viele gemeinsame Partner haben, aber noch nicht kooperieren. Je höher
    der Wert, desto näher stehen sie einander; ein gemeinsamer Partner mit wenigen Kontakten zählt
    mehr als einer, der alle kennt.
"""


def _figures(text: str) -> dict[str, Figure]:
    figures = {}
    for block in text.strip().split("\n\n"):
        head, *body = block.splitlines()
        key, _, name = head.partition(": ")
        figures[key] = Figure(name, " ".join(line.strip() for line in body))
    return figures


#: Every figure of the network analysis by key: its plain name and help.
FIGURES: dict[str, Figure] = _figures(_TEXTS)

#: The plain names of the measures, in the order of ``MEASURES``.
MEASURE_NAMES: dict[str, str] = {key: FIGURES[key].name for key in MEASURES}


def density_in_words(density: float) -> str:
    """The density as a share and what it says: ``0,5 % der möglichen Verbindungen gibt es –
    die meisten Partner kennen einander nur über das Zentrum.``"""
    share = german.number(round(density * 100, 1))
    if density < 0.1:
        reading = "die meisten Partner kennen einander nur über das Zentrum"
    elif density < 0.3:
        reading = "ein Teil der Partner kooperiert auch untereinander"
    else:
        reading = "viele Partner kooperieren auch untereinander"
    return f"{share} % der möglichen Verbindungen gibt es – {reading}."
