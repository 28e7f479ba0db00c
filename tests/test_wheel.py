"""kiz-graph as a wheel: built from the tree, installed into a fresh virtual environment
with its declared dependencies, it checks the cooperation requirement against a database
(a wheel once lacked the rule sets, so `kiz-graph check` worked only from the source tree)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
import subprocess
import sys
import venv

from kiz_graph.exchange import seeding

ROOT = Path(__file__).resolve().parent.parent


def run(*command, **kwargs) -> subprocess.CompletedProcess:
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, **kwargs)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return done


def test_the_installed_wheel_checks_a_centre(db, neo4j_settings, tmp_path):
    seeding.seed(db)
    source = tmp_path / "source"  # a copy: building leaves build/ and *.egg-info behind
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".*", "var", "instance", "build", "*.egg-info", "node_modules", "target", "__pycache__"))
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir", str(tmp_path / "dist"), str(source))
    wheel = next((tmp_path / "dist").glob("kiz_graph-*.whl"))
    fresh = tmp_path / "fresh"
    venv.EnvBuilder(with_pip=True).create(fresh)
    run(str(fresh / "bin" / "python"), "-m", "pip", "install", "--quiet", "--no-compile", str(wheel))

    env = {key: value for key, value in os.environ.items() if not key.startswith(("NEO4J_", "PYTHON"))}
    env.update(NEO4J_URI=neo4j_settings.uri, NEO4J_USER=neo4j_settings.user,
               NEO4J_PASSWORD=neo4j_settings.password, NEO4J_DATABASE=neo4j_settings.database)
    where = run(str(fresh / "bin" / "python"), "-c", "import kiz_graph; print(kiz_graph.__file__)",
                cwd=tmp_path, env=env)
    assert where.stdout.startswith(str(fresh))  # the installed copy, not the source tree
    check = run(str(fresh / "bin" / "kiz-graph"), "check", "--centre", "ki-05978", "--as-of", "2024-06-01", "--rule-set", "konzept-2012",
                cwd=tmp_path, env=env)
    assert "Regelwerk konzept-2012, Stand 01.06.2024" in check.stdout
    assert "Kreis Unna" in check.stdout and "KI-06 (Pflicht)" in check.stdout
