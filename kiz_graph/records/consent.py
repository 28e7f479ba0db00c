"""A person's consent on record, and its withdrawal.

A consent has a level (``consent``: none, internal, public), the day it was given, how it was
given (``consent_method``: written, by e-mail, oral), for which purpose, and who recorded it
(``consent_recorded_by``): the app sets that from the signed-in user whenever the consent
changes, so it is never typed. Withdrawal is an action of its own (:func:`withdraw`): the level
becomes ``none`` at once, so the person disappears from everything that needs consent, and the
history records that, when and by whom it was withdrawn, without the person's contact data.
"""

from __future__ import annotations

import datetime as dt

from kiz_graph.errors import Problem, ValidationError
from kiz_graph.records import audit, writer
from kiz_graph.store import versions
from kiz_graph.store.db import Database, run

__all__ = ["CONSENT_COLUMNS", "GIVEN", "recorder", "stamped", "withdraw"]

CONSENT_COLUMNS = ("consent", "consent_date", "consent_method", "consent_purpose")
GIVEN = ("internal", "public")  # the levels that are a consent


def stamped(record: dict, before: dict | None, recorded_by: str) -> dict:
    """``record`` as it is saved by a signed-in user: who recorded the consent, when it
    changed (else as it was), and no withdrawal any more once a consent is given again.

    >>> stamped({"consent": "public", "consent_date": "2024-03-01"}, None, "Anna Becker")["consent_recorded_by"]
    'Anna Becker'
    >>> old = {"consent": "none", "consent_recorded_by": "Bo", "consent_withdrawn_on": "2025-01-02"}
    >>> stamped({**old, "consent_recorded_by": "typed"}, old, "Anna Becker")["consent_recorded_by"]
    'Bo'
    >>> stamped({**old, "consent": "internal"}, old, "Anna Becker")["consent_withdrawn_on"] is None
    True
    """
    before = before or {}
    changed = any(not audit.same_state({"v": record.get(column)}, {"v": before.get(column)})
                  for column in CONSENT_COLUMNS)
    given_again = record.get("consent") in GIVEN and before.get("consent") not in GIVEN
    return {**record,
            "consent_recorded_by": recorded_by if changed else before.get("consent_recorded_by"),
            "consent_withdrawn_on": None if given_again else before.get("consent_withdrawn_on")}


def recorder(tx, username: str) -> str:
    """The name of the user who records a consent (their display name)."""
    return run(tx, "records/consent/recorder", username=username)[0]["name"]


def withdraw(db: Database, person_id: str, *, user: str, for_centre: str | None = None,
             today: dt.date | None = None) -> str:
    """Record that the person withdrew their consent, effective at once; returns the change's id.

    The recorded change holds the person's name, the level before and after, the day and who
    recorded it: not their e-mail, phone or anything else the consent covered."""
    return db.write_transaction(versions.renewing(_withdraw_in), person_id, user, for_centre,
                                today or dt.date.today())


def _withdraw_in(tx, person_id: str, user: str, for_centre: str | None, today: dt.date) -> str:
    key = (person_id,)
    current = writer.lock_and_read(tx, "persons", [key]).get(key)
    if current is None:
        raise ValidationError([Problem("id", f"Ansprechperson {person_id!r} gibt es nicht")])
    if current["consent"] not in GIVEN:
        raise ValidationError([Problem("consent", "Es liegt keine Einwilligung vor, die widerrufen werden könnte.")])
    by = recorder(tx, user)
    writer.write_in(tx, "persons", [{**current, "consent": "none", "consent_withdrawn_on": today,
                                     "consent_recorded_by": by}])
    plain = {"id": person_id, "name": current["name"]}
    centres = set(audit.centres_of(tx, "persons", current)) | ({for_centre} if for_centre else set())
    recorded = audit.Recorded("withdraw", key, {**plain, "consent": current["consent"]},
                              {**plain, "consent": "none", "consent_withdrawn_on": today, "consent_recorded_by": by},
                              centres)
    return audit.record(tx, user=user, kind="persons", changes=[recorded])[0]
