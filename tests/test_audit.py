"""The audit trail: who changed what, before and after, and undo (itself recorded)."""

from __future__ import annotations

import pytest

from kiz_graph import errors
from kiz_graph.errors import ValidationError
from kiz_graph.exchange import seeding
from kiz_graph.records import audit, edits
from kiz_graph.store import maintenance

MSO = {"id": "mso-1", "name": "Deutsch-Türkischer Elternverein Kamen e.V.", "type": "MSO",
       "region": "05978", "municipality": "05978020"}
KEY = ("ki-05978", "mso-1", "Projekt")


@pytest.fixture
def g(db):
    seeding.seed(db)
    return db


def test_every_change_is_recorded_with_before_and_after(g):
    edits.create(g, "organisations", MSO, user="anna")
    edits.create(g, "cooperations", {"from_id": "ki-05978", "to_id": "mso-1", "form": "Projekt",
                                     "since": "2014-06-01"}, user="anna")
    edits.end(g, "cooperations", KEY, "2020-12-31", user="ben")
    changes = audit.history(g, centre="ki-05978")
    assert [(c.user, c.action, c.kind) for c in changes] == [
        ("ben", "end", "cooperations"), ("anna", "create", "cooperations"), ("anna", "create", "organisations")]
    ended = changes[0]
    assert ended.before["until"] is None and ended.after["until"] == "2020-12-31"
    assert ended.summary == ("Kooperation mit Deutsch-Türkischer Elternverein Kamen e.V. (Projekt, seit 01.06.2014, "
                             "bis 31.12.2020) beendet")
    assert [c.action for c in audit.history(g, kind="cooperations", key=KEY)] == ["end", "create"]
    assert audit.history(g, centre="ki-05913") == []  # Dortmund's history does not show Unna's changes


def test_writes_without_a_user_are_not_recorded(g):
    edits.create(g, "organisations", MSO)
    assert audit.history(g, centre="ki-05978") == []


def test_undo_restores_the_record_and_is_recorded(g):
    edits.create(g, "organisations", MSO, user="anna")
    edits.create(g, "cooperations", {"from_id": "ki-05978", "to_id": "mso-1", "form": "Projekt",
                                     "since": "2014-06-01"}, user="anna")
    ended = edits.end(g, "cooperations", KEY, "2020-12-31", user="ben")
    assert ended["until"] is not None
    end_change = audit.history(g, kind="cooperations", key=KEY)[0]

    undo_change = edits.undo(g, end_change.id, user="carla")
    assert edits.get(g, "cooperations", KEY)["until"] is None
    assert (undo_change.user, undo_change.action, undo_change.undoes) == ("carla", "undo", end_change.id)
    with pytest.raises(ValidationError, match="bereits rückgängig"):
        edits.undo(g, end_change.id, user="carla")

    edits.undo(g, undo_change.id, user="carla")  # undoing the undo redoes
    assert edits.get(g, "cooperations", KEY)["until"].isoformat() == "2020-12-31"


def test_undoing_a_creation_removes_it_and_a_later_change_blocks_an_older_undo(g):
    edits.create(g, "organisations", MSO, user="anna")
    created = audit.history(g, centre="ki-05978")[0]
    edits.update(g, "organisations", "mso-1", {"email": "info@dtev-kamen.example"}, user="ben")
    with pytest.raises(ValidationError, match="erneut geändert"):
        edits.undo(g, created.id, user="anna")
    before = maintenance.snapshot(g)
    edits.undo(g, audit.history(g, centre="ki-05978")[0].id, user="anna")  # the email change
    assert edits.get(g, "organisations", "mso-1")["email"] is None
    edits.undo(g, created.id, user="anna")
    assert edits.get(g, "organisations", "mso-1") is None
    assert maintenance.snapshot(g) != before


def test_a_creation_that_others_refer_to_is_not_removed(g):
    edits.create(g, "organisations", MSO, user="anna")
    created = audit.history(g, centre="ki-05978")[0]
    edits.create(g, "cooperations", {"from_id": "ki-05978", "to_id": "mso-1", "form": "Projekt",
                                     "since": "2014-06-01"})
    with pytest.raises(ValidationError, match=r"wird inzwischen verwendet \(Kooperation von Kommunales "
                                              r"Integrationszentrum Kreis Unna\)"):
        edits.undo(g, created.id, user="anna")
    assert edits.get(g, "organisations", "mso-1") is not None


def test_a_write_for_one_centre_cannot_reach_into_another(g):
    dortmund_org = {**MSO, "id": "mso-do", "region": "05913", "municipality": "05913000"}
    edits.create(g, "organisations", dortmund_org)
    before = maintenance.snapshot(g)
    with pytest.raises(errors.OutOfScopeError):
        edits.update(g, "organisations", "mso-do", {"name": "Übernommen"}, user="anna", for_centre="ki-05978")
    with pytest.raises(errors.OutOfScopeError):
        edits.create(g, "organisations", {**MSO, "region": "05913", "municipality": None}, user="anna",
                     for_centre="ki-05978")
    with pytest.raises(errors.OutOfScopeError):  # moving one's own organisation away is refused too
        edits.create(g, "organisations", MSO, user="anna", for_centre="ki-05978") and edits.update(
            g, "organisations", "mso-1", {"region": "05913", "municipality": None}, user="anna", for_centre="ki-05978")
    assert edits.get(g, "organisations", "mso-do")["name"] == dortmund_org["name"]
    assert audit.history(g, centre="ki-05913") == []
    assert maintenance.snapshot(g) != before  # only the allowed creation of mso-1 happened
