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
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from pipeline.access.store import STORE_DIR, open_store
from pipeline.errors import QueryError, QueryLimitError, QueryRefusedError, StoreError
from pipeline.vocab import NAMESPACES

PREFIXES: dict[str, str] = {prefix: str(namespace) for prefix, namespace in NAMESPACES.items()}
_RDF_SUFFIXES = {".ttl": "TURTLE", ".trig": "TRIG", ".nt": "N_TRIPLES", ".nq": "N_QUADS", ".rdf": "RDF_XML"}
_PARAM = re.compile(r"^#\s*(?P<kind>param|label|integer|date):\s*(?P<name>\w+)\s*(?:=\s*(?P<default>.+?))?\s*$")


@dataclass(frozen=True, slots=True)
class Preset:
    """A named query shipped with bikg."""

    name: str
    description: str
    params: dict[str, str | None]
    text: str
    labels: frozenset[str] = frozenset()
    integers: frozenset[str] = frozenset()
    dates: frozenset[str] = frozenset()

    def kinds(self) -> dict[str, str]:
        """Each parameter's kind: ``label`` (a name in either language), ``integer``, ``date`` or ``text``."""
        kinds = {"label": self.labels, "integer": self.integers, "date": self.dates}
        return {p: next((k for k, names in kinds.items() if p in names), "text") for p in self.params}


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
        kinds = {k: frozenset(m["name"] for m in declared if m["kind"] == k) for k in ("label", "integer", "date")}
        description = lines[0].lstrip("# ").strip()
        found[entry.name[:-3]] = Preset(
            entry.name[:-3], description, params, text, kinds["label"], kinds["integer"], kinds["date"]
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
    hints: list[str] = field(default_factory=list)

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


_TOKEN = re.compile(
    r"""(?P<space>\s+)
    |(?P<comment>\#[^\n\r]*)
    |(?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
        |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
    |(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    |(?P<var>[?$][\w\u00b7\u0300-\u036f\u203f-\u2040]+)
    |(?P<name>[^\W\d][\w\-.\u00b7]*(?::(?:[\w\-.:\u00b7]|%[0-9A-Fa-f]{2}|\\.)*)?
        |:(?:[\w\-.:\u00b7]|%[0-9A-Fa-f]{2}|\\.)*)
    |(?P<punct>\|\||&&|\^\^|<=|>=|!=|.)""",
    re.VERBOSE | re.DOTALL,
)
_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_OPENERS, _CLOSERS = frozenset("{(["), frozenset("})]")
_OPERATORS = frozenset(["||", "&&", "<=", ">=", "!=", "+", "-", "*", "/", "|", "^", "=", "<", ">", "!", "{", "("])
_OPERATOR_WORDS = frozenset(["UNION", "OPTIONAL", "MINUS", "FILTER", "BIND", "GRAPH", "SERVICE", "EXISTS"])
UPDATE_WORDS = frozenset(["INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"])
QUERY_FORMS = ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK")
MAX_DEPTH = 64
MAX_OPERATORS = 1000
_DATE_TYPO = re.compile(r"\d{4}\s*[/.年]\s*\d{1,2}\s*[/.月]\s*\d{1,2}日?")


@dataclass(frozen=True, slots=True)
class Token:
    """One lexical unit of a SPARQL text (``kind``: space, comment, string, iri, var, name, punct)."""

    kind: str
    text: str
    start: int


def tokenize(text: str) -> Iterator[Token]:
    """The tokens of ``text`` in order, whitespace and comments included (so they rebuild the text).

    A linear scan without recursion: safe on any input, however deep or long."""
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "punct"
        yield Token(kind, match.group(), match.start())


@dataclass(frozen=True, slots=True)
class QueryShape:
    """What a query asks for, read before it runs: its form, the SERVICE targets, the FROM datasets."""

    form: str
    services: tuple[str, ...] = ()
    datasets: tuple[str, ...] = ()


def _position(text: str, offset: int) -> str:
    line = text.count("\n", 0, offset) + 1
    return f"{line}:{offset - (text.rfind(chr(10), 0, offset) + 1) + 1}"


def _expand(token: Token, prefixes: dict[str, str], base: str) -> str:
    """The IRI an IRI token or prefixed name stands for (relative IRIs resolved against BASE)."""
    if token.kind == "iri":
        return urllib.parse.urljoin(base, token.text[1:-1]) if base else token.text[1:-1]
    prefix, _, local = token.text.partition(":")
    return prefixes.get(prefix, f"{prefix}:") + local


def _significant(text: str) -> list[Token]:
    return [t for t in tokenize(text) if t.kind not in ("space", "comment")]


def _check_nesting(text: str, tokens: list[Token], max_depth: int, max_operators: int) -> None:
    depth = operators = 0
    for token in tokens:
        word = token.text.upper() if token.kind == "name" else ""
        operators += token.text in _OPERATORS if token.kind == "punct" else word in _OPERATOR_WORDS
        if token.kind == "punct" and token.text in _OPENERS:
            depth += 1
            if depth > max_depth:
                where = _position(text, token.start)
                raise QueryLimitError(f"the query nests groups or brackets more than {max_depth} deep (at {where})")
        elif token.kind == "punct" and token.text in _CLOSERS:
            depth = max(0, depth - 1)
    if operators > max_operators:
        raise QueryLimitError(
            f"the query has {operators} operators, groups and filters; the limit is {max_operators}: split it "
            "or use VALUES for long lists"
        )


def _shape(text: str, tokens: list[Token]) -> QueryShape:
    prefixes, base, form = dict(PREFIXES), "", ""
    services: list[str] = []
    datasets: list[str] = []
    for index, token in enumerate(tokens):
        word = token.text.upper() if token.kind == "name" and ":" not in token.text else ""
        following = [t for t in tokens[index + 1 : index + 4] if t.text.upper() not in ("SILENT", "NAMED")]
        target = following[0] if following else None
        if word in UPDATE_WORDS:
            raise QueryRefusedError(
                f"{word} at {_position(text, token.start)}: this endpoint is read-only, updates and LOAD are refused"
            )
        if word in QUERY_FORMS and not form:
            form = word
        elif word == "PREFIX" and len(tokens) > index + 2 and tokens[index + 2].kind == "iri":
            prefixes[tokens[index + 1].text.rstrip(":")] = _expand(tokens[index + 2], prefixes, base)
        elif word == "BASE" and target is not None and target.kind == "iri":
            base = _expand(target, prefixes, base)
        elif word in ("SERVICE", "FROM") and target is not None:
            iri = target.text if target.kind == "var" else _expand(target, prefixes, base)
            (services if word == "SERVICE" else datasets).append(iri)
    return QueryShape(form or "SELECT", tuple(services), tuple(datasets))


def inspect_query(
    text: str,
    *,
    max_depth: int = MAX_DEPTH,
    max_operators: int = MAX_OPERATORS,
) -> QueryShape:
    """Check ``text`` before any SPARQL engine sees it and say what it asks for.

    Refuses (:class:`QueryLimitError`) a text nested deeper than ``max_depth`` or
    with more than ``max_operators`` operators (Oxigraph's recursive parser and evaluator overflow their
    stack on such input), and (:class:`QueryRefusedError`) any update or LOAD. ``\\uXXXX`` escapes,
    which SPARQL allows anywhere, are decoded first and both spellings checked."""
    decoded = _CODEPOINT.sub(lambda m: chr(min(int(m[1] or m[2], 16), 0x10FFFF)), text)
    shapes = []
    for variant in dict.fromkeys([text, decoded]):
        tokens = _significant(variant)
        _check_nesting(variant, tokens, max_depth, max_operators)
        shapes.append(_shape(variant, tokens))
    return QueryShape(
        shapes[0].form,
        tuple(dict.fromkeys(s for shape in shapes for s in shape.services)),
        tuple(dict.fromkeys(d for shape in shapes for d in shape.datasets)),
    )


def _term(name: str, value: str) -> Any:
    import pyoxigraph

    try:
        if value.startswith("<") and value.endswith(">"):
            return pyoxigraph.NamedNode(value[1:-1])
        match = re.fullmatch(r'"(.*)"@(\S+)', value, re.DOTALL)
        if match:
            return pyoxigraph.Literal(match[1], language=match[2])
    except ValueError as error:
        kind = "IRI" if value.startswith("<") else "language tag"
        raise QueryError(
            f"--param {name} {value}: not a valid {kind} ({error}); write <http://…> for an IRI, "
            '"text"@zh or "text"@en for a tagged name'
        ) from None
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
    """``query`` with each variable ``?NAME`` of ``params`` replaced by its value as an escaped RDF term.

    Only variable tokens are replaced, never text inside strings, IRIs or comments. The term is
    serialised by Oxigraph (quotes and backslashes escaped), so a value can never change the query's
    structure. ``<…>`` gives an IRI, ``"…"@lang`` a language-tagged literal, else a plain literal.
    A parameter in ``labels`` becomes the list of :func:`label_terms`; one in ``integers`` a bare number
    (for ``LIMIT ?limit``).
    """
    terms = {}
    for name, value in params.items():
        if not re.fullmatch(r"\w+", name):
            raise QueryError(f"parameter names are letters, digits and _: {name!r}")
        if name in integers:
            if not value.strip().isdigit() or int(value) < 1:
                raise QueryError(f"--param {name} takes a whole number of at least 1, not {value!r}")
            terms[name] = str(int(value))
        else:
            terms[name] = label_terms(value) if name in labels else str(_term(name, value))
    return "".join(terms.get(t.text[1:], t.text) if t.kind == "var" else t.text for t in tokenize(query))


def param_hints(params: dict[str, str]) -> list[str]:
    """Advice on parameter values that are valid but probably not what was meant (dates not YYYY-MM-DD)."""
    hints = []
    for name, value in params.items():
        if _DATE_TYPO.fullmatch(value.strip()) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
            numbers = re.findall(r"\d+", value)
            iso = f"{numbers[0]}-{int(numbers[1]):02d}-{int(numbers[2]):02d}"
            hints.append(f"--param {name} {value}: dates are written YYYY-MM-DD; did you mean {iso}?")
    return hints


def run_query(
    store: Any,
    query: str,
    params: dict[str, str] | None = None,
    labels: frozenset[str] = frozenset(),
    integers: frozenset[str] = frozenset(),
) -> QueryResult:
    """Run ``query`` on ``store`` over the union of its graphs, with ``params`` bound as values.

    The text is checked by :func:`inspect_query` first: a query nested thousands deep would crash the process."""
    import pyoxigraph

    text = bind(query, params or {}, labels, integers)
    inspect_query(text)
    try:
        answer = store.query(text, prefixes=PREFIXES, use_default_graph_as_union=True)
    except SyntaxError as error:
        raise QueryError(f"malformed SPARQL: {error}") from error
    except (OSError, ValueError) as error:
        raise QueryError(f"the query failed: {error}") from error
    hints = param_hints(params or {})
    if isinstance(answer, pyoxigraph.QueryBoolean):
        return QueryResult(boolean=bool(answer), hints=hints)
    if isinstance(answer, pyoxigraph.QuerySolutions):
        columns = [v.value for v in answer.variables]
        rows = [[solution[c] for c in columns] for solution in answer]
        return QueryResult(columns=columns, rows=rows, hints=hints)
    lines = sorted(f"{t.subject} {t.predicate} {t.object} ." for t in answer)
    return QueryResult(triples="\n".join(lines) + ("\n" if lines else ""), hints=hints)


def known_names(store: Any, name: str, limit: int = 5) -> list[str]:
    """Labels in ``store`` close to ``name``: those containing it first, then similar spellings."""
    import difflib

    answer = store.query(
        "SELECT DISTINCT ?label WHERE { ?e rdfs:label|skos:altLabel ?label }",
        prefixes=PREFIXES,
        use_default_graph_as_union=True,
    )
    labels = sorted({solution["label"].value for solution in answer})
    folded = name.casefold()
    containing = [label for label in labels if folded in label.casefold()]
    similar = difflib.get_close_matches(name, labels, n=limit, cutoff=0.6)
    return list(dict.fromkeys(containing + similar))[:limit]


def bound_preset(name: str, params: dict[str, str] | None = None) -> str:
    """The text of preset ``name`` with ``params`` bound, its declared defaults filling those not given."""
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
    return bind(chosen.text, given, chosen.labels, chosen.integers)


def run_preset(store: Any, name: str, params: dict[str, str] | None = None) -> QueryResult:
    """Run the preset ``name`` (see :func:`bound_preset`); a name that matches no entity, or a date not
    written YYYY-MM-DD, adds a hint."""
    result = run_query(store, bound_preset(name, params))
    given = params or {}
    result.hints.extend(param_hints(given))
    if not result.rows:
        for param in sorted(preset(name).labels & set(given)):
            close = known_names(store, given[param])
            result.hints.append(
                f"no entity is named {given[param]!r} (in Chinese, English or without a language tag)"
                + (f"; close names: {', '.join(close)}" if close else "")
            )
    return result


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
