"""The users of the web app: accounts, sign-in and what each role may do.

A user is ``(:User {username, display_name, role, password_hash, disabled, created_at})``,
and centre staff have ``(:User)-[:STAFF_OF]->(:Centre)``. Passwords are stored only as
argon2 hashes. Every permission decision goes through :data:`PERMISSIONS`.

A password-reset link carries a random token; the user node keeps only its SHA-256 hash
(``reset_token_hash``) with an expiry (``reset_expires``, :data:`RESET_TIME`) and a use count
(``reset_uses``): a link sets one password, once.

Sign-in attempts are counted and refused in :mod:`~kiz_graph.users.throttle`; who is signed
in where lives in :mod:`~kiz_graph.users.sessions`. A new password ends both the user's
sessions and the account's blocks.

Changes validate first and write nothing when any value is wrong: a
:class:`~kiz_graph.records.schema.ValidationError` names each field.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from neo4j.exceptions import ConstraintError

from kiz_graph.errors import Problem, ValidationError
from kiz_graph.store.db import Database
from kiz_graph.users import passwords, throttle

__all__ = [
    "PERMISSIONS", "RESET_TIME", "ROLES", "ROLE_NAMES", "User",
    "authenticate", "blocked_until", "can_edit_centre", "can_manage_users", "can_read_centre", "can_read_directory",
    "centre_names", "change_password", "create_user", "disable", "enable", "get_user", "issue_reset",
    "list_users", "may", "may_erase_person", "reset_password", "reset_state", "set_password",
    "set_role", "user_from_row",
]

# Role -> permissions: the one place that decides who may do what. The "all" variants
# ("read_all_centres", "edit_all_centres") reach every centre, "own" only a user's centres;
# no role may edit every centre.
PERMISSIONS: dict[str, frozenset[str]] = {
    "coordination": frozenset({"read_directory", "read_all_centres", "manage_users", "erase_persons",
                               "review_retention"}),
    "centre_staff": frozenset({"read_directory", "read_own_centres", "edit_own_centres", "erase_persons"}),
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
MIN_PASSWORD_LENGTH = passwords.MIN_LENGTH
MAX_DISPLAY_NAME_LENGTH = 100
RESET_TIME = dt.timedelta(hours=24)  # how long a password-reset link works

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


def create_user(db: Database, username: str, password: str | None, role: str, *,
                display_name: str | None = None, centres=()) -> User:
    """A new user; the username is stored in lower case.

    ``password=None``: none yet, so nobody can sign in as the user until a password is set
    (by :func:`issue_reset`'s link, as the web page does it).
    """
    username = _normal(username)
    display_name = _text(display_name) or username
    centres = _centre_ids(centres)
    problems = [
        *_username_problems(username),
        *(_password_problems(password, (username, display_name)) if password is not None else []),
        *_role_problems(db, role, centres),
        *_display_name_problems(display_name),
    ]
    if not problems and get_user(db, username) is not None:
        problems.append(Problem("username", "ist bereits vergeben"))
    if problems:
        raise ValidationError(problems)
    try:
        db.write("users/create", username=username, display_name=display_name, role=role,
                    password_hash=None if password is None else _hasher.hash(password),
                 centres=list(centres), created_at=_now())
    except ConstraintError:  # taken between the check and the write
        raise ValidationError([Problem("username", "ist bereits vergeben")]) from None
    return get_user(db, username)


def get_user(db: Database, username: str) -> User | None:
    rows = db.read("users/get", username=_normal(username))
    return _user(rows[0]) if rows else None


def list_users(db: Database) -> list[User]:
    """Every user, by username."""
    return [_user(row) for row in db.read("users/list")]


def set_role(db: Database, username: str, role: str, centres=(), *, display_name: str | None = None,
             by: str | None = None) -> User:
    """A new role, with exactly these centres for centre staff (and none otherwise); a new
    display name when given. ``by``: who changes it; nobody changes their own role (so the
    coordination office cannot lock itself out of managing users)."""
    username = _normal(username)
    centres = _centre_ids(centres)
    display_name = _text(display_name) if display_name is not None else None
    problems = [*_role_problems(db, role, centres), *_display_name_problems(display_name or "")]
    if display_name == "":
        problems.append(Problem("display_name", "Pflichtangabe fehlt"))
    current = get_user(db, username)
    if current is not None and by is not None and _normal(by) == username and role != current.role:
        problems.append(Problem("role", "Ihre eigene Rolle können Sie nicht ändern"))
    if problems:
        raise ValidationError(problems)
    _write_existing(db, "users/set_role", username, role=role, centres=list(centres), display_name=display_name)
    return get_user(db, username)


def disable(db: Database, username: str, *, by: str | None = None) -> User:
    """The user can no longer sign in and may do nothing; the account stays. ``by``: who
    disables it; nobody disables themselves."""
    if by is not None and _normal(by) == _normal(username):
        raise ValidationError([Problem("username", "Sie können sich nicht selbst deaktivieren")])
    _write_existing(db, "users/set_disabled", _normal(username), disabled=True)
    return get_user(db, username)


def enable(db: Database, username: str) -> User:
    _write_existing(db, "users/set_disabled", _normal(username), disabled=False)
    return get_user(db, username)


def set_password(db: Database, username: str, password: str) -> None:
    """A new password; it also lifts a lock."""
    user = get_user(db, username)
    problems = _password_problems(password, (user.username, user.display_name) if user else (username,))
    if problems:
        raise ValidationError(problems)
    _write_existing(db, "users/set_password", _normal(username), password_hash=_hasher.hash(password))


def change_password(db: Database, username: str, current: str, password: str, repeat: str, *,
                    address: str = "lokal", now: dt.datetime | None = None) -> None:
    """A signed-in user's new password (typed twice), given the current one.

    The current password is an attempt to sign in, counted and refused as one (from
    ``address``). Every problem is reported at once, and nothing is written then. The new
    password ends every session of the user: the caller starts a new one for the browser.
    """
    now = now or _now()
    rows = db.read("users/get", username=_normal(username))
    if not rows or rows[0]["disabled"]:
        raise ValidationError([Problem("username", f"{_normal(username)!r} gibt es nicht")])
    row = rows[0]
    problems = _new_password_problems(password, repeat, (row["username"], row["display_name"]))
    current = current if isinstance(current, str) else ""
    verdict = throttle.reserve(db, row["username"], address, now=now)
    if not verdict.allowed:
        throttle.record(db, row["username"], address, "refused", now=now)
        problems.insert(0, Problem("current_password", "nach zu vielen Fehlversuchen vorübergehend gesperrt; "
                                                       "bitte versuchen Sie es später erneut"))
    elif not _verify(row["password_hash"], current):
        throttle.record(db, row["username"], address, "blocked" if verdict.blocks else "wrong_password", now=now)
        problems.insert(0, Problem("current_password", "stimmt nicht"))
    else:
        throttle.succeeded(db, row["username"], address, now=now)
        if not problems and password == current:
            problems.append(Problem("password", "muss sich vom bisherigen Passwort unterscheiden"))
    if problems:
        raise ValidationError(problems)
    _write_existing(db, "users/set_password", row["username"], password_hash=_hasher.hash(password))


# Password-reset links


def issue_reset(db: Database, username: str, *, now: dt.datetime | None = None) -> tuple[str, dt.datetime]:
    """A new one-time link token for the user and until when it works; it replaces an
    earlier one. Only its hash is stored: the token is shown once, to be passed on."""
    user = get_user(db, username)
    if user is None:
        raise ValidationError([Problem("username", f"{_normal(username)!r} gibt es nicht")])
    if user.disabled:
        raise ValidationError([Problem("username", "ist deaktiviert: bitte erst wieder aktivieren")])
    token = secrets.token_urlsafe(32)
    expires = (now or _now()) + RESET_TIME
    _write_existing(db, "users/reset_issue", user.username, token_hash=_token_hash(token), expires=expires)
    return token, expires


def reset_state(db: Database, token: str, *, now: dt.datetime | None = None) -> tuple[str, User | None]:
    """Whether a link token still works: ``("valid", user)``, ``("expired", None)``, or
    ``("unknown", None)`` (never issued, used already, replaced, or its user disabled)."""
    rows = db.read("users/reset_get", token_hash=_token_hash(token)) if isinstance(token, str) else []
    if not rows or rows[0]["disabled"] or rows[0]["uses"]:
        return "unknown", None
    if rows[0]["expires"] <= (now or _now()):
        return "expired", None
    return "valid", get_user(db, rows[0]["username"])


def reset_password(db: Database, token: str, password: str, repeat: str, *,
                   now: dt.datetime | None = None) -> User | None:
    """Set the password through a link (typed twice): the link is used up, a lock lifted.
    None when the link does not work (any more); a :class:`ValidationError` for the password."""
    _, user = reset_state(db, token, now=now)
    problems = _new_password_problems(password, repeat, (user.username, user.display_name) if user else ())
    if problems:
        raise ValidationError(problems)
    if not isinstance(token, str):
        return None
    rows = db.write("users/reset_use", token_hash=_token_hash(token), now=now or _now(),
                    password_hash=_hasher.hash(password))
    return get_user(db, rows[0]["username"]) if rows else None


# Sign-in


def authenticate(db: Database, username: str, password: str, *, address: str = "lokal",
                 now: dt.datetime | None = None) -> User | None:
    """The user these credentials belong to, or None.

    None alike for an unknown or disabled user, a wrong password and an attempt that
    :mod:`~kiz_graph.users.throttle` refuses (from ``address``, the client's), and in about
    the same time: a password is verified in every case. ``now`` (timezone-aware) is for tests.
    """
    now = now or _now()
    username = _normal(username)[:100]
    verdict = throttle.reserve(db, username, address, now=now)
    rows = db.read("users/get", username=username) if verdict.allowed else []
    row = rows[0] if rows else None
    if row is None or row["disabled"] or not isinstance(password, str):
        _verify(_dummy_hash(), password if isinstance(password, str) else "")
        outcome = "refused" if not verdict.allowed else "blocked" if verdict.blocks else "unknown_user"
        throttle.record(db, username, address, outcome, now=now)
        return None
    if not _verify(row["password_hash"], password):
        throttle.record(db, username, address, "blocked" if verdict.blocks else "wrong_password", now=now)
        return None
    throttle.succeeded(db, username, address, now=now)
    new_hash = _hasher.hash(password) if _hasher.check_needs_rehash(row["password_hash"]) else None
    db.write("users/record_success", username=row["username"], now=now, new_password_hash=new_hash)
    return _user(row)


def blocked_until(db: Database, username: str, address: str = "lokal", *,
                  now: dt.datetime | None = None) -> dt.datetime | None:
    """Until when sign-ins as ``username`` from ``address`` are refused, or None: also for an
    unknown or disabled user, so that this tells no more than failing five times."""
    return throttle.blocked_until(db, _normal(username)[:100], address, now=now or _now())


def centre_names(db: Database) -> dict[str, str]:
    """Every centre's name by its id, in the order of the names: to choose centres by name."""
    return {row["id"]: row["name"] for row in db.read("users/centres")}


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


def may_erase_person(user: User | None, network_centres) -> bool:
    """Whether the user may erase a person (or record that they withdrew their consent), given
    the centres whose network includes the person: the coordination office any person, centre
    staff those in the network of one of their centres."""
    if not may(user, "erase_persons"):
        return False
    return may(user, "read_all_centres") or bool(set(user.centres) & set(network_centres))


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


def _password_problems(password: str, user_inputs=()) -> list[Problem]:
    """Long enough, not too long, not easy to guess (also from the user's names, ``user_inputs``)."""
    return passwords.problems(password, user_inputs)


def _new_password_problems(password: str, repeat: str, user_inputs=()) -> list[Problem]:
    """A new password as a form asks for it: as :func:`_password_problems` wants, and typed the same twice."""
    problems = _password_problems(password, user_inputs)
    if not problems and repeat != password:
        problems.append(Problem("password_repeat", "stimmt nicht mit dem neuen Passwort überein"))
    return problems


def _display_name_problems(display_name: str) -> list[Problem]:
    if len(display_name) > MAX_DISPLAY_NAME_LENGTH:
        return [Problem("display_name", f"höchstens {MAX_DISPLAY_NAME_LENGTH} Zeichen")]
    return []


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def _role_problems(db: Database, role: str, centres: tuple[str, ...]) -> list[Problem]:
    if not role:
        return [Problem("role", "Pflichtangabe fehlt")]
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


def user_from_row(row: dict) -> User:
    """A user as a query of ``cypher/users/`` returns it (a session's user, for one)."""
    return _user(row)


def _user(row: dict) -> User:
    return User(row["username"], row["display_name"], row["role"], tuple(row["centres"]), bool(row["disabled"]))


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)
