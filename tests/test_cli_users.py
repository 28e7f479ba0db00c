"""`kiz-graph users`: create, set-role, disable, list and the demo users, as an operator runs them."""

import os
import subprocess
import sys

from auth import PASSWORD

from kiz_graph import users
from kiz_graph.exchange import seeding


def test_users_commands(db, neo4j_settings, tmp_path):
    seeding.seed(db)
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")},
           "NEO4J_URI": neo4j_settings.uri, "NEO4J_USER": neo4j_settings.user,
           "NEO4J_PASSWORD": neo4j_settings.password, "NEO4J_DATABASE": neo4j_settings.database}

    def kiz(*args):
        return subprocess.run([sys.executable, "-m", "kiz_graph.cli", "users", *map(str, args)],
                              capture_output=True, text=True, env=env, timeout=120)

    secret = tmp_path / "pw"
    secret.write_text(PASSWORD + "\n")
    created = kiz("create", "anna", "--role", "centre_staff", "--centre", "ki-05978", "--password-file", secret)
    assert created.returncode == 0 and "created anna (centre_staff, ki-05978)" in created.stdout
    assert users.authenticate(db, "anna", PASSWORD).centres == ("ki-05978",)

    refused = kiz("create", "bo", "--role", "centre_staff", "--password-file", secret)
    assert refused.returncode == 1 and "nothing was written" in refused.stderr and users.get_user(db, "bo") is None
    guessable = tmp_path / "weak"
    guessable.write_text("passwort1234\n")
    weak = kiz("create", "cleo", "--role", "partner", "--password-file", guessable)
    assert weak.returncode == 1 and "password: ist zu leicht zu erraten" in weak.stderr
    assert users.get_user(db, "cleo") is None

    assert kiz("set-role", "anna", "--role", "coordination").returncode == 0
    assert users.get_user(db, "anna").role == "coordination"
    assert kiz("disable", "anna").returncode == 0
    assert users.authenticate(db, "anna", PASSWORD) is None
    assert "anna\tcoordination\t-\tdisabled" in kiz("list").stdout

    demo = kiz("demo")
    password = next(line.split()[1] for line in demo.stdout.splitlines() if line.strip().startswith("unna"))
    assert users.authenticate(db, "unna", password).centres == ("ki-05978",)
