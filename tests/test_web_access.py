"""Every route for every role: allowed, 403, or a redirect to the sign-in page."""

from __future__ import annotations

import pytest
from auth import AuthActions, add_user, make_app, user_for

from kiz_graph.exchange import seeding
from kiz_graph.records import audit, edits
from kiz_graph.store import maintenance

OWN, OTHER = "ki-05978", "ki-05913"  # Kreis Unna (the staff member's), Dortmund
ROLES = {  # how client_for signs in as each
    "anonymous": None,
    "coordination": ("coordination",),
    "centre_staff": ("centre_staff", OWN),
    "partner": ("partner",),
}


@pytest.fixture(scope="module")
def world(module_db):
    """A seeded graph with one organisation per centre, a recorded change, and a user per role."""
    session_db = module_db
    seeding.seed(session_db)
    for centre, region in ((OWN, "05978"), (OTHER, "05913")):
        edits.create(session_db, "organisations", {"id": f"org-{centre}", "name": f"Verein {region} e.V.",
                                                      "type": "MSO", "region": region}, user="setup")
    for spec in ROLES.values():
        if spec:
            user_for(session_db, *spec)
    change_id = audit.history(session_db, centre=OWN)[0].id
    other_change_id = audit.history(session_db, centre=OTHER)[0].id
    return {"db": session_db, "own_change": change_id, "other_change": other_change_id}


@pytest.fixture(scope="module")
def app(world):
    return make_app(world["db"])


def urls(app, world) -> list[tuple[str, str, str, bool]]:
    """(endpoint, method, url, whether the url names the user's own centre) for every route."""
    found = []
    with app.test_request_context():
        for rule in app.url_map.iter_rules():
            if rule.endpoint == "static":
                continue
            for method in sorted(rule.methods & {"GET", "POST"}):
                for own in (True, False) if "centre" in rule.arguments else (True,):
                    centre = OWN if own else OTHER
                    values = {"centre": centre, "kind": "organisations", "key": f"org-{centre}",
                              "change_id": world["own_change"] if own else world["other_change"],
                              "token": "kein-upload", "username": "niemand", "name": "matrix",
                              "fmt": "csv" if rule.endpoint == "overview.download" else "graphml"}
                    url = app.url_for(rule.endpoint, **{k: values[k] for k in rule.arguments})
                    found.append((rule.endpoint, method, url, own))
    return found


def required(app, endpoint: str, method: str) -> str:
    """What a route needs: the ``access`` its view declares (POST to a read view edits)."""
    access = app.view_functions[endpoint].access
    if method == "POST" and access == "read_centre":
        return "edit_centre"
    return access


def allowed(need: str, role: str, own: bool, endpoint: str) -> bool:
    if need in ("public", "signed_in"):
        return not (endpoint == "centres.index" and role == "partner")  # a partner reads no centre
    if need == "read_directory":
        return True
    if need == "read_centre":
        return role == "coordination" or (role == "centre_staff" and own)
    if need == "edit_centre":
        return role == "centre_staff" and own
    if need == "erase_persons":  # and, for each person, only within the centre's network (test_erasure.py)
        return role in ("coordination", "centre_staff")
    if need in ("read_all_centres", "manage_users", "review_retention"):
        return role == "coordination"
    raise AssertionError(f"{endpoint} declares unknown access {need!r}")


def insecure(response) -> list[str]:
    """What a response lacks of the security headers (nothing: an empty list)."""
    policy = dict((directive.strip().split(" ", 1) + [""])[:2]
                  for directive in response.headers.get("Content-Security-Policy", "").split(";"))
    wanted = {"default-src": "'self'", "script-src": "'self'", "style-src": "'self'", "object-src": "'none'",
              "frame-ancestors": "'none'", "form-action": "'self'", "base-uri": "'self'"}
    lacking = [f"CSP {name} {value}" for name, value in wanted.items() if policy.get(name) != value]
    headers = {"X-Frame-Options": ("DENY",), "X-Content-Type-Options": ("nosniff",),
               "Referrer-Policy": ("same-origin", "no-referrer")}  # no-referrer: the password link's page
    return lacking + [name for name, values in headers.items() if response.headers.get(name) not in values]


def test_every_route_declares_who_may_open_it(app):
    for endpoint, view in app.view_functions.items():
        if endpoint != "static":
            assert getattr(view, "access", None) in ("public", "signed_in", "read_directory", "read_centre",
                                                     "edit_centre", "read_all_centres", "manage_users",
                                                     "erase_persons", "review_retention"), endpoint


@pytest.mark.parametrize("role", list(ROLES))
def test_every_route_for_every_role(app, world, client_for, client, role):
    if ROLES[role]:
        client = client_for(*ROLES[role])
    for endpoint, method, url, own in urls(app, world):
        need = required(app, endpoint, method)
        response = client.open(url, method=method, data={})
        where = f"{role} {method} {url}"
        assert insecure(response) == [], f"{where} ({response.status_code})"
        if need != "public" and ROLES[role] is None:
            assert response.status_code == 302 and "/anmelden" in response.location, where
        elif allowed(need, role, own, endpoint):
            assert response.status_code != 403, where
            assert response.status_code != 401 or endpoint == "auth.sign_in", where  # wrong credentials
            assert not (response.status_code == 302 and "/anmelden" in response.location), where
        else:
            assert response.status_code == 403, where
        if endpoint == "auth.sign_out" and ROLES[role]:
            client = client_for(*ROLES[role])  # signed out by that route: sign in again


def test_staff_cannot_change_another_centres_data_by_id(world, client_for):
    db = world["db"]
    client = client_for("centre_staff", OWN)
    before = maintenance.snapshot(db)
    attempts = [
        client.post(f"/zentren/{OWN}/organisations/eintrag/org-{OTHER}", data={"name": "Übernommen"}),
        client.post(f"/zentren/{OTHER}/organisations/eintrag/org-{OTHER}", data={"name": "Übernommen"}),
        client.post(f"/zentren/{OWN}/organisations/neu",
                    data={"id": "x-1", "name": "Fremd", "type": "MSO", "region": "05913"}),
        client.post(f"/zentren/{OTHER}/organisations/neu",
                    data={"id": "x-2", "name": "Fremd", "type": "MSO", "region": "05913"}),
        client.post(f"/zentren/{OWN}/cooperations/neu",
                    data={"to_id": f"org-{OTHER}", "form": "Projekt", "since": "2020-01-01", "from_id": OTHER}),
        client.post(f"/zentren/{OWN}/aenderungen/{world['other_change']}/rueckgaengig"),
        client.post(f"/zentren/{OTHER}/aenderungen/{world['other_change']}/rueckgaengig"),
    ]
    assert [a.status_code for a in attempts] == [404, 403, 403, 403, 403, 404, 403]
    assert maintenance.snapshot(db) == before


def test_forms_need_a_csrf_token(world):
    auth = AuthActions(make_app(world["db"], WTF_CSRF_ENABLED=True).test_client())
    response = auth.sign_in(user_for(world["db"], "centre_staff", OWN))
    assert response.status_code == 400 and "Formular" in response.get_data(as_text=True)


def test_sign_in_is_throttled_and_cookies_are_safe(world, auth):
    add_user(world["db"], "throttled", "partner")
    for _ in range(5):
        assert auth.sign_in("throttled", "falsch").status_code == 401
    locked = auth.sign_in("throttled")
    assert locked.status_code == 401 and "gesperrt" in locked.get_data(as_text=True)
    response = auth.sign_in(user_for(world["db"], "partner"))
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_static_files_errors_and_downloads_carry_the_security_headers(app, world, client_for, client):
    coordination = client_for("coordination")
    with app.test_request_context():
        matrix = {fmt: app.url_for("overview.download", name="matrix", fmt=fmt) for fmt in ("csv", "xlsx")}
    responses = {
        "static": client.get("/static/network.js"),
        "vendor": client.get("/static/vendor/vis-network/vis-network.min.js"),
        "unknown": client.get("/gibt-es-nicht"),
        "sign-in": client.get("/anmelden"),
        "csv": coordination.get(matrix["csv"]),
        "xlsx": coordination.get(matrix["xlsx"]),
    }
    assert {name: response.status_code for name, response in responses.items()} == {
        "static": 200, "vendor": 200, "unknown": 404, "sign-in": 200, "csv": 200, "xlsx": 200}
    for name, response in responses.items():
        assert insecure(response) == [], name
        assert "Strict-Transport-Security" not in response.headers, name  # http: no HSTS
        response.close()  # a static file is sent from an open file


def test_hsts_only_when_served_over_https(world):
    response = make_app(world["db"], KIZ_HTTPS=True).test_client().get("/anmelden")
    assert response.status_code == 200 and response.headers["Strict-Transport-Security"].startswith("max-age=")
