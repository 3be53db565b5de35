"""SPARQL over a run's output: the embedded store, or plain RDF files loaded into memory.

The contract's prefixes are predeclared; named parameters are substituted as values (never spliced
into the query text); presets are ``.rq`` files in ``pipeline/presets`` whose first comment line is
their description and whose ``# param: NAME [= DEFAULT]`` lines declare their parameters.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from pipeline.access.store import STORE_DIR, open_store
from pipeline.errors import QueryError, StoreError
from pipeline.vocab import NAMESPACES

PREFIXES: dict[str, str] = {prefix: str(namespace) for prefix, namespace in NAMESPACES.items()}
_RDF_SUFFIXES = {".ttl": "TURTLE", ".trig": "TRIG", ".nt": "N_TRIPLES", ".nq": "N_QUADS", ".rdf": "RDF_XML"}
_PARAM = re.compile(r"^#\s*(?P<kind>param|label|integer):\s*(?P<name>\w+)\s*(?:=\s*(?P<default>.+?))?\s*$")


@dataclass(frozen=True, slots=True)
class Preset:
    """A named query shipped with bikg."""

    name: str
    description: str
    params: dict[str, str | None]
    text: str
    labels: frozenset[str] = frozenset()
    integers: frozenset[str] = frozenset()


@cache
def presets() -> dict[str, Preset]:
    """Every preset, by name."""
    found = {}
    for entry in sorted(resources.files("pipeline.access.presets").iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".rq"):
            continue
        text = entry.read_text(encoding="utf-8")
        lines = text.splitlines()
        declared = [m for m in (_PARAM.match(line) for line in lines) if m]
        params = {m["name"]: m["default"] for m in declared}
        kinds = {kind: frozenset(m["name"] for m in declared if m["kind"] == kind) for kind in ("label", "integer")}
        found[entry.name[:-3]] = Preset(
            entry.name[:-3], lines[0].lstrip("# ").strip(), params, text, kinds["label"], kinds["integer"]
        )
    return found


def preset(name: str) -> Preset:
    """The preset ``name``, or an error listing the known ones."""
    known = presets()
    if name not in known:
        raise QueryError(f"unknown preset {name!r}; known presets: {', '.join(known)}")
    return known[name]


@dataclass(slots=True)
class QueryResult:
    """Rows of a SELECT, the answer of an ASK, or the triples of a CONSTRUCT/DESCRIBE (as N-Triples)."""

    columns: list[str] = field(default_factory=list)
    rows: list[list[Any]] = field(default_factory=list)
    boolean: bool | None = None
    triples: str | None = None

    def values(self) -> list[tuple[str | None, ...]]:
        """The rows as plain strings (IRIs and literal values), None where unbound."""
        return [tuple(None if t is None else t.value for t in row) for row in self.rows]


@contextmanager
def open_data(path: Path) -> Iterator[Any]:
    """A store to query: ``DIR/store`` of a run, else the run's ``graph.trig``, else one RDF file."""
    import pyoxigraph

    if path.is_dir() and (path / STORE_DIR).is_dir():
        with open_store(path / STORE_DIR, read_only=True) as store:
            yield store
        return
    if path.is_dir() and path.name == STORE_DIR:
        with open_store(path, read_only=True) as store:
            yield store
        return
    source = path / "graph.trig" if path.is_dir() else path
    if not source.is_file():
        raise StoreError(f"no data at {path}: give a `bikg run` output directory, its store, or an RDF file")
    fmt = _RDF_SUFFIXES.get(source.suffix.lower())
    store = pyoxigraph.Store()
    try:
        if fmt is None:
            from rdflib import Dataset

            dataset = Dataset()
            dataset.parse(source)
            store.load(dataset.serialize(format="nquads").encode("utf-8"), pyoxigraph.RdfFormat.N_QUADS)
        else:
            store.load(path=str(source), format=getattr(pyoxigraph.RdfFormat, fmt))
    except (SyntaxError, ValueError, OSError) as error:
        raise StoreError(f"cannot read {source}: {error}") from error
    yield store


def _term(value: str) -> Any:
    import pyoxigraph

    if value.startswith("<") and value.endswith(">"):
        return pyoxigraph.NamedNode(value[1:-1])
    match = re.fullmatch(r'"(.*)"@([A-Za-z-]+)', value, re.DOTALL)
    if match:
        return pyoxigraph.Literal(match[1], language=match[2])
    return pyoxigraph.Literal(value)


def label_terms(value: str) -> str:
    """A name as every literal an entity may carry it as: zh, en and plain, as written, title-cased and
    lower-cased (for ``VALUES ?label { … }``, which uses the index instead of scanning every label)."""
    import pyoxigraph

    forms = dict.fromkeys([value, value.title(), value.lower()])
    terms = [pyoxigraph.Literal(f, language=lang) for f in forms for lang in ("zh", "en")]
    terms += [pyoxigraph.Literal(f) for f in forms]
    return " ".join(str(t) for t in terms)


def bind(
    query: str, params: dict[str, str], labels: frozenset[str] = frozenset(), integers: frozenset[str] = frozenset()
) -> str:
    """``query`` with each ``?NAME`` of ``params`` replaced by its value as an escaped RDF term.

    The term is serialised by Oxigraph (quotes and backslashes escaped), so a value can never change
    the query's structure. ``<…>`` gives an IRI, ``"…"@lang`` a language-tagged literal, else a plain literal.
    A parameter in ``labels`` becomes the list of :func:`label_terms`; one in ``integers`` a bare number
    (for ``LIMIT ?limit``).
    """
    for name, value in params.items():
        if not re.fullmatch(r"\w+", name):
            raise QueryError(f"parameter names are letters, digits and _: {name!r}")
        if name in integers:
            if not value.isdigit() or int(value) < 1:
                raise QueryError(f"--param {name} takes a whole number of at least 1, not {value!r}")
            term = str(int(value))
        elif name in labels:
            term = label_terms(value)
        else:
            term = str(_term(value))
        query = re.sub(rf"[?$]{name}\b", lambda _, term=term: term, query)
    return query


def run_query(
    store: Any,
    query: str,
    params: dict[str, str] | None = None,
    labels: frozenset[str] = frozenset(),
    integers: frozenset[str] = frozenset(),
) -> QueryResult:
    """Run ``query`` on ``store`` over the union of its graphs, with ``params`` bound as values."""
    import pyoxigraph

    text = bind(query, params or {}, labels, integers)
    try:
        answer = store.query(text, prefixes=PREFIXES, use_default_graph_as_union=True)
    except SyntaxError as error:
        raise QueryError(f"malformed SPARQL: {error}") from error
    except (OSError, ValueError) as error:
        raise QueryError(f"the query failed: {error}") from error
    if isinstance(answer, pyoxigraph.QueryBoolean):
        return QueryResult(boolean=bool(answer))
    if isinstance(answer, pyoxigraph.QuerySolutions):
        columns = [v.value for v in answer.variables]
        return QueryResult(columns=columns, rows=[[solution[c] for c in columns] for solution in answer])
    lines = sorted(f"{t.subject} {t.predicate} {t.object} ." for t in answer)
    return QueryResult(triples="\n".join(lines) + ("\n" if lines else ""))


def run_preset(store: Any, name: str, params: dict[str, str] | None = None) -> QueryResult:
    """Run the preset ``name``, its declared defaults filling the parameters not given."""
    chosen = preset(name)
    given = dict(params or {})
    unknown = sorted(set(given) - set(chosen.params))
    if unknown:
        raise QueryError(
            f"preset {name!r} has no parameter {', '.join(unknown)}; it takes: {', '.join(chosen.params) or 'none'}"
        )
    for param, default in chosen.params.items():
        if param not in given:
            if default is None:
                raise QueryError(f"preset {name!r} needs --param {param} VALUE")
            given[param] = default
    return run_query(store, chosen.text, given, chosen.labels, chosen.integers)


def _binding(term: Any) -> dict[str, str]:
    import pyoxigraph

    if isinstance(term, pyoxigraph.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, pyoxigraph.BlankNode):
        return {"type": "bnode", "value": term.value}
    binding = {"type": "literal", "value": term.value}
    if term.language:
        binding["xml:lang"] = term.language
    elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        binding["datatype"] = term.datatype.value
    return binding


def to_json(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results JSON (non-ASCII written as is)."""
    if result.boolean is not None:
        data: dict[str, Any] = {"head": {}, "boolean": result.boolean}
    else:
        bindings = [
            {c: _binding(t) for c, t in zip(result.columns, row, strict=True) if t is not None} for row in result.rows
        ]
        data = {"head": {"vars": result.columns}, "results": {"bindings": bindings}}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def to_delimited(result: QueryResult, delimiter: str) -> str:
    """CSV or TSV of the rows, a header line first."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    if result.boolean is not None:
        writer.writerows([["boolean"], [str(result.boolean).lower()]])
    else:
        writer.writerow(result.columns)
        writer.writerows([["" if v is None else v for v in row] for row in result.values()])
    return buffer.getvalue()
