"""Users, sign-in and permissions on a real, freshly migrated and seeded database."""

import datetime as dt

import pytest
from argon2 import PasswordHasher
from auth import PASSWORD

from kiz_graph import users
from kiz_graph.errors import ValidationError
from kiz_graph.exchange import seeding
from kiz_graph.users import User

UNNA, DORTMUND = "ki-05978", "ki-05913"
NOON = dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.timezone.utc)


@pytest.fixture
def seeded(db):
    seeding.seed(db)
    return db


def _user_count(db) -> int:
    return db.run_text("MATCH (u:User) RETURN count(u) AS n", write=False)[0]["n"]


def _node(db, username: str) -> dict:
    rows = db.run_text("MATCH (u:User {username: $u}) RETURN properties(u) AS p", {"u": username}, write=False)
    return rows[0]["p"]


def test_creating_a_user_of_each_role(seeded):
    coordination = users.create_user(seeded, "Lea.Koordination@LAKI", PASSWORD, "coordination",
                                     display_name="Lea Beispiel")
    staff = users.create_user(seeded, "unna-team", PASSWORD, "centre_staff", centres=[UNNA, DORTMUND, UNNA])
    partner = users.create_user(seeded, "awo_unna", PASSWORD, "partner")

    assert coordination == User("lea.koordination@laki", "Lea Beispiel", "coordination", (), False)
    assert staff == User("unna-team", "unna-team", "centre_staff", (DORTMUND, UNNA), False)
    assert partner == User("awo_unna", "awo_unna", "partner", (), False)
    assert users.list_users(seeded) == [partner, coordination, staff]
    assert users.get_user(seeded, "Unna-Team") == staff
    assert users.get_user(seeded, "nobody") is None
    assert isinstance(_node(seeded, "unna-team")["created_at"], dt.datetime)


@pytest.mark.parametrize(("username", "password", "role", "centres", "field"), [
    ("ab", PASSWORD, "partner", (), "username"),
    ("x" * 65, PASSWORD, "partner", (), "username"),
    ("mit leerzeichen", PASSWORD, "partner", (), "username"),
    ("jörg", PASSWORD, "partner", (), "username"),
    ("kurz", "elf-Zeichen", "partner", (), "password"),
    ("rolle", PASSWORD, "admin", (), "role"),
    ("ohne-zentrum", PASSWORD, "centre_staff", (), "centres"),
    ("falsches-zentrum", PASSWORD, "centre_staff", (UNNA, "ki-99999"), "centres"),
    ("partner-mit-zentrum", PASSWORD, "partner", (UNNA,), "centres"),
    ("koordination-mit-zentrum", PASSWORD, "coordination", (DORTMUND,), "centres"),
])
def test_every_validation_error_names_its_field_and_writes_nothing(seeded, username, password, role, centres, field):
    with pytest.raises(ValidationError) as caught:
        users.create_user(seeded, username, password, role, centres=centres)
    assert [problem.column for problem in caught.value.problems] == [field]
    assert caught.value.problems[0].message
    assert _user_count(seeded) == 0


def test_all_problems_are_reported_at_once(seeded):
    with pytest.raises(ValidationError) as caught:
        users.create_user(seeded, "x", "kurz", "centre_staff")
    assert set(caught.value.by_column()) == {"username", "password", "centres"}


def test_a_username_is_taken_in_any_case(seeded):
    users.create_user(seeded, "lea", PASSWORD, "partner")
    with pytest.raises(ValidationError) as caught:
        users.create_user(seeded, "LEA", "ein-anderes-Passwort", "coordination")
    assert caught.value.by_column() == {"username": "ist bereits vergeben"}
    assert users.list_users(seeded) == [User("lea", "lea", "partner", (), False)]


def test_the_password_is_never_stored_in_plain_text(seeded):
    users.create_user(seeded, "lea", PASSWORD, "partner")
    users.authenticate(seeded, "lea", PASSWORD)
    properties = _node(seeded, "lea")
    assert not any(PASSWORD in str(value) for value in properties.values())
    assert properties["password_hash"].startswith("$argon2id$")


def test_authenticate_right_wrong_unknown_and_disabled(seeded):
    lea = users.create_user(seeded, "lea", PASSWORD, "partner")
    assert users.authenticate(seeded, "Lea", PASSWORD) == lea
    assert users.authenticate(seeded, "lea", PASSWORD + "!") is None
    assert users.authenticate(seeded, "lea", "") is None
    assert users.authenticate(seeded, "nobody", PASSWORD) is None

    assert users.disable(seeded, "lea").disabled
    assert users.authenticate(seeded, "lea", PASSWORD) is None
    assert users.enable(seeded, "lea") == lea
    assert users.authenticate(seeded, "lea", PASSWORD) == lea


def test_five_failures_lock_the_user_for_fifteen_minutes(seeded):
    users.create_user(seeded, "lea", PASSWORD, "partner")
    for minute in range(users.MAX_FAILURES):
        assert users.authenticate(seeded, "lea", "falsches-Passwort", now=NOON + dt.timedelta(minutes=minute)) is None
    locked_at = NOON + dt.timedelta(minutes=users.MAX_FAILURES - 1)

    # Even the right password fails while the lock lasts ...
    assert users.authenticate(seeded, "lea", PASSWORD, now=locked_at + dt.timedelta(minutes=14, seconds=59)) is None
    # ... and works again afterwards.
    assert users.authenticate(seeded, "lea", PASSWORD, now=locked_at + users.LOCK_TIME) is not None
    assert "locked_until" not in _node(seeded, "lea")


def test_a_successful_sign_in_forgets_earlier_failures(seeded):
    users.create_user(seeded, "lea", PASSWORD, "partner")
    for _ in range(2):
        for _ in range(users.MAX_FAILURES - 1):
            assert users.authenticate(seeded, "lea", "falsches-Passwort", now=NOON) is None
        assert users.authenticate(seeded, "lea", PASSWORD, now=NOON) is not None
    assert _node(seeded, "lea")["failed_sign_ins"] == 0


def test_a_new_password_replaces_the_old_one_and_lifts_a_lock(seeded):
    users.create_user(seeded, "lea", PASSWORD, "partner")
    for _ in range(users.MAX_FAILURES):
        users.record_failure(seeded, "lea", now=NOON)
    users.set_password(seeded, "lea", "ein-ganz-neues-Passwort")
    assert users.authenticate(seeded, "lea", PASSWORD, now=NOON) is None
    assert users.authenticate(seeded, "lea", "ein-ganz-neues-Passwort", now=NOON) is not None
    with pytest.raises(ValidationError) as caught:
        users.set_password(seeded, "lea", "zu-kurz")
    assert list(caught.value.by_column()) == ["password"]


def test_a_hash_with_old_parameters_is_renewed_at_sign_in(seeded):
    users.create_user(seeded, "lea", PASSWORD, "partner")
    weak = PasswordHasher(time_cost=1, memory_cost=8 * 1024, parallelism=1).hash(PASSWORD)
    seeded.run_text("MATCH (u:User {username: 'lea'}) SET u.password_hash = $h", {"h": weak}, write=True)
    assert users.authenticate(seeded, "lea", PASSWORD) is not None
    renewed = _node(seeded, "lea")["password_hash"]
    assert renewed != weak and not PasswordHasher().check_needs_rehash(renewed)


def test_changing_a_role_replaces_the_centres(seeded):
    users.create_user(seeded, "lea", PASSWORD, "centre_staff", centres=[UNNA])
    assert users.set_role(seeded, "lea", "centre_staff", [DORTMUND]).centres == (DORTMUND,)
    assert users.set_role(seeded, "lea", "partner") == User("lea", "lea", "partner", (), False)
    with pytest.raises(ValidationError) as caught:
        users.set_role(seeded, "lea", "centre_staff")
    assert list(caught.value.by_column()) == ["centres"]
    with pytest.raises(ValidationError) as caught:
        users.set_role(seeded, "nobody", "partner")
    assert list(caught.value.by_column()) == ["username"]
    assert users.get_user(seeded, "lea").role == "partner"


def test_centre_staff_may_edit_their_centre_and_not_another(seeded):
    staff = users.create_user(seeded, "unna-team", PASSWORD, "centre_staff", centres=[UNNA])
    assert users.can_edit_centre(staff, UNNA) and users.can_read_centre(staff, UNNA)
    assert not users.can_edit_centre(staff, DORTMUND) and not users.can_read_centre(staff, DORTMUND)
    assert users.can_read_directory(staff) and not users.can_manage_users(staff)


def test_coordination_reads_every_centre_and_manages_users():
    coordination = User("lea", "Lea", "coordination", (), False)
    assert users.can_read_centre(coordination, UNNA) and users.can_read_centre(coordination, DORTMUND)
    assert users.can_manage_users(coordination) and users.can_read_directory(coordination)
    assert not users.can_edit_centre(coordination, UNNA)


def test_a_partner_reads_the_directory_and_edits_nothing():
    partner = User("awo", "AWO", "partner", (), False)
    assert users.can_read_directory(partner)
    assert not any(users.can_edit_centre(partner, centre) or users.can_read_centre(partner, centre)
                   for centre in (UNNA, DORTMUND))
    assert not users.can_manage_users(partner)


def test_a_disabled_user_or_none_may_do_nothing():
    disabled = (User("lea", "Lea", "coordination", (), True), User("ute", "Ute", "centre_staff", (UNNA,), True))
    for user in (*disabled, None):
        assert not (users.can_read_directory(user) or users.can_read_centre(user, UNNA)
                    or users.can_edit_centre(user, UNNA) or users.can_manage_users(user))


def test_a_user_made_without_password_gets_one_through_a_link_once(seeded):
    users.create_user(seeded, "neu", None, "partner")
    assert users.authenticate(seeded, "neu", "") is None and "password_hash" not in _node(seeded, "neu")
    token, expires = users.issue_reset(seeded, "neu", now=NOON)
    assert expires == NOON + users.RESET_TIME
    assert token not in str(_node(seeded, "neu"))  # only its hash is kept
    assert users.reset_state(seeded, token, now=NOON) == ("valid", users.get_user(seeded, "neu"))
    assert users.reset_state(seeded, token, now=expires) == ("expired", None)
    assert users.reset_password(seeded, token, PASSWORD, PASSWORD, now=expires) is None

    with pytest.raises(ValidationError) as caught:
        users.reset_password(seeded, token, PASSWORD, PASSWORD + "!", now=NOON)
    assert list(caught.value.by_column()) == ["password_repeat"]
    assert users.reset_password(seeded, token, PASSWORD, PASSWORD, now=NOON).username == "neu"
    assert users.reset_password(seeded, token, "ein-anderes-Passwort", "ein-anderes-Passwort", now=NOON) is None
    assert users.reset_state(seeded, token, now=NOON) == ("unknown", None)
    assert users.authenticate(seeded, "neu", PASSWORD) is not None


def test_a_disabled_user_gets_no_link_and_loses_the_one_they_had(seeded):
    users.create_user(seeded, "lea", PASSWORD, "partner")
    token, _ = users.issue_reset(seeded, "lea")
    users.disable(seeded, "lea")
    assert users.reset_state(seeded, token) == ("unknown", None)
    with pytest.raises(ValidationError):
        users.issue_reset(seeded, "lea")
    users.enable(seeded, "lea")
    assert users.reset_state(seeded, token) == ("unknown", None)  # disabling ended it for good


def test_changing_the_own_password_needs_the_current_one(seeded):
    users.create_user(seeded, "lea", PASSWORD, "partner")
    with pytest.raises(ValidationError) as caught:
        users.change_password(seeded, "lea", "falsch", "kurz", "kurz", now=NOON)
    assert caught.value.by_column() == {"current_password": "stimmt nicht", "password": "mindestens 12 Zeichen"}
    assert _node(seeded, "lea")["failed_sign_ins"] == 1  # a wrong current password counts as a failed sign-in
    with pytest.raises(ValidationError) as caught:
        users.change_password(seeded, "lea", PASSWORD, PASSWORD, PASSWORD, now=NOON)
    assert list(caught.value.by_column()) == ["password"]
    users.change_password(seeded, "lea", PASSWORD, "ein-ganz-neues-Passwort", "ein-ganz-neues-Passwort", now=NOON)
    assert users.authenticate(seeded, "lea", "ein-ganz-neues-Passwort") is not None


def test_nobody_disables_themselves_or_changes_their_own_role(seeded):
    users.create_user(seeded, "lea", PASSWORD, "coordination")
    with pytest.raises(ValidationError):
        users.disable(seeded, "Lea", by="lea")
    with pytest.raises(ValidationError) as caught:
        users.set_role(seeded, "lea", "partner", by="lea")
    assert list(caught.value.by_column()) == ["role"]
    assert users.set_role(seeded, "lea", "coordination", display_name="Lea B.", by="lea").display_name == "Lea B."
    assert users.locked_until(seeded, "lea") is None
    for _ in range(users.MAX_FAILURES):
        users.record_failure(seeded, "lea", now=NOON)
    assert users.locked_until(seeded, "lea", now=NOON) == NOON + users.LOCK_TIME
    assert users.locked_until(seeded, "nobody", now=NOON) is None
