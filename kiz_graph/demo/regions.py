"""The regions (Kreise and kreisfreie Städte), the forms of their names, their size, and
what the project's seeds know about their centres."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .pools import pools

_NRW_POPULATION = 17_950  # thousands

# Facts the project's seeds cite (seeds/centres.csv); the demo does not contradict them.
RAA_KNOWN = {  # centre -> whether an RAA preceded it
    "ki-05112": True, "ki-05114": True, "ki-05314": True, "ki-05334": True,
    "ki-05334002": True, "ki-05374": False, "ki-05914": True, "ki-05978": True,
}
RAA_DATE_KNOWN = {"ki-05114": date(2013, 8, 1), "ki-05334": date(2013, 7, 1)}
OPENED_KNOWN = {"ki-05114": date(2013, 8, 1), "ki-05334": date(2013, 7, 1)}
LATE_CENTRES = {  # applied between, opened between
    "ki-05558": ((date(2015, 2, 1), date(2015, 6, 30)), (date(2015, 9, 1), date(2015, 12, 15))),
    "ki-05566": ((date(2015, 9, 1), date(2015, 12, 31)), (date(2016, 7, 1), date(2016, 7, 1))),
}
KREFELD = "ki-05114"


@dataclass
class Region:
    ags: str
    name: str
    kind: str
    district: str
    is_kreis: bool
    centre_id: str
    city: str  # the city's name (cities) or the region's name (Kreise)
    label: str  # "Kreis Unna", "Dortmund", "Stadt Aachen"
    short: str  # "Unna", "Rhein-Erft", "Dortmund"
    acc: str  # "den Kreis Unna", "die Stadt Dortmund"
    gen: str  # "des Kreises Unna", "der Stadt Dortmund"
    dat: str  # "im Kreis Unna", "in der Stadt Dortmund"
    municipalities: list  # [(ags, name)]
    weight: float  # share of NRW's population


def _region(raw: dict, munis: list) -> Region:
    ags = str(raw["ags"]).strip()
    name = str(raw["name"]).strip()
    kind = str(raw.get("kind") or "").strip()
    is_kreis = kind == "Kreis"
    if is_kreis:
        if name.startswith("StädteRegion"):
            acc, gen, dat, short = "die " + name, "der " + name, "in der " + name, name
        elif name.startswith("Kreis "):
            rest = name[6:]
            acc, gen, dat, short = "den " + name, "des Kreises " + rest, "im " + name, rest
        else:
            words = name.split(" ")
            if len(words) == 2 and words[1] == "Kreis" and words[0].endswith("er"):
                adj = words[0][:-2] + "en"  # Märkischer Kreis -> den Märkischen Kreis
                acc, gen, dat = f"den {adj} Kreis", f"des {adj} Kreises", f"im {adj} Kreis"
                short = name
            elif "Kreis " in name:  # Rhein-Kreis Neuss
                acc, gen, dat = "den " + name, "des " + name.replace("Kreis ", "Kreises ", 1), "im " + name
                short = name
            else:  # Rhein-Erft-Kreis, Hochsauerlandkreis
                acc, gen, dat = "den " + name, "des " + name + "es", "im " + name
                if name.endswith("-Kreis"):
                    short = name[:-6]
                elif name.endswith("kreis"):
                    short = name[:-5]
                else:
                    short = name
        city = name
        label = name
    else:
        city = name[6:] if name.startswith("Stadt ") else name
        label = name
        short = city
        acc, gen, dat = "die Stadt " + city, "der Stadt " + city, "in der Stadt " + city
    population = pools().population
    if ags in population:
        pop = population[ags]
    else:
        pop = 200 if not is_kreis else max(100, 30 * len(munis))
    return Region(
        ags=ags, name=name, kind=kind, district=str(raw.get("district") or ""),
        is_kreis=is_kreis, centre_id="ki-" + ags, city=city, label=label, short=short,
        acc=acc, gen=gen, dat=dat, municipalities=munis, weight=pop / _NRW_POPULATION,
    )


def region_list(raw_regions, municipalities=()) -> list[Region]:
    """The regions in order of their key, each with its municipalities."""
    by_region: dict[str, list] = {}
    for m in municipalities:
        by_region.setdefault(str(m["region"]).strip(), []).append(
            (str(m["ags"]).strip(), str(m["name"]).strip())
        )
    out = []
    seen = set()
    for raw in raw_regions:
        ags = str(raw["ags"]).strip()
        if ags in seen:
            raise ValueError(f"regions: duplicate ags {ags!r}")
        seen.add(ags)
        out.append(_region(raw, sorted(by_region.get(ags, []))))
    out.sort(key=lambda r: r.ags)
    return out
