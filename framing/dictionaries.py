"""Researchers' own dictionaries as features: LIWC ``.dic``, quanteda YAML, or CSV.

Each category of a dictionary becomes a per-100-words measure with evidence spans,
declared like any built-in feature (:mod:`framing.measures`), so it is compared,
tested, drawn, highlighted, exported and listed in the glossary with no code.

Formats (chosen by suffix):

* ``.dic`` (LIWC style): a header of ``id<TAB>category`` lines between two ``%``
  lines, then one entry per line: the pattern, then the ids of its categories
  (``terror*<TAB>3 7``; a multi-word pattern is the words before the ids).
* ``.yml`` / ``.yaml`` (quanteda ``dictionary(file=)`` style): a mapping of
  category to a list of patterns; nested mappings give ``parent.child`` categories.
* ``.csv``: a header ``category,pattern`` and one pattern per row.

Patterns are matched token by token (spaCy tokens): ``*`` matches any run of
characters and ``?`` one character (``terror*`` matches "terrorism"), words
separated by spaces must follow each other (``rule of law``). Matching ignores
case unless ``case`` is set, and compares lemmas instead of word forms with
``lemma``. Within one category, matches do not overlap (the longest pattern at
the leftmost position wins); a word may count for several categories.

A bad dictionary is a one-line :class:`~framing.errors.LexiconError` naming the
file and line: unknown format, an empty category, a malformed line.
"""
from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

from .errors import LexiconError
from .measures import Measure, Section

FORMATS = {".dic": "LIWC .dic", ".yml": "quanteda YAML", ".yaml": "quanteda YAML", ".csv": "CSV category,pattern"}
OPTIONS = ("case", "lemma")
STRIP_MAX = 6  # categories shown in the reading-view strip (a LIWC dictionary has ~70)


@dataclass(frozen=True)
class Pattern:
    """One pattern: its text and, per word, either an exact string or a compiled glob."""

    text: str
    words: tuple[str | re.Pattern, ...]
    line: int
    # The first word as matched (lower-cased unless case-sensitive), for the prefix index.
    case_free_head: str | None = None

    def first(self) -> str | None:
        """The exact first word (for indexing), or None when it is a glob."""
        return self.words[0] if isinstance(self.words[0], str) else None


@dataclass
class Dictionary:
    """A loaded user dictionary: categories of patterns, options and provenance."""

    name: str
    path: Path
    format: str
    categories: dict[str, list[Pattern]]
    case: bool = False
    lemma: bool = False
    sha256: str = ""
    _index: dict = field(default_factory=dict, repr=False)

    @property
    def slug(self) -> str:
        return _slug(self.name)

    def column(self, category: str) -> str:
        """Paragraph column of a category's count, e.g. ``dict_mfd_care_virtue``."""
        return f"dict_{self.slug}_{_slug(category)}"

    def match(self, words: list[str]) -> dict[str, list[tuple[int, int, str]]]:
        """Per category, non-overlapping ``(first word, end word, pattern)`` matches in ``words``.

        Example:
            >>> d = parse_csv("category,pattern\\nfear,terror*\\nfear,rule of law\\n", "x.csv")
            >>> d.match(["the", "terrorists", "and", "rule", "of", "law"])["fear"]
            [(1, 2, 'terror*'), (3, 6, 'rule of law')]
        """
        if not self._index:
            self._build_index()
        out: dict[str, list[tuple[int, int, str]]] = {}
        for category, (exact, prefixed, globs) in self._index.items():
            found, i = [], 0
            while i < len(words):
                best = None
                word = words[i]
                candidates = exact.get(word, []) + globs
                if prefixed:
                    for k in range(len(word) + 1):
                        candidates += prefixed.get(word[:k], [])
                for p in candidates:
                    n = len(p.words)
                    if i + n <= len(words) and all(_word_ok(w, words[i + k]) for k, w in enumerate(p.words)) \
                            and (best is None or n > len(best.words)):
                        best = p
                if best is None:
                    i += 1
                else:
                    found.append((i, i + len(best.words), best.text))
                    i += len(best.words)
            out[category] = found
        return out

    def _build_index(self) -> None:
        """Per category: patterns by exact first word, by first-word prefix (``terror*``), other globs.

        A LIWC dictionary has thousands of ``prefix*`` patterns: looking up each
        prefix of a word keeps matching linear in the text, not in the dictionary.
        """
        for category, patterns in self.categories.items():
            exact: dict[str, list[Pattern]] = {}
            prefixed: dict[str, list[Pattern]] = {}
            globs: list[Pattern] = []
            for p in patterns:
                first = p.first()
                head = p.text.split(" ")[0] if p.case_free_head is None else p.case_free_head
                if first is not None:
                    exact.setdefault(first, []).append(p)
                elif head.endswith("*") and not any(c in head[:-1] for c in "*?"):
                    prefixed.setdefault(head[:-1], []).append(p)
                else:
                    globs.append(p)
            self._index[category] = (exact, prefixed, globs)

    def record(self) -> dict[str, Any]:
        """Provenance for the methods section and exports."""
        return {"name": self.name, "file": str(self.path), "format": self.format, "sha256": self.sha256,
                "categories": len(self.categories), "patterns": sum(map(len, self.categories.values())),
                "case": self.case, "lemma": self.lemma}


def _word_ok(pattern: str | re.Pattern, word: str) -> bool:
    return pattern == word if isinstance(pattern, str) else pattern.fullmatch(word) is not None


def _slug(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "_", text.lower()).strip("_") or "x"


def _compile(text: str, *, case: bool, where: str) -> tuple[str | re.Pattern, ...]:
    """Words of a pattern: exact strings, or compiled globs for words with ``*``/``?``."""
    text = " ".join(text.split())
    if not text:
        raise LexiconError(f"{where}: empty pattern")
    words: list[str | re.Pattern] = []
    for word in text.split(" "):
        word = word if case else word.lower()
        if word.strip("*?") == "":
            raise LexiconError(f"{where}: pattern '{text}' has a word that is only a wildcard")
        if "*" in word or "?" in word:
            rx = "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in word)
            words.append(re.compile(rx))
        else:
            words.append(word)
    return tuple(words)


def _add(categories: dict, category: str, text: str, line: int, *, case: bool, where: str) -> None:
    text = " ".join(text.split())
    head = text.split(" ")[0] if text else ""
    categories.setdefault(category, []).append(Pattern(text, _compile(text, case=case, where=where), line,
                                                       head if case else head.lower()))


# ---- readers -------------------------------------------------------------------
def parse_dic(text: str, path: str, *, case: bool = False) -> Dictionary:
    """Read a LIWC-style ``.dic`` dictionary.

    Example:
        >>> d = parse_dic("%\\n1\\tthreat\\n2\\tsafety\\n%\\nterror*\\t1\\nsafe\\t2\\nattack\\t1 2\\n", "x.dic")
        >>> {k: [p.text for p in v] for k, v in d.categories.items()}
        {'threat': ['terror*', 'attack'], 'safety': ['safe', 'attack']}
    """
    lines = text.splitlines()
    marks = [i for i, line in enumerate(lines) if line.strip() == "%"]
    if len(marks) < 2:
        raise LexiconError(f"{path} line 1: a .dic file starts with a '%' line, category lines "
                           "'ID<TAB>NAME', and a second '%' line")
    names: dict[str, str] = {}
    name_line: dict[str, int] = {}
    for i in range(marks[0] + 1, marks[1]):
        parts = lines[i].split()
        if not parts:
            continue
        if len(parts) < 2 or not parts[0].isdigit():
            raise LexiconError(f"{path} line {i + 1}: expected 'ID<TAB>CATEGORY' (a number, then a name), "
                               f"got '{lines[i].strip()}'")
        if parts[0] in names:
            raise LexiconError(f"{path} line {i + 1}: category id {parts[0]} is defined twice")
        names[parts[0]] = " ".join(parts[1:])
        name_line[names[parts[0]]] = i + 1
    if not names:
        raise LexiconError(f"{path} line {marks[0] + 1}: no categories between the two '%' lines")
    categories: dict[str, list[Pattern]] = {name: [] for name in names.values()}
    for i in range(marks[1] + 1, len(lines)):
        raw = lines[i].strip()
        if not raw:
            continue
        where = f"{path} line {i + 1}"
        fields = raw.split("\t") if "\t" in raw else [raw]
        tokens = [t for f in fields for t in f.split()]
        ids: list[str] = []
        while tokens and tokens[-1].isdigit():
            ids.insert(0, tokens.pop())
        if not tokens or not ids:
            raise LexiconError(f"{where}: expected 'PATTERN<TAB>ID [ID …]', got '{raw}'")
        for cid in ids:
            if cid not in names:
                raise LexiconError(f"{where}: category id {cid} is not in the header; known ids: "
                                   f"{', '.join(sorted(names, key=int))}")
            _add(categories, names[cid], " ".join(tokens), i + 1, case=case, where=where)
    return _finish(categories, name_line, path, "LIWC .dic", text, case=case)


def parse_yaml(text: str, path: str, *, case: bool = False) -> Dictionary:
    """Read a quanteda-style YAML dictionary (nested keys become ``parent.child``).

    Example:
        >>> d = parse_yaml("economy:\\n  - market*\\n  - trade deal\\nsecurity:\\n  threat: [terror*]\\n", "x.yml")
        >>> sorted(d.categories)
        ['economy', 'security.threat']
    """
    import yaml

    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        raise LexiconError(f"{path} line {line}: not valid YAML ({getattr(exc, 'problem', None) or exc})") from None
    if not isinstance(root, yaml.MappingNode):
        line = root.start_mark.line + 1 if root is not None else 1
        raise LexiconError(f"{path} line {line}: a YAML dictionary is a mapping of category: [patterns]")
    categories: dict[str, list[Pattern]] = {}
    lines: dict[str, int] = {}

    def walk(node, prefix: str) -> None:
        for key, value in node.value:
            name = f"{prefix}{key.value}"
            line = key.start_mark.line + 1
            where = f"{path} line {line}"
            if not isinstance(key, yaml.ScalarNode) or not str(key.value).strip():
                raise LexiconError(f"{where}: a category name must be a non-empty string")
            if isinstance(value, yaml.MappingNode):
                walk(value, f"{name}.")
                continue
            items = value.value if isinstance(value, yaml.SequenceNode) else \
                ([value] if isinstance(value, yaml.ScalarNode) and value.value not in ("", "~", "null") else [])
            lines[name] = line
            categories.setdefault(name, [])
            for item in items:
                if not isinstance(item, yaml.ScalarNode):
                    raise LexiconError(f"{path} line {item.start_mark.line + 1}: category '{name}': "
                                       "a pattern must be a string")
                _add(categories, name, str(item.value), item.start_mark.line + 1, case=case,
                     where=f"{path} line {item.start_mark.line + 1}")

    walk(root, "")
    return _finish(categories, lines, path, "quanteda YAML", text, case=case)


def parse_csv(text: str, path: str, *, case: bool = False) -> Dictionary:
    """Read a CSV dictionary with columns ``category,pattern`` (other columns are ignored)."""
    rows = csv.reader(io.StringIO(text))
    header = next(rows, None)
    cols = [c.strip().lower() for c in header or []]
    if "category" not in cols or "pattern" not in cols:
        raise LexiconError(f"{path} line 1: a CSV dictionary needs the header 'category,pattern'; "
                           f"got '{','.join(header or [])}'")
    ci, pi = cols.index("category"), cols.index("pattern")
    categories: dict[str, list[Pattern]] = {}
    lines: dict[str, int] = {}
    for row in rows:
        line = rows.line_num
        if not any(cell.strip() for cell in row):
            continue
        where = f"{path} line {line}"
        if len(row) <= max(ci, pi):
            raise LexiconError(f"{where}: expected {len(cols)} fields (category,pattern), got {len(row)}")
        category, pattern = row[ci].strip(), row[pi].strip()
        if not category:
            raise LexiconError(f"{where}: empty category")
        lines.setdefault(category, line)
        _add(categories, category, pattern, line, case=case, where=where)
    return _finish(categories, lines, path, "CSV category,pattern", text, case=case)


def _finish(categories, lines, path, fmt, text, *, case: bool) -> Dictionary:
    if not categories:
        raise LexiconError(f"{path} line 1: no categories")
    for name, patterns in categories.items():
        if not patterns:
            raise LexiconError(f"{path} line {lines.get(name, 1)}: category '{name}' has no patterns")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Dictionary(name=Path(path).stem, path=Path(path), format=fmt, categories=categories, case=case,
                      sha256=digest)


READERS: dict[str, Callable[..., Dictionary]] = {".dic": parse_dic, ".yml": parse_yaml, ".yaml": parse_yaml,
                                                  ".csv": parse_csv}


def load_dictionary(path: str | Path, *, name: str | None = None, case: bool = False,
                    lemma: bool = False) -> Dictionary:
    """Read a dictionary file (format by suffix), validating every line.

    Raises:
        LexiconError: one line naming the file (and line) for a missing file, an
            unknown format, a malformed line or an empty category.
    """
    path = Path(path)
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise LexiconError(f"{path}: unknown dictionary format '{path.suffix or '(none)'}'; use "
                           + ", ".join(f"{s} ({f})" for s, f in FORMATS.items()))
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LexiconError(f"{path}: cannot read dictionary ({exc.strerror or exc})") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise LexiconError(f"{path} line {line}: not UTF-8 text") from None
    d = reader(text, str(path), case=case)
    d.lemma = lemma
    d.sha256 = hashlib.sha256(data + f"|case={case}|lemma={lemma}".encode()).hexdigest()
    if name:
        d.name = name
    return d


# ---- configuration: corpus.yaml and --dictionary ------------------------------
def parse_spec(spec: Any, root: Path, where: str) -> Dictionary:
    """One ``dictionaries:`` entry of corpus.yaml: a path, or ``{path, name, case, lemma}``."""
    if isinstance(spec, str):
        spec = {"path": spec}
    if not isinstance(spec, Mapping) or not isinstance(spec.get("path"), str):
        raise LexiconError(f"{where}: a dictionary entry is a path or a mapping with 'path' "
                           "(and optional name, case, lemma)")
    unknown = sorted(set(spec) - {"path", "name", *OPTIONS})
    if unknown:
        raise LexiconError(f"{where}: unknown dictionary option '{unknown[0]}'; allowed: path, name, "
                           + ", ".join(OPTIONS))
    for opt in OPTIONS:
        if opt in spec and not isinstance(spec[opt], bool):
            raise LexiconError(f"{where}: '{opt}' must be true or false")
    path = Path(spec["path"])
    return load_dictionary(path if path.is_absolute() else root / path, name=spec.get("name"),
                           case=spec.get("case", False), lemma=spec.get("lemma", False))


def corpus_dictionaries(config: Mapping[str, Any], root: Path) -> list[Dictionary]:
    """Dictionaries named in a corpus's ``corpus.yaml`` (paths relative to the corpus)."""
    specs = config.get("dictionaries") or []
    if not isinstance(specs, list):
        raise LexiconError(f"{root / 'corpus.yaml'}: 'dictionaries' must be a list of paths")
    return [parse_spec(s, root, f"{root / 'corpus.yaml'}: dictionaries[{i}]") for i, s in enumerate(specs)]


def cli_dictionaries(paths: Iterable[str | Path], options: Iterable[str] = ()) -> list[Dictionary]:
    """Dictionaries from ``--dictionary PATH`` options, with ``--dictionary-option case|lemma``."""
    opts = set(options)
    bad = sorted(opts - set(OPTIONS))
    if bad:
        raise LexiconError(f"unknown dictionary option '{bad[0]}'; allowed: {', '.join(OPTIONS)}")
    return [load_dictionary(p, case="case" in opts, lemma="lemma" in opts) for p in paths]


def unique(dictionaries: list[Dictionary]) -> list[Dictionary]:
    """Refuse two dictionaries with the same name (their measures would collide)."""
    seen: dict[str, Path] = {}
    for d in dictionaries:
        if d.slug in seen:
            raise LexiconError(f"{d.path}: a dictionary named '{d.name}' is already loaded from {seen[d.slug]}; "
                               "rename one file or give it a 'name' in corpus.yaml")
        seen[d.slug] = d.path
    return dictionaries


# ---- as a feature --------------------------------------------------------------
def as_feature(d: Dictionary):
    """A :class:`~framing.features.Feature` counting each category per paragraph, with evidence rows."""
    from .features import Feature

    family = f"dictionary: {d.name}"
    cats = list(d.categories)
    measures = tuple(
        Measure(f"{d.column(c)}_per_100w", "rate", family, c,
                f"words matching the '{c}' category of {d.path.name} per 100 words", column=d.column(c),
                rank=1000 + k, strip=c if len(cats) <= STRIP_MAX else "")
        for k, c in enumerate(cats))
    glossary = tuple((f"{d.name}: {c}", f"dictionary category ({len(d.categories[c])} patterns, e.g. "
                      + ", ".join(p.text for p in d.categories[c][:4]) + f"); from {d.path.name}.")
                     for c in cats)
    section = Section(id=f"dictionary-{d.slug}", title=f"Dictionary: {d.name}",
                      intro=(f"Matches of the {len(cats)} categories of {d.path.name} ({d.format}"
                             f"{', case-sensitive' if d.case else ''}{', on lemmas' if d.lemma else ''}) "
                             "per 100 body words; each match is marked in the reading view."),
                      families=(family,))

    def factory(ctx):
        def count(doc):
            words = [(t.lemma_ if d.lemma else t.text) for t in doc]
            if not d.case:
                words = [w.lower() for w in words]
            rows, summary = [], {}
            for category, found in d.match(words).items():
                summary[d.column(category)] = len(found)
                for i, j, pattern in found:
                    start, end = doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)
                    rows.append({"category": category, "pattern": pattern, "match": doc.text[start:end],
                                 "start": start, "end": end})
            return rows, summary
        return count

    return Feature(name=f"dictionary:{d.slug}", version="1", factory=factory, table=f"dictionary_{d.slug}",
                   columns=("category", "pattern", "match", "start", "end"),
                   paragraph_columns=tuple(d.column(c) for c in cats), lexicons=(), needs_parse=True,
                   resources=lambda: d.sha256, measures=measures, glossary=glossary, section=section,
                   span="category")
