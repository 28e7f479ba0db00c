"""The password policy: long enough, not too long, and hard to guess.

"Hard to guess" is zxcvbn's judgement (the Python port of Dropbox's estimator): it knows
common passwords and words, keyboard rows, repeats, sequences and dates, and the user's own
names and this site's words as given in ``user_inputs``. A score below :data:`MIN_SCORE`
(0 to 4; 3 means "safely unguessable" for an online attack) is refused.

zxcvbn's time grows fast with length (measured on 2 cores: 128 characters 0.16 s, 200 0.3 s,
1,000 up to 77 s), so a password longer than :data:`MAX_LENGTH` is refused before it is scored.
"""

from __future__ import annotations

import re
import threading

from zxcvbn import zxcvbn

from kiz_graph.errors import Problem

MIN_LENGTH = 12
MAX_LENGTH = 128
MIN_SCORE = 3
#: Words of this site that a user is tempted to build a password from.
SITE_WORDS = ("kiz", "kiz-graph", "kommunal", "kommunales", "integration", "integrationszentrum", "nrw",
              "passwort")
GUESSABLE = ("ist zu leicht zu erraten (z. B. Wiederholungen, Tastaturfolgen, häufige Wörter oder der eigene Name); "
             "bitte länger oder weniger vorhersehbar wählen")

# zxcvbn keeps the user inputs of a call in a module-wide dictionary: one call at a time.
_scoring = threading.Lock()


def problems(password, user_inputs=(), field: str = "password") -> list[Problem]:
    """What is wrong with ``password`` (nothing: an empty list); ``user_inputs`` are the
    user's name and display name, which the password should not be built from."""
    if not isinstance(password, str) or len(password) < MIN_LENGTH:
        return [Problem(field, f"mindestens {MIN_LENGTH} Zeichen")]
    if len(password) > MAX_LENGTH:
        return [Problem(field, f"höchstens {MAX_LENGTH} Zeichen")]
    if score(password, user_inputs) < MIN_SCORE:
        return [Problem(field, GUESSABLE)]
    return []


def score(password: str, user_inputs=()) -> int:
    """zxcvbn's score, 0 (a top-ten password) to 4 (very unlikely to be guessed)."""
    words = [*SITE_WORDS]
    for given in user_inputs:
        if isinstance(given, str) and given.strip():  # "Lea Beispiel": also "LeaBeispiel", "Lea", "Beispiel"
            parts = re.split(r"[\s._@-]+", given.strip())
            words += [given.strip(), "".join(parts), *parts]
    with _scoring:
        return zxcvbn(password, user_inputs=[word for word in words if word], max_length=MAX_LENGTH)["score"]
