"""The users of the web app: accounts, sign-in and what each role may do.

A user is ``(:User {username, display_name, role, password_hash, disabled, created_at})``,
and centre staff have ``(:User)-[:STAFF_OF]->(:Centre)``. Passwords are stored only as
argon2 hashes. Every permission decision goes through :data:`PERMISSIONS`.

Changes validate first and write nothing when any value is wrong: a
:class:`~kiz_graph.records.schema.ValidationError` names each field.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from neo4j.exceptions import ConstraintError

from kiz_graph.errors import Problem, ValidationError
from kiz_graph.store.db import Database

__all__ = [
    "LOCK_TIME", "MAX_FAILURES", "PERMISSIONS", "ROLES", "ROLE_NAMES", "User",
    "authenticate", "can_edit_centre", "can_manage_users", "can_read_centre", "can_read_directory",
    "create_user", "disable", "enable", "get_user", "list_users", "may", "record_failure",
    "set_password", "set_role",
]

# Role -> permissions: the one place that decides who may do what. The "all" variants
# ("read_all_centres", "edit_all_centres") reach every centre, "own" only a user's centres;
# no role may edit every centre.
PERMISSIONS: dict[str, frozenset[str]] = {
    "coordination": frozenset({"read_directory", "read_all_centres", "manage_users"}),
    "centre_staff": frozenset({"read_directory", "read_own_centres", "edit_own_centres"}),
    "partner": frozenset({"read_directory"}),
}
ROLES = tuple(PERMISSIONS)
ROLE_NAMES = {
    "coordination": "Landeskoordinierungsstelle",
    "centre_staff": "Mitarbeitende eines Kommunalen Integrationszentrums",
    "partner": "Partner",
}
ROLES_WITH_CENTRES = ("centre_staff",)

USERNAME_PATTERN = re.compile(r"[a-z0-9._@-]{3,64}")  # the whole name (fullmatch)
MIN_PASSWORD_LENGTH = 12
MAX_DISPLAY_NAME_LENGTH = 100
MAX_FAILURES = 5  # failed sign-ins in a row that lock a user ...
LOCK_TIME = dt.timedelta(minutes=15)  # ... for this long

_hasher = PasswordHasher()


@dataclass(frozen=True)
class User:
    """A signed-in or listed user; never carries the password hash."""

    username: str
    display_name: str
    role: str
    centres: tuple[str, ...]  # the centres a centre_staff user works for, by id
    disabled: bool


# Accounts


def create_user(db: Database, username: str, password: str, role: str, *,
                display_name: str | None = None, centres=()) -> User:
    """A new user; the username is stored in lower case."""
    username = _normal(username)
    display_name = (display_name or "").strip() or username
    centres = _centre_ids(centres)
    problems = [
        *_username_problems(username),
        *_password_problems(password),
        *_role_problems(db, role, centres),
    ]
    if len(display_name) > MAX_DISPLAY_NAME_LENGTH:
        problems.append(Problem("display_name", f"höchstens {MAX_DISPLAY_NAME_LENGTH} Zeichen"))
    if not problems and get_user(db, username) is not None:
        problems.append(Problem("username", "ist bereits vergeben"))
    if problems:
        raise ValidationError(problems)
    try:
        db.write("users/create", username=username, display_name=display_name, role=role,
                    password_hash=_hasher.hash(password), centres=list(centres), created_at=_now())
    except ConstraintError:  # taken between the check and the write
        raise ValidationError([Problem("username", "ist bereits vergeben")]) from None
    return get_user(db, username)


def get_user(db: Database, username: str) -> User | None:
    rows = db.read("users/get", username=_normal(username))
    return _user(rows[0]) if rows else None


def list_users(db: Database) -> list[User]:
    """Every user, by username."""
    return [_user(row) for row in db.read("users/list")]


def set_role(db: Database, username: str, role: str, centres=()) -> User:
    """A new role, with exactly these centres for centre staff (and none otherwise)."""
    username = _normal(username)
    centres = _centre_ids(centres)
    problems = _role_problems(db, role, centres)
    if problems:
        raise ValidationError(problems)
    _write_existing(db, "users/set_role", username, role=role, centres=list(centres))
    return get_user(db, username)


def disable(db: Database, username: str) -> User:
    """The user can no longer sign in and may do nothing; the account stays."""
    _write_existing(db, "users/set_disabled", _normal(username), disabled=True)
    return get_user(db, username)


def enable(db: Database, username: str) -> User:
    _write_existing(db, "users/set_disabled", _normal(username), disabled=False)
    return get_user(db, username)


def set_password(db: Database, username: str, password: str) -> None:
    """A new password; it also lifts a lock."""
    problems = _password_problems(password)
    if problems:
        raise ValidationError(problems)
    _write_existing(db, "users/set_password", _normal(username), password_hash=_hasher.hash(password))


# Sign-in


def authenticate(db: Database, username: str, password: str, *, now: dt.datetime | None = None) -> User | None:
    """The user these credentials belong to, or None.

    None alike for an unknown, disabled or locked user and a wrong password, and in about
    the same time: a password is verified in every case. ``now`` (timezone-aware) is for tests.
    """
    now = now or _now()
    rows = db.read("users/get", username=_normal(username))
    row = rows[0] if rows else None
    if row is None or row["disabled"] or _is_locked(row, now) or not isinstance(password, str):
        _verify(_dummy_hash(), password if isinstance(password, str) else "")
        return None
    if not _verify(row["password_hash"], password):
        record_failure(db, row["username"], now=now)
        return None
    new_hash = _hasher.hash(password) if _hasher.check_needs_rehash(row["password_hash"]) else None
    db.write("users/record_success", username=row["username"], now=now, new_password_hash=new_hash)
    return _user(row)


def record_failure(db: Database, username: str, *, now: dt.datetime | None = None) -> bool:
    """Count a failed sign-in; True when it locks the user (for :data:`LOCK_TIME`)."""
    now = now or _now()
    rows = db.write("users/record_failure", username=_normal(username),
                       max_failures=MAX_FAILURES, locked_until=now + LOCK_TIME)
    return bool(rows and rows[0]["locks"])


# Permissions


def may(user: User | None, permission: str) -> bool:
    """Whether the user's role grants ``permission``; a disabled user (or none) may nothing."""
    return user is not None and not user.disabled and permission in PERMISSIONS.get(user.role, ())


def can_read_directory(user: User | None) -> bool:
    return may(user, "read_directory")


def can_read_centre(user: User | None, centre_id: str) -> bool:
    """Whether the user may see a centre's network."""
    return may(user, "read_all_centres") or (may(user, "read_own_centres") and centre_id in user.centres)


def can_edit_centre(user: User | None, centre_id: str) -> bool:
    """Whether the user may change a centre's network."""
    return may(user, "edit_all_centres") or (may(user, "edit_own_centres") and centre_id in user.centres)


def can_manage_users(user: User | None) -> bool:
    return may(user, "manage_users")


# Helpers


def _normal(username: str) -> str:
    return username.strip().lower() if isinstance(username, str) else ""


def _centre_ids(centres) -> tuple[str, ...]:
    if isinstance(centres, str):
        centres = (centres,)
    return tuple(dict.fromkeys(str(centre).strip() for centre in centres if str(centre).strip()))


def _username_problems(username: str) -> list[Problem]:
    if not username:
        return [Problem("username", "Pflichtangabe fehlt")]
    if not USERNAME_PATTERN.fullmatch(username):
        return [Problem("username", "3 bis 64 Zeichen; erlaubt: Buchstaben a–z, Ziffern, . _ @ -")]
    return []


def _password_problems(password: str) -> list[Problem]:
    if not isinstance(password, str) or len(password) < MIN_PASSWORD_LENGTH:
        return [Problem("password", f"mindestens {MIN_PASSWORD_LENGTH} Zeichen")]
    return []


def _role_problems(db: Database, role: str, centres: tuple[str, ...]) -> list[Problem]:
    if role not in ROLES:
        return [Problem("role", f"unbekannte Rolle {role!r} (erlaubt: {', '.join(ROLES)})")]
    if role not in ROLES_WITH_CENTRES:
        return [Problem("centres", f"nur für {ROLE_NAMES['centre_staff']}")] if centres else []
    if not centres:
        return [Problem("centres", "Pflichtangabe fehlt: mindestens ein Zentrum")]
    found = {row["key"] for row in db.read("records/existing/Centre", keys=list(centres))}
    return [Problem("centres", f"unbekanntes Zentrum {centre!r}") for centre in centres if centre not in found]


def _write_existing(db: Database, name: str, username: str, **params) -> None:
    if not db.write(name, username=username, **params):
        raise ValidationError([Problem("username", f"{username!r} gibt es nicht")])


def _verify(password_hash: str | None, password: str) -> bool:
    if not password_hash:
        return False
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


@functools.cache
def _dummy_hash() -> str:
    """A hash to verify against when there is no user, so that both take as long."""
    return _hasher.hash("no user has this password")


def _is_locked(row: dict, now: dt.datetime) -> bool:
    return row["locked_until"] is not None and row["locked_until"] > now


def _user(row: dict) -> User:
    return User(row["username"], row["display_name"], row["role"], tuple(row["centres"]), bool(row["disabled"]))


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)
