"""The places of a region where its organisations sit: municipalities, or a city's quarters."""

from __future__ import annotations

import random
from dataclasses import dataclass

from .draw import Weighted, pick

CITY_QUARTERS = ("Mitte", "Nord", "Süd", "Ost", "West", "Innenstadt")

# Postcode ranges by the district digit of the region key (1 Düsseldorf ... 9 Arnsberg).
_POSTCODES = {
    "1": ((40000, 47999),), "3": ((50000, 53999),), "5": ((45000, 49999),),
    "7": ((32000, 33999),), "9": ((44000, 45999), (57000, 59999)),
}


@dataclass
class Place:
    ags: str | None  # the municipality
    city: str
    label: str  # the city, or "Dortmund-Nord" for a quarter
    postcode: int  # the lowest ...
    span: int  # ... and how many more there are
    area: str  # telephone area code


def region_places(rng: random.Random, reg) -> tuple[list[Place], Weighted, Place]:
    """The places, drawn by size, and the seat. A Kreis has its municipalities, the biggest
    the seat; a city its centre (the seat) and its quarters."""
    digit = reg.ags[2] if len(reg.ags) > 2 else "9"
    ranges = _POSTCODES.get(digit, ((40000, 59999),))
    prefix = "05" if digit == "7" else "02"
    places, weights = [], []
    if reg.is_kreis and reg.municipalities:
        seat_word = reg.short.split(" ")[-1]
        for ags, name in reg.municipalities:
            lo, hi = pick(rng, ranges)
            pc = rng.randint(lo, hi - 10)
            area = prefix + str(rng.randint(100, 999))
            places.append(Place(ags, name, name, pc, rng.randint(0, 3), area))
            w = rng.lognormvariate(0.0, 0.6)
            if name == seat_word or name.split(" ")[0] == seat_word:
                w *= 3.0
            weights.append(w)
        seat_index = max(range(len(places)), key=lambda i: (weights[i], -i))
    else:
        city_ags = reg.municipalities[0][0] if reg.municipalities else None
        city = reg.city
        lo, hi = pick(rng, ranges)
        base = rng.randint(lo, hi - 400)
        area = prefix + str(rng.randint(10, 99))
        places.append(Place(city_ags, city, city, base, 40, area))
        weights.append(4.0)
        for i, quarter in enumerate(CITY_QUARTERS):
            places.append(Place(city_ags, city, f"{city}-{quarter}", base + 50 * (i + 1), 40, area))
            weights.append(1.0)
        seat_index = 0
    return places, Weighted(places, weights), places[seat_index]
