"""Names: slugs for email addresses and websites, and one name per organisation in a region."""

from __future__ import annotations

import itertools
import re
import unicodedata

from .places import CITY_QUARTERS, Place

_TRANSLIT = str.maketrans(
    {
        "ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue",
        "ı": "i", "İ": "i", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "æ": "ae", "ø": "o",
        "–": "-",
    }
)
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def slug(text: str) -> str:
    """``Lünen-Süd e.V.`` -> ``luenen-sued-e-v``."""
    text = text.translate(_TRANSLIT)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NON_ALNUM.sub("-", text.lower()).strip("-")


def domain(name: str, limit: int = 42) -> str:
    """The organisation's web domain under the reserved top-level domain ``.example``."""
    for suffix in (" e.V.", " gGmbH", " GmbH"):
        name = name.replace(suffix, "")
    text = slug(name)
    if len(text) > limit:
        text = text[:limit].rsplit("-", 1)[0]
    return text + ".example"


def roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


class Names:
    """The organisation names given in one region: every organisation gets its own."""

    def __init__(self, is_kreis: bool):
        self.is_kreis = is_kreis
        self.taken: set = set()

    def unique(self, base: str, place: Place, street: str) -> str:
        """``base``, or the first free one of: with the place, with a city quarter instead
        of the city, with the street, numbered II, III, ..."""
        name = next(c for c in self._candidates(base, place, street) if c not in self.taken)
        self.taken.add(name)
        return name

    def _candidates(self, base: str, place: Place, street: str):
        yield base
        core, suffix = (base[:-5], " e.V.") if base.endswith(" e.V.") else (base, "")
        if place.city not in core and place.label not in core:
            yield f"{core} {place.label}{suffix}"
            core = f"{core} {place.label}"
        elif not self.is_kreis and place.city in core and f"{place.city}-" not in core:
            for quarter in CITY_QUARTERS:  # "Volkshochschule Dortmund" -> "... Dortmund-Nord"
                yield core.replace(place.city, f"{place.city}-{quarter}", 1) + suffix
        yield f"{core} ({street.rsplit(' ', 1)[0]}){suffix}"
        for n in itertools.count(2):
            yield f"{core} {roman(n)}{suffix}"
