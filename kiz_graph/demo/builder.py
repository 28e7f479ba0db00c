"""What one region's build shares: its random generator, places and records so far, and the
one way to add a cooperation. The modules organisations, persons, cooperations, networks
and offers decide what a region gets."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import NamedTuple

from .draw import Weighted, early_date, pick, rand_date
from .gaps import Profile, without_missing_field
from .names import Names
from .places import Place, region_places
from .pools import pools
from .regions import Region
from .vocabulary import DAY, FIELDS, LAST_DAY, ORGANISATION_TYPES, SHOWCASE_CENTRE, STALE_BEFORE

_COOPERATION_FORMS = Weighted(("Kooperationsvereinbarung", "Netzwerk", "Projekt", "informell"), (350, 250, 200, 200))
_FORMS = ("Kooperationsvereinbarung", "Netzwerk", "Projekt", "informell", "Beteiligung")  # in this order when taken


class OrgMeta(NamedTuple):
    """What the build keeps about an organisation beyond its record."""

    place: Place
    domain: str
    start: date | None  # a funded structure's start
    origin: str | None  # where a migrant organisation's members come from


class RegionBuilder:
    """Builds everything of one region; appends records to the shared output lists."""

    def __init__(self, reg: Region, prof: Profile, centre: dict, scale: float, seed,
                 scale_name: str, out: dict, schulnummern: dict):
        self.reg = reg
        self.prof = prof
        self.centre = centre
        self.factor = scale
        self.out = out
        self.schulnummern = schulnummern  # statewide: school numbers are unique in NRW
        self.pools = pools()
        self.rng = random.Random(f"kiz-demo:{seed}:{scale_name}:{reg.ags}")
        self.names = Names(reg.is_kreis)
        self.orgs: list = []
        self.by_type: dict = {t: [] for t in ORGANISATION_TYPES}
        self.org_meta: dict = {}  # organisation id -> OrgMeta
        self.federations: list = []  # those with a regional branch here
        self.n_org = 0
        self.n_person = 0
        self.n_offer = 0
        self.coop_keys: set = set()
        self.showcase = reg.centre_id == SHOWCASE_CENTRE
        self.boost = 1.4 if self.showcase else 1.0
        self.languages_seen: set = set()  # working languages of the migrant organisations
        self.places, self._places_by_size, self.seat = region_places(self.rng, reg)

    def pick(self, seq):
        return pick(self.rng, seq)

    def place(self) -> Place:
        return self._places_by_size.pick(self.rng)

    def street(self) -> str:
        return f"{self.pick(self.pools.streets)} {self.rng.randint(1, 140)}"

    def count(self, type_: str) -> int:
        """How many organisations of a type the region gets."""
        n = round(self.pools.type_totals[type_] * self.factor * self.reg.weight * self.boost)
        minimum = self.pools.type_minimum[type_]
        if type_ == "FundedStructure" and self.showcase:
            minimum = 4
        return max(minimum, n)

    # ------------------------------------------------------------------- cooperations
    def cooperation(self, from_id: str, to: dict, form: str, since: date, until=None, fields=(),
                    note=None):
        rng = self.rng
        # A cooperation is one per pair and form: a pair's further one takes a form it has not yet.
        form = next((f for f in (form, *_FORMS) if (from_id, to["id"], f) not in self.coop_keys), None)
        if form is None:
            return
        if until is not None and until < since:
            until = since
        self.coop_keys.add((from_id, to["id"], form))
        if since > LAST_DAY:
            last = None
        elif rng.random() < 0.08:
            last = None
        else:
            end = min(until or LAST_DAY, LAST_DAY)
            if rng.random() < 0.25 and since < STALE_BEFORE:
                last = rand_date(rng, since, min(end, STALE_BEFORE - DAY))
            else:
                last = rand_date(rng, max(since, end - timedelta(days=300)), end)
        fields = [f for f in FIELDS if f in fields]
        if from_id == self.reg.centre_id:
            fields = without_missing_field(self.prof, fields)
        agreement = None
        if form == "Kooperationsvereinbarung" and since <= LAST_DAY:
            agreement = f"Kooperationsvereinbarung vom {since:%d.%m.%Y}"
        elif form == "Projekt" and rng.random() < 0.4:
            agreement = f"Projektvertrag {since.year}"
        if note is None and rng.random() < 0.12:
            note = self.pick(self.pools.notes)
        self.out["cooperations"].append({
            "from_id": from_id,
            "to_id": to["id"],
            "form": form,
            "since": since,
            "until": until,
            "fields": fields,
            "agreement": agreement,
            "last_contact": last,
            "note": note,
        })

    def coop_fields(self, org: dict) -> list:
        """The fields of a cooperation with org: its own, two at most."""
        fields = list(org["fields"])
        if len(fields) > 2:
            fields = self.rng.sample(fields, 2)
        return fields

    def form(self) -> str:
        return _COOPERATION_FORMS.pick(self.rng)

    def since_after(self, lo: date | None = None, hi: date = LAST_DAY - timedelta(days=20)) -> date:
        """A start after the centre opened (and after lo), early more often than late."""
        opened = self.centre["opened_on"]
        return early_date(self.rng, max(lo or opened, opened), hi)

    def ended(self, since: date) -> date:
        """An end at least half a year after since (if there is room), before LAST_DAY."""
        hi = LAST_DAY - timedelta(days=1)
        return rand_date(self.rng, max(since, min(since + timedelta(days=180), hi)), hi)
