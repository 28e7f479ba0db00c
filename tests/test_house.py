"""The house: how the code is laid out, checked as the code changes.

No import circle between the modules of ``kiz_graph`` and ``web``; no block of six or more
lines written twice (the same lines, or the same shape with other names); no module over
600 lines; every query the code names exists as a ``.cypher`` file.
"""

from __future__ import annotations

import ast
import collections
import io
import keyword
from pathlib import Path
import re
import tokenize

import networkx as nx

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("kiz_graph", "web")
MAX_LINES = 600
MIN_BLOCK = 6
TOO_COMMON = 8  # a shape standing in more places than this is an idiom, not a copy


def modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def import_graph() -> nx.DiGraph:
    """Module -> module it imports (at the top or inside a function: both tie them)."""
    known = modules()
    graph = nx.DiGraph()
    for name, path in known.items():
        graph.add_node(name)
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:  # relative import
                    base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
                targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names]
            else:
                continue
            for target in targets:
                while target and target not in known:
                    target = target.rpartition(".")[0]
                if target and target != name:
                    graph.add_edge(name, target)
    return graph


def test_no_module_imports_itself_through_others():
    cycles = list(nx.simple_cycles(import_graph()))
    assert cycles == [], "import circles: " + "; ".join(" -> ".join(cycle + cycle[:1]) for cycle in cycles)


def test_the_import_graph_is_read_as_written():
    """The check above sees real edges (a reader that found none would pass it)."""
    graph = import_graph()
    assert graph.has_edge("web.network", "kiz_graph.network.page")
    assert graph.has_edge("kiz_graph.config", "kiz_graph.store.local_neo4j")
    assert not graph.has_edge("kiz_graph.store.local_neo4j", "kiz_graph.config")


def test_no_module_is_longer_than_600_lines():
    long = {name: n for name, path in modules().items()
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


def shapes(path: Path) -> list[tuple[int, str]]:
    """(line number, shape) per line of code: names, strings and numbers replaced by
    placeholders, comments, docstrings, blank lines and imports left out."""
    lines: dict[int, list[str]] = collections.defaultdict(list)
    tokens = list(tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline))
    previous = None
    for token in tokens:
        if token.type in (tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT,
                          tokenize.ENCODING, tokenize.ENDMARKER):
            previous = token if token.type == tokenize.NEWLINE or token.type == tokenize.INDENT else previous
            continue
        if token.type == tokenize.STRING and (previous is None or previous.type in (tokenize.NEWLINE, tokenize.INDENT)):
            previous = token
            continue  # a docstring or a bare string
        if token.type == tokenize.NAME and not keyword.iskeyword(token.string):
            text = "N"
        elif token.type in (tokenize.STRING, tokenize.FSTRING_START if hasattr(tokenize, "FSTRING_START") else -1):
            text = "S"
        elif token.type == tokenize.NUMBER:
            text = "0"
        else:
            text = token.string
        lines[token.start[0]].append(text)
        previous = token
    result = []
    for number in sorted(lines):
        shape = " ".join(lines[number])
        if re.match(r"^(from|import) ", shape) or shape in (")", "]", "}", "),", "],", "},"):
            continue
        result.append((number, shape))
    return result


def repeated_blocks() -> list[str]:
    """Each pair of places sharing a run of :data:`MIN_BLOCK` or more lines of one shape."""
    code = {str(path.relative_to(ROOT)): shapes(path) for path in modules().values()}
    places: dict[tuple[str, ...], list[tuple[str, int]]] = collections.defaultdict(list)
    for file, lines in code.items():
        for start in range(len(lines) - MIN_BLOCK + 1):
            block = tuple(shape for _, shape in lines[start:start + MIN_BLOCK])
            if len(set(block)) >= 4:  # a run of one or two shapes (fields, a table's rows) is no copy
                places[block].append((file, start))
    pairs = set()
    for where in places.values():
        if len(where) <= TOO_COMMON:
            pairs |= {(a, b) for a in where for b in where
                      if a < b and not (a[0] == b[0] and b[1] - a[1] < MIN_BLOCK)}
    starts = sorted(pair for pair in pairs  # where a run begins, not each window along it
                    if ((pair[0][0], pair[0][1] - 1), (pair[1][0], pair[1][1] - 1)) not in pairs)
    return [" ~ ".join(f"{file}:{code[file][index][0]}" for file, index in pair) for pair in starts]


def test_no_block_of_six_lines_is_written_twice():
    assert repeated_blocks() == []


def test_the_copy_finder_finds_a_copy(tmp_path, monkeypatch):
    """A block copied with other names is found (so an empty list above means no copies)."""
    body = "\n".join(f"    {v} = source.get('{v}')\n    if {v} is None:\n        return None" for v in "abc")
    (tmp_path / "kiz_graph").mkdir()
    (tmp_path / "kiz_graph" / "one.py").write_text(f"def first(source):\n{body}\n")
    (tmp_path / "kiz_graph" / "two.py").write_text(f"def second(data):\n{body.replace('source', 'data')}\n")
    monkeypatch.setattr(__import__(__name__), "ROOT", tmp_path)
    assert repeated_blocks() == ["kiz_graph/one.py:1 ~ kiz_graph/two.py:1"]


# Queries ------------------------------------------------------------------------------------

QUERY_NAME = re.compile(r"""["']((?:store|records|exchange|check|network|statewide|users)/[\w/{}]+)["']""")


def test_every_query_the_code_names_is_a_cypher_file():
    named = set()
    for path in [*modules().values(), *sorted((ROOT / "bench").glob("*.py"))]:
        named |= set(QUERY_NAME.findall(path.read_text(encoding="utf-8")))
    assert len(named) > 50
    # f"records/write/{kind}": a file per kind that is written that way (the kinds are checked
    # where they are used); here, that the folder holds such files at all.
    missing = sorted(name for name in named if not (
        any((ROOT / "cypher").glob(re.sub(r"\{\w+\}", "*", name) + ".cypher")) if "{" in name
        else (ROOT / "cypher" / f"{name}.cypher").is_file()))
    assert missing == []
