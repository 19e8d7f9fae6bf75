"""Hostile and broken inputs (issue 12, part B): crashes, budgets, escaping.

Every case asserts the exit code, the one-line message (or the correct result) and
that every file outside the tool's own outputs (``.framing-cache``, a report folder,
an export file) is byte-identical before and after the command.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from framing.checks import MAX_JSON_DEPTH, MAX_PARAGRAPH_CHARS
from framing.cli import main
from framing.corpus import Corpus

OUTPUTS = (".framing-cache", "report", "out.csv", "out.csv.meta.json")
SENTENCES = ("The Kremlin said Russia would talk to NATO about {w} next week.",
             "Washington reportedly warned that sanctions could follow the invasion.",
             "Officials in Kyiv said the {w} plan was clearly a trap.",
             "Moscow may answer, according to analysts who described the special military operation.",
             "Brussels and the EU undoubtedly want {w} talks, a diplomat said.")
WORDS = ("gas", "grain", "border", "water", "rail", "bank", "power", "trade", "oil", "port", "road")


def run(*args, input: str | None = None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input)


def snapshot(root: Path) -> dict[str, bytes]:
    """Bytes of every file under ``root`` except the tool's own outputs."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and not any(part in OUTPUTS for part in p.relative_to(root).parts)}


def one_line_error(result, *fragments: str) -> None:
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert "Traceback" not in result.output
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


def article(i: int, source: str) -> str:
    w = WORDS[i % len(WORDS)]
    picked = [SENTENCES[(i + k) % len(SENTENCES)].format(w=w) for k in range(2 + i % 3)]
    return f"{' '.join(picked)}\n\n{source} reported on {w} and the war, perhaps for the {i}th time.\n"


def write_doc(corpus: Path, name: str, meta: str, body: str) -> Path:
    path = corpus / f"{name}.md"
    path.write_text(f"---\n{meta}\n---\n{body}\n", encoding="utf-8")
    return path


def make_corpus(tmp_path: Path, sizes: dict[str, int], *, titles: dict[str, str] | None = None,
                extra: dict | None = None) -> Path:
    """A corpus whose documents are written directly (``add`` is tested separately)."""
    corpus = tmp_path / "c"
    Corpus.init(corpus)
    n = 0
    for source, count in sizes.items():
        for _ in range(count):
            title = (titles or {}).get(source, f"Story {n}")
            meta = json.dumps({"id": f"{n:03d}-story", "source": source, "title": title, **(extra or {})})
            write_doc(corpus, f"{n:03d}-story", meta, article(n, source))
            n += 1
    return corpus


# ---- 1. crashes -> a correct result or a one-line error -----------------------------------
SOURCE_SIZES = [(2, 2), (2, 3), (2, 4), (3, 6)]


@pytest.mark.parametrize("a,b", SOURCE_SIZES, ids=[f"{a}v{b}" for a, b in SOURCE_SIZES])
def test_compare_tiny_sources_gives_distinguishability(tmp_path, a, b):
    corpus = make_corpus(tmp_path, {"A": a, "B": b})
    before = snapshot(tmp_path)
    result = run("compare", "--corpus", corpus, "--format", "json")
    assert result.exit_code == 0, result.output
    dist = json.loads(result.stdout)["distinguishability"]
    # Folds keep both classes in every training part: a real accuracy, within [0, 1].
    assert dist.get("reason") is None and 0.0 <= dist["accuracy"] <= 1.0
    assert dist["n_documents"] == a + b and dist["classes"] == ["A", "B"]
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("a,b", [(2, 2), (3, 6)], ids=["2v2", "3v6"])
def test_report_tiny_sources(tmp_path, a, b):
    corpus = make_corpus(tmp_path, {"A": a, "B": b})
    before = snapshot(tmp_path)
    result = run("report", "--corpus", corpus, "--out", tmp_path / "report")
    assert result.exit_code == 0, result.output
    md = (tmp_path / "report" / "report.md").read_text(encoding="utf-8")
    assert "Cross-validated logistic regression" in md
    assert snapshot(tmp_path) == before


def test_distinguishability_single_class_training_fold_predicts_that_class():
    import numpy as np

    from framing.compare.distinguishability import _predict

    pred = _predict(np.zeros((3, 2)), np.array(["A", "A", "A"]), np.zeros((2, 2)), 0)
    assert pred.tolist() == ["A", "A"]


BAD_DATES = [
    ("impossible", ["--date", "2024-02-30"], "--date: date '2024-02-30' is not a real date"),
    ("not a date", ["--date", "not-a-date"], "--date: date 'not-a-date' is not in a known format"),
    ("month 13", ["--date", "2024-13"], "is not a real date"),
    ("time 25h", ["--date", "2024-01-01T25:00"], "is not a real date"),
]


@pytest.mark.parametrize("case,args,message", BAD_DATES, ids=[c[0] for c in BAD_DATES])
def test_add_refuses_bad_date(tmp_path, case, args, message):
    corpus = make_corpus(tmp_path, {"A": 1})
    (tmp_path / "a.txt").write_text(article(5, "X"), encoding="utf-8")
    before = snapshot(tmp_path)
    one_line_error(run("add", tmp_path / "a.txt", "--source", "X", "--corpus", corpus, *args),
                   message, "expected YYYY-MM-DD")
    assert snapshot(tmp_path) == before


GOOD_DATES = ["2024-02-29", "2024-05", "2024", "2022-06-24T17:30:00Z", "2024-05-01 12:00:00+02:00"]


@pytest.mark.parametrize("date", GOOD_DATES)
def test_add_accepts_iso_dates_as_written(tmp_path, date):
    (tmp_path / "a.txt").write_text(article(5, "X"), encoding="utf-8")
    result = run("add", tmp_path / "a.txt", "--source", "X", "--date", date, "--corpus", tmp_path / "c")
    assert result.exit_code == 0, result.output
    (doc,) = Corpus.open(tmp_path / "c").documents()
    assert doc.meta["date"] == date


def test_front_matter_impossible_date_refused_at_add(tmp_path):
    (tmp_path / "a.md").write_text("---\nsource: X\ndate: 2024-02-30\n---\nSome text here.\n", encoding="utf-8")
    before = snapshot(tmp_path)
    one_line_error(run("add", tmp_path / "a.md", "--corpus", tmp_path / "c"), "a.md: date '2024-02-30'")
    assert snapshot(tmp_path) == before and not (tmp_path / "c").exists()


def test_existing_corpus_file_with_impossible_date_still_lists(tmp_path):
    corpus = make_corpus(tmp_path, {"A": 1})
    write_doc(corpus, "001-x", "source: B\ndate: 2024-02-30", "Some body text.")
    before = snapshot(tmp_path)
    result = run("list", "--corpus", corpus)
    assert result.exit_code == 0 and "2024-02-30" in result.stdout, result.output
    assert snapshot(tmp_path) == before


def _jsonl(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


GOOD_RECORD = json.dumps({"text": "A good article about Moscow.", "source": "S"})
DEEP = "[" * 100_000 + "]" * 100_000
BAD_RECORDS = [
    ("nested 100,000 deep", DEEP, f"line 2: nested more than {MAX_JSON_DEPTH} levels deep"),
    ("nested in a field", json.dumps({"text": "T", "source": "S", "x": json.loads("[" * 40 + "]" * 40)}),
     f"line 2: nested more than {MAX_JSON_DEPTH} levels deep"),
    ("impossible date", json.dumps({"text": "T", "source": "S", "date": "2024-02-30"}),
     "line 2: date '2024-02-30' is not a real date"),
    ("date not a date", json.dumps({"text": "T", "source": "S", "date": "soon"}),
     "line 2: date 'soon' is not in a known format"),
]


@pytest.mark.parametrize("case,line,message", BAD_RECORDS, ids=[c[0] for c in BAD_RECORDS])
def test_import_bad_record_refused_then_skipped(tmp_path, case, line, message):
    path = _jsonl(tmp_path, [GOOD_RECORD, line, GOOD_RECORD.replace("good", "second")])
    before = snapshot(tmp_path)
    one_line_error(run("import", path, "--corpus", tmp_path / "c"), message, "nothing imported")
    assert snapshot(tmp_path) == before
    result = run("import", path, "--corpus", tmp_path / "c", "--skip-bad")
    assert result.exit_code == 0, result.output
    assert "imported 2 documents" in result.stdout and f"skipped {path} {message}" in result.stderr
    assert snapshot(tmp_path)["in.jsonl"] == before["in.jsonl"]


def _newsmtsc(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "n.jsonl"
    path.write_bytes(data)
    return path


GOOD_TARGET = b'{"sentence": "Putin spoke.", "mention": "Putin", "from": 0, "to": 5, "polarity": 0}\n'
BAD_NEWSMTSC = [
    ("missing field (KeyError)", b'{"sentence": "Putin spoke.", "from": 0, "polarity": 0}\n',
     "line 2: missing field 'to'"),
    ("train style missing field", b'{"targets": [{"from": 0, "to": 5, "polarity": 2.0}]}\n',
     "line 2: missing field 'sentence_normalized'"),
    ("null offset (TypeError)", b'{"sentence": "Putin spoke.", "from": null, "to": 5, "polarity": 0}\n',
     "line 2: bad value"),
    ("targets not a list (TypeError)", b'{"sentence_normalized": "Putin spoke.", "targets": 5}\n',
     "line 2: bad value"),
    ("text polarity (ValueError)", b'{"sentence": "Putin spoke.", "from": 0, "to": 5, "polarity": "bad"}\n',
     "line 2: bad value"),
    ("unknown polarity", b'{"sentence": "Putin spoke.", "from": 0, "to": 5, "polarity": 3}\n',
     "line 2: unknown polarity 3.0"),
    ("offsets outside", b'{"sentence": "Putin spoke.", "from": 0, "to": 99, "polarity": 0}\n',
     "line 2: bad value (offsets 0-99 outside the sentence)"),
    ("not an object", b'[1, 2]\n', "line 2: not a NewsMTSC line"),
    ("not JSON", b'{nope\n', "line 2: not valid JSON"),
    ("nested 100,000 deep", DEEP.encode() + b"\n", f"line 2: nested more than {MAX_JSON_DEPTH} levels"),
    ("not UTF-8 (UnicodeDecodeError)", b'{"sentence": "Caf\xe9", "from": 0, "to": 3, "polarity": 0}\n',
     "line 2: not UTF-8 text"),
]


@pytest.mark.parametrize("case,line,message", BAD_NEWSMTSC, ids=[c[0] for c in BAD_NEWSMTSC])
def test_evaluate_newsmtsc_bad_line_is_named(tmp_path, case, line, message):
    path = _newsmtsc(tmp_path, GOOD_TARGET + line)
    before = snapshot(tmp_path)
    one_line_error(run("evaluate", "newsmtsc", path), f"{path} {message}", "expected NewsMTSC JSONL")
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("data", [b"", b"\n\n  \n"], ids=["empty", "blank lines"])
def test_evaluate_newsmtsc_empty_file_is_an_error_not_nan(tmp_path, data):
    path = _newsmtsc(tmp_path, data)
    result = run("evaluate", "newsmtsc", path)
    one_line_error(result, "no NewsMTSC targets")
    assert "NaN" not in result.output


def test_newsmtsc_scores_of_nothing_are_valid_json():
    from framing.evaluate.newsmtsc import scores

    text = json.dumps(scores([], []), allow_nan=False)  # raises on NaN
    assert json.loads(text)["accuracy"] is None


BAD_CONFIGS = [
    ("lexicons list", "lexicons: [1, 2]", "'lexicons' must map lexicon names to files"),
    ("lexicon number", "lexicons:\n  actors: 5", "lexicons.actors must be a file path"),
    ("lexicon no path", "lexicons:\n  actors: {mode: extend}", "lexicons.actors must be a file path"),
    ("lexicons text", "lexicons: actors.csv", "'lexicons' must map lexicon names to files"),
    ("name list", "name: [a, b]", "'name' must be a single line of text, not a list"),
    ("description map", "description: {a: 1}", "'description' must be a single line of text, not a mapping"),
    ("not a mapping", "- a\n- b", "must be key: value pairs"),
    ("broken YAML", "name: [unclosed", "broken YAML"),
    ("alias bomb", "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
     "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
     "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]",
     "YAML expands to over 100,000 values"),
    ("python tag", "name: !!python/object/apply:os.system ['touch pwned']", "broken YAML"),
]


@pytest.mark.parametrize("case,yaml_text,message", BAD_CONFIGS, ids=[c[0] for c in BAD_CONFIGS])
@pytest.mark.parametrize("command", ["list", "analyze"])
def test_malformed_corpus_yaml(tmp_path, case, yaml_text, message, command):
    corpus = make_corpus(tmp_path, {"A": 1})
    (corpus / "corpus.yaml").write_text(yaml_text + "\n", encoding="utf-8")
    before = snapshot(tmp_path)
    one_line_error(run(command, "--corpus", corpus), "corpus.yaml", message)
    assert snapshot(tmp_path) == before and not (tmp_path / "pwned").exists()


@pytest.mark.parametrize("where", ["document", "corpus.yaml"])
def test_utf8_bom_is_accepted(tmp_path, where):
    corpus = make_corpus(tmp_path, {"A": 1})
    path = next(corpus.glob("*.md")) if where == "document" else corpus / "corpus.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    before = snapshot(tmp_path)
    result = run("list", "--corpus", corpus)
    assert result.exit_code == 0 and "000-story" in result.stdout, result.output
    assert run("show", "000", "--corpus", corpus).stdout.startswith("id: 000-story\n")
    assert snapshot(tmp_path) == before


UNCLOSED = "---\nsource: X\ntitle: Never closed\n\nThe body starts here.\n"


def test_add_front_matter_never_closes(tmp_path):
    (tmp_path / "a.md").write_text(UNCLOSED, encoding="utf-8")
    before = snapshot(tmp_path)
    one_line_error(run("add", tmp_path / "a.md", "--corpus", tmp_path / "c"),
                   "a.md: front matter opened by '---' on line 1 never closes")
    assert snapshot(tmp_path) == before and not (tmp_path / "c").exists()


def test_corpus_file_front_matter_never_closes(tmp_path):
    corpus = make_corpus(tmp_path, {"A": 1})
    (corpus / "001-open.md").write_text(UNCLOSED, encoding="utf-8")
    before = snapshot(tmp_path)
    one_line_error(run("list", "--corpus", corpus), "001-open.md: front matter opened by '---'")
    assert snapshot(tmp_path) == before


# ---- 2. limits and budgets ------------------------------------------------------------------
BOMB = ("---\nsource: X\na: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
        "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
        "g: [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n---\nBody text.\n")
FRONT_MATTERS = [
    ("alias bomb", BOMB, "YAML expands to over 100,000 values"),
    ("recursive alias", "---\nsource: X\na: &a [*a]\n---\nBody.\n", "broken YAML front matter"),
    ("python tag", "---\nsource: !!python/object/apply:os.system ['touch pwned']\n---\nBody.\n",
     "broken YAML front matter"),
]


@pytest.mark.parametrize("case,text,message", FRONT_MATTERS, ids=[c[0] for c in FRONT_MATTERS])
def test_hostile_front_matter_refused_at_add(tmp_path, case, text, message):
    (tmp_path / "a.md").write_text(text, encoding="utf-8")
    before = snapshot(tmp_path)
    one_line_error(run("add", tmp_path / "a.md", "--corpus", tmp_path / "c"), "a.md", message)
    assert snapshot(tmp_path) == before and not (tmp_path / "pwned").exists()


@pytest.mark.parametrize("case,text,message", FRONT_MATTERS, ids=[c[0] for c in FRONT_MATTERS])
def test_hostile_front_matter_refused_on_read(tmp_path, case, text, message):
    corpus = make_corpus(tmp_path, {"A": 1})
    (corpus / "001-bomb.md").write_text(text, encoding="utf-8")
    before = snapshot(tmp_path)
    one_line_error(run("analyze", "--corpus", corpus), "001-bomb.md: broken YAML front matter")
    assert snapshot(tmp_path) == before and not (tmp_path / "pwned").exists()


def test_yaml_aliases_within_budget_still_work():
    from framing.checks import load_yaml

    assert load_yaml("a: &a [1, 2]\nb: *a") == {"a": [1, 2], "b": [1, 2]}


def long_text(n_chars: int, *, spaces: bool = True) -> str:
    if not spaces:
        return "x" * n_chars
    text = (SENTENCES[1] + " ") * (n_chars // (len(SENTENCES[1]) + 1) + 1)
    return text[:n_chars].rstrip()


def test_add_splits_a_paragraph_over_the_limit(tmp_path):
    body = "Heading of the piece\n\n" + long_text(MAX_PARAGRAPH_CHARS * 2 + 500) + "\n\nLast words here.\n"
    (tmp_path / "a.txt").write_text(body, encoding="utf-8")
    result = run("add", tmp_path / "a.txt", "--source", "X", "--corpus", tmp_path / "c")
    assert result.exit_code == 0, result.output
    (doc,) = Corpus.open(tmp_path / "c").documents()
    blocks = [b for b in doc.text.split("\n") if b.strip()]
    assert max(map(len, blocks)) <= MAX_PARAGRAPH_CHARS and doc.meta["reflowed"] is True
    assert " ".join(doc.text.split()) == " ".join(body.split())  # nothing lost, only re-paragraphed


def test_add_refuses_a_paragraph_without_spaces_over_the_limit(tmp_path):
    (tmp_path / "a.txt").write_text("Intro line.\n\n" + long_text(MAX_PARAGRAPH_CHARS + 1, spaces=False),
                                    encoding="utf-8")
    before = snapshot(tmp_path)
    one_line_error(run("add", tmp_path / "a.txt", "--source", "X", "--corpus", tmp_path / "c"),
                   f"a paragraph has over {MAX_PARAGRAPH_CHARS:,} characters without a space")
    assert snapshot(tmp_path) == before


def test_import_splits_long_one_line_records(tmp_path):
    record = json.dumps({"text": long_text(MAX_PARAGRAPH_CHARS + 5000), "source": "S"})
    result = run("import", _jsonl(tmp_path, [record]), "--corpus", tmp_path / "c")
    assert result.exit_code == 0, result.output
    (doc,) = Corpus.open(tmp_path / "c").documents()
    assert max(len(b) for b in doc.text.split("\n")) <= MAX_PARAGRAPH_CHARS and doc.meta["reflowed"]


def test_existing_paragraph_over_spacy_limit_still_analyses(tmp_path):
    corpus = make_corpus(tmp_path, {"A": 1})
    write_doc(corpus, "001-huge", "source: B", "A normal paragraph about Moscow, officials said.\n\n"
              + long_text(1_000_500))
    before = snapshot(tmp_path)
    result = run("analyze", "--corpus", corpus)
    assert result.exit_code == 0, result.output
    assert re.search(r"warning: 1 paragraph\(s\) over 100,000 characters not analysed \(001-huge "
                     r"paragraph 2\)", result.stderr)
    export = run("export", "paragraphs", "--corpus", corpus, "--format", "jsonl")
    rows = {(r["doc_id"], r["paragraph"]): r for r in map(json.loads, export.stdout.splitlines())}
    assert rows[("001-huge", 1)]["hedges"] is not None and rows[("001-huge", 2)]["hedges"] is None
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("name", ["actors", "terms", "hedging", "sentiment", "readability"])
def test_features_run_on_a_long_paragraph(feature_fn, nlp, name):
    """Correctness on a long paragraph (speed is measured in benchmarks/feature_linearity.py)."""
    text = " ".join(SENTENCES).format(w="gas")
    doc = nlp(" ".join([text] * 60))
    rows, summary = feature_fn(name)(doc)
    short_rows, _ = feature_fn(name)(nlp(text))
    assert len(rows) == 60 * len(short_rows)
    for row in rows:
        if "match" in row:
            assert doc.text[row["start"]:row["end"]] == row["match"]


# ---- 3. escaping where text leaves the tool -------------------------------------------------
PAYLOAD_TITLE = '<img src=x onerror=alert(1)> [click](javascript:alert(2)) <script>alert(3)</script>'
PAYLOAD_SOURCES = {"<script>alert('s')</script>": 2, "[x](javascript:alert(4))": 2}
PAYLOAD_BODY = ("<iframe src=javascript:alert(5)> the special military operation <b>bold</b> [here](javascript:alert(6)) "
                "went on. <javascript:alert(7)> ![i](data:text/html,x) the full-scale invasion, officials said.")


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("hostile")
    corpus = make_corpus(tmp_path, PAYLOAD_SOURCES, titles={s: PAYLOAD_TITLE for s in PAYLOAD_SOURCES},
                         extra={"translated_from": "ru"})  # translated documents are listed by title
    for path in sorted(corpus.glob("*.md")):
        path.write_text(path.read_text(encoding="utf-8") + "\n" + PAYLOAD_BODY + "\n", encoding="utf-8")
    before = snapshot(tmp_path)
    result = run("report", "--corpus", corpus, "--out", tmp_path / "report")
    assert result.exit_code == 0, result.output
    assert snapshot(tmp_path) == before
    return tmp_path / "report"


def test_report_md_renders_without_html_or_script_links(hostile_report):
    from markdown_it import MarkdownIt

    md = (hostile_report / "report.md").read_text(encoding="utf-8")
    html = MarkdownIt("commonmark").enable("table").render(md)
    for shown in ("alert(1)", "alert(4)", "alert(5)", "alert(6)", "&lt;b&gt;bold"):
        assert shown in html, shown  # titles, sources and body text are shown, as text
    assert not re.search(r"<img (?!src=\"figures/)", html)  # only the report's own figures
    for bad in ("<script", "<iframe", "<b>", 'href="javascript:', 'src="javascript:', 'href="data:',
                'src="data:'):
        assert bad not in html.lower(), bad
    assert not re.search(r"<a [^>]*href=\"(?!https?:|figures/|#|index\.html#)", html)  # own evidence links


def test_html_report_and_svg_escape_payloads(hostile_report):
    html = (hostile_report / "index.html").read_text(encoding="utf-8")
    for bad in ("<script>alert", "<img src=x", "<iframe", "href=\"javascript:"):
        assert bad not in html, bad
    for svg in hostile_report.glob("figures/*.svg"):
        text = svg.read_text(encoding="utf-8")
        assert "<script" not in text and not re.search(r"(href|src)=\"(javascript|data):", text), svg


def test_report_csv_tables_neutralise_formulas(hostile_report, tmp_path):
    import csv

    cells = [c for p in hostile_report.glob("tables/*.csv")
             for row in csv.reader(p.open(encoding="utf-8")) for c in row]
    assert cells and not [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r")]
    text_minus = [c for c in cells if c.startswith("-") and not re.fullmatch(r"-[\d.e+-]+|-inf", c)]
    assert text_minus == []


CSV_BODY = ("=HYPERLINK(\"http://evil\",\"x\") is what Moscow said.\n\n+cmd|' /C calc'!A0 officials said.\n\n"
            "@SUM(1+1) reportedly.\n\n-2+3 and the war clearly went on.\n\n\tTabbed paragraph about Kyiv.\n")


@pytest.mark.parametrize("how", ["export -o", "export stdout", "compare csv"])
def test_csv_exports_neutralise_formula_cells_keep_numbers(tmp_path, how):
    import csv
    import io

    corpus = make_corpus(tmp_path, {"=cmd|'/C calc'!A0": 2, "B": 2})
    for path in sorted(corpus.glob("*.md")):
        path.write_text(path.read_text(encoding="utf-8") + "\n" + CSV_BODY, encoding="utf-8")
    before = snapshot(tmp_path)
    if how == "export -o":
        result = run("export", "paragraphs", "--corpus", corpus, "-o", tmp_path / "out.csv")
        text = (tmp_path / "out.csv").read_text(encoding="utf-8")
    elif how == "export stdout":
        result = run("export", "paragraphs", "--corpus", corpus)
        text = result.stdout
    else:
        result = run("compare", "--corpus", corpus, "--format", "csv", "--table", "rates")
        text = result.stdout
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(text)))
    cells = [c for row in rows for c in row.values() if c]
    assert not [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r")]
    assert "'=cmd|'/C calc'!A0" in cells
    numbers = [c for c in cells if re.fullmatch(r"-\d[\d.e+-]*", c)]
    if how != "compare csv":
        assert "'=HYPERLINK(\"http://evil\",\"x\") is what Moscow said." in cells
        assert "'-2+3 and the war clearly went on." in cells
        assert numbers, "negative numbers stay numbers (sentiment is negative here)"
    assert snapshot(tmp_path) == before


ESC_SOURCE = "\x1b[31mRed\x1b[0m \x1b]0;pwned\x07Outlet\x9b2J"
ESC_TITLE = "Title\x1b[2J\x1b[H with\u202e bidi\x07 and\x00 nul"


@pytest.mark.parametrize("command", ["list", "show", "error"])
def test_terminal_output_strips_escape_sequences(tmp_path, command):
    corpus = make_corpus(tmp_path, {ESC_SOURCE: 1}, titles={ESC_SOURCE: ESC_TITLE})
    before = snapshot(tmp_path)
    if command == "list":
        result = run("list", "--corpus", corpus)
        assert result.exit_code == 0 and "Red Outlet" in result.stdout, result.output
    elif command == "show":
        result = run("show", "000", "--corpus", corpus)
        assert result.exit_code == 0 and "title: Title with bidi and nul" in result.stdout, result.output
    else:
        result = run("show", "\x1b[2Jnope\x07", "--corpus", corpus)
        one_line_error(result, "no document 'nope'")
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]", result.output)
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("text,expected", [
    ("\x1b[31mred\x1b[0m", "red"), ("a\x1b]0;title\x07b", "ab"), ("a\x1b]8;;http://x\x1b\\b", "ab"),
    ("tab\tand\nnewline", "tab\tand\nnewline"), ("bell\x07 nul\x00 del\x7f", "bell nul del"),
    ("\u202eevil", "evil"), ("csi\x9b2Jx", "csix"),
])
def test_clean_terminal(text, expected):
    from framing.cli import clean_terminal

    assert clean_terminal(text) == expected
