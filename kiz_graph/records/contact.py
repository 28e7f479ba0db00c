"""How to reach an organisation or a person: postcode, e-mail, phone and website, checked.

These values go into the directory's vCards and links, so what is not one of them is
refused with a German message that says what is expected (``schema.clean`` names the
column). Each parser takes the stripped text and returns the value to store, or raises
ValueError. A website without ``https://`` (``www.verein.de``) is stored with it; any
other scheme (``javascript:``, ``data:``, ``mailto:``) is refused.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# NRW's postcodes: the Leitregionen 32–33, 40–53 (43 is given to no place) and 57–59, and
# the state's edges: Warburg, Marsberg, Borgentreich, Willebadessen (344xx), Höxter,
# Beverungen, Marienmünster (376xx). Generous where a range spills over a border (53xxx,
# 57xxx): what matters is that a typo (4 digits) or a place far away (10115) is caught.
NRW_POSTCODES = ((32000, 33999), (34400, 34449), (37670, 37699), (40000, 53999), (57000, 59999))
POSTCODE_HINT = "5 Ziffern, in NRW, z. B. 59174"


def postcode(text: str) -> str:
    if not re.fullmatch(r"[0-9]{5}", text):
        raise ValueError(f"keine gültige PLZ: {text!r} ({POSTCODE_HINT})")
    if not any(low <= int(text) <= high for low, high in NRW_POSTCODES):
        raise ValueError(f"{text} ist keine PLZ in Nordrhein-Westfalen ({POSTCODE_HINT})")
    return text


# One @, a domain with a dot, no spaces, nothing a vCard or a mail program reads as a separator.
_ADDRESS_PART = r"[^@\s\"(),:;<>\[\\\]]"
EMAIL = re.compile(rf"{_ADDRESS_PART}+@(?:[^@\s\"(),:;<>\[\\\].]+\.)+[^\W\d_]{{2,}}")
EMAIL_HINT = "z. B. info@verein.de"
_SPELLED_AT = re.compile(r"\s*[(\[{]\s*(?:at|ät|@)\s*[)\]}]\s*|\s+at\s+", re.IGNORECASE)
_SPELLED_DOT = re.compile(r"\s*[(\[{]\s*(?:dot|punkt)\s*[)\]}]\s*", re.IGNORECASE)


def email(text: str) -> str:
    if text[:7].casefold() == "mailto:":
        text = text[7:].strip()
    if EMAIL.fullmatch(text):
        return text
    if "@" not in text and _SPELLED_AT.search(text):
        written = _SPELLED_DOT.sub(".", _SPELLED_AT.sub("@", text, count=1))
        example = f"also {written}" if EMAIL.fullmatch(written) else EMAIL_HINT
        raise ValueError(f"keine gültige E-Mail-Adresse: {text!r} – bitte „@“ statt „(at)“ schreiben ({example})")
    raise ValueError(f"keine gültige E-Mail-Adresse: {text!r} (ein „@“, danach eine Domain mit Punkt, "
                     f"keine Leerzeichen; {EMAIL_HINT})")


PHONE = re.compile(r"[0-9 +/()-]+")
PHONE_DIGITS = 6  # the shortest German number: a 3-digit area code (030) and 3 digits


def phone(text: str) -> str:
    text = text.replace("\u00a0", " ").replace("\u2013", "-")  # as Word and Excel write them
    if not PHONE.fullmatch(text) or sum(char.isdigit() for char in text) < PHONE_DIGITS:
        raise ValueError(f"keine gültige Telefonnummer: {text!r} (nur Ziffern, Leerzeichen und + / - ( ), "
                         f"mindestens {PHONE_DIGITS} Ziffern; z. B. 02307 912340)")
    return text


_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):(?![0-9])")  # not a port: www.verein.de:8080
_HOST = re.compile(r"(?:[^\W_](?:[\w-]*[^\W_])?\.)+(?:[^\W\d_]{2,}|xn--[a-z0-9-]+)")
WEBSITE_HINT = "z. B. https://www.verein.de"


def website(text: str) -> str:
    scheme = _SCHEME.match(text)
    if scheme and scheme.group(1).casefold() not in ("http", "https"):
        raise ValueError(f"keine gültige Webadresse: {text!r} (nur Adressen mit http:// oder https://; "
                         f"{WEBSITE_HINT})")
    url = f"{scheme.group(1).casefold()}:{text[scheme.end():]}" if scheme else f"https://{text}"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is none
    except ValueError:
        parts = None
    if parts is None or re.search(r"\s", url) or not url.startswith(f"{parts.scheme}://") \
            or "@" in parts.netloc or not _HOST.fullmatch(parts.hostname or ""):
        raise ValueError(f"keine gültige Webadresse: {text!r} ({WEBSITE_HINT})")
    return url


PARSERS = {"postcode": postcode, "email": email, "phone": phone, "website": website}
