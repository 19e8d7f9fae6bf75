"""Corpus commands: init, add, import, list, show, remove, and every bad input.

Each bad input must give exit code 2, a one-line ``error: …`` and leave the corpus
byte-for-byte as it was.
"""
from __future__ import annotations

import collections
import json
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT, SEED, shared_file
from framing.cli import main
from framing.corpus import Corpus
from framing.ingest import decode
from framing.paragraphs import KINDS

ARTICLE = "Moscow and Astana signed a gas deal on Monday, officials said.\n\nCritics called it a trap.\n"
ALLSIDES = "data/news/allsides_russia/allsides_russia_related.jsonl"
KREMLIN = "data/news/kremlin_zelenskyy_releases/kremlin_putin_press_releases.csv"


def run(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args])


def snapshot(root: Path) -> dict[str, bytes] | None:
    """Every file under ``root`` with its bytes (None when the folder does not exist).

    The document index (``.framing-cache/documents.sqlite*``) is left out: it records
    what was read, so any command that reads the corpus may update it.
    """
    if not root.exists():
        return None
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and not p.name.startswith("documents.sqlite")}


@pytest.fixture
def corpus(tmp_path) -> Path:
    """A corpus with one document (000-…) in tmp_path/c."""
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    assert run("add", tmp_path / "a.txt", "--source", "AP", "--corpus", tmp_path / "c").exit_code == 0
    return tmp_path / "c"


def _write(tmp_path: Path, name: str, data: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def _urlopen_offline(*args, **kwargs):
    raise urllib.error.URLError("[Errno -3] Temporary failure in name resolution")


# (case, file name, file bytes, extra CLI args, message fragment); "{f}" is the file path.
BAD_ADDS = [
    ("empty", "a2.txt", b"", ["--source", "X"], "no text"),
    ("whitespace", "a2.txt", b" \n\t \r\n\n", ["--source", "X"], "no text"),
    ("binary", "a2.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", ["--source", "X"], "binary"),
    ("unknown extension", "a2.docx", b"PK\x03\x04", ["--source", "X"], "unsupported file type '.docx'"),
    ("missing source", "a2.txt", b"Some new text here.", [], "no source; give --source NAME"),
    ("broken front matter", "a2.md", b"---\ntitle: \"unclosed\n---\nBody.", [], "broken YAML front matter"),
    ("oversize", "a2.txt", b"word " * 50, ["--source", "X"], "over the"),
]


@pytest.mark.parametrize("case, name, data, args, message", BAD_ADDS, ids=[c[0] for c in BAD_ADDS])
def test_add_bad_input(corpus, tmp_path, monkeypatch, case, name, data, args, message):
    monkeypatch.setattr(decode, "MAX_DOCUMENT_BYTES", 200)
    path = _write(tmp_path, name, data)
    before = snapshot(corpus)
    result = run("add", path, *args, "--corpus", corpus)
    _assert_refused(result, message)
    assert snapshot(corpus) == before


def test_add_offline_url(corpus, monkeypatch):
    monkeypatch.setattr(urllib.request, "urlopen", _urlopen_offline)
    before = snapshot(corpus)
    result = run("add", "https://example.org/news/1", "--source", "X", "--corpus", corpus)
    _assert_refused(result, "cannot fetch URL https://example.org/news/1: [Errno -3]")
    assert "download the page and add the file instead" in result.stderr
    assert snapshot(corpus) == before


def test_add_one_bad_file_adds_nothing(corpus, tmp_path):
    good = _write(tmp_path, "good.txt", "A perfectly fine new article.")
    bad = _write(tmp_path, "bad.txt", "")
    before = snapshot(corpus)
    _assert_refused(run("add", good, bad, "--source", "X", "--corpus", corpus), "no text")
    assert snapshot(corpus) == before


def _assert_refused(result, message: str) -> None:
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert message in lines[0]


# ---- folders that are not corpora and broken document files ----------------------
@pytest.mark.parametrize("command", [["list"], ["show", "000"], ["remove", "000"],
                                     ["add", "{f}", "--source", "X"], ["import", "{t}"]])
def test_folder_not_a_corpus(tmp_path, command):
    folder = tmp_path / "plain"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    f = _write(tmp_path, "a.txt", ARTICLE)
    t = _write(tmp_path, "t.jsonl", json.dumps({"text": "T.", "source": "S"}))
    args = [a.format(f=f, t=t) for a in command]
    before = snapshot(folder)
    _assert_refused(run(*args, "--corpus", folder), "not a corpus (no corpus.yaml)")
    assert snapshot(folder) == before


@pytest.mark.parametrize("command", [["list"], ["show", "001"], ["add", "{f}", "--source", "X"]])
def test_broken_document_front_matter_names_the_file(corpus, tmp_path, command):
    broken = corpus / "001-broken.md"
    broken.write_text("---\ntitle: [unclosed\nsource: X\n---\nBody.\n", encoding="utf-8")
    f = _write(tmp_path, "new.txt", "A new article that is not in the corpus.")
    before = snapshot(corpus)
    result = run(*[a.format(f=f) for a in command], "--corpus", corpus)
    _assert_refused(result, f"{broken}: broken YAML front matter")
    assert snapshot(corpus) == before


# ---- encodings, duplicates, metadata ---------------------------------------------------
@pytest.mark.parametrize("encoding", ["cp1252", "utf-16", "utf-8-sig"])
def test_add_converts_encodings(corpus, tmp_path, encoding):
    text = "“Café” society in Almaty – naïve hopes, €5 tickets."
    path = _write(tmp_path, "enc.txt", text.encode(encoding))
    result = run("add", path, "--source", "X", "--corpus", corpus)
    assert result.exit_code == 0, result.output
    assert Corpus.open(corpus).get("001").text == text


def test_add_duplicate_is_skipped(corpus, tmp_path):
    # Same normalised text: other case, spacing and line breaks.
    path = _write(tmp_path, "dup.txt", ARTICLE.upper().replace(" ", "  ").replace("\n", "\r\n"))
    before = snapshot(corpus)
    result = run("add", path, "--source", "Other", "--corpus", corpus)
    assert result.exit_code == 0
    doc_id = Corpus.open(corpus).get("000").id
    assert f"already in the corpus as {doc_id}" in result.output
    assert snapshot(corpus) == before


def test_add_creates_missing_corpus_and_keeps_metadata(tmp_path):
    page = _write(tmp_path, "a.md", "---\nsource: BBC\ntitle: From front matter\ntopic: gas\n---\nBody text.\n")
    result = run("add", page, "--date", "2024-05-01", "--genre", "news", "--corpus", tmp_path / "new")
    assert result.exit_code == 0, result.output
    assert "created corpus 'new'" in result.output
    doc = Corpus.open(tmp_path / "new").get("000")
    assert (doc.id, doc.text) == ("000-from-front-matter", "Body text.")
    assert {k: doc.meta[k] for k in ("source", "title", "topic", "date", "genre")} == {
        "source": "BBC", "title": "From front matter", "topic": "gas", "date": "2024-05-01", "genre": "news"}


def test_command_line_metadata_wins(tmp_path):
    page = _write(tmp_path, "a.md", "---\nsource: BBC\ntitle: Old\n---\nBody text.\n")
    assert run("add", page, "--source", "Reuters", "--title", "New", "--corpus", tmp_path / "c").exit_code == 0
    doc = Corpus.open(tmp_path / "c").get("000")
    assert (doc.source, doc.title) == ("Reuters", "New")


# ---- import ------------------------------------------------------------------------------
def _jsonl(tmp_path, rows: list[str]) -> Path:
    return _write(tmp_path, "t.jsonl", "\n".join(rows) + "\n")


GOOD = json.dumps({"text": "First imported article.", "source": "CNN", "title": "One"})
GOOD2 = json.dumps({"text": "Second imported article.", "source": "Fox", "title": "Two"})


@pytest.mark.parametrize("name, data, message", [
    ("t.jsonl", f"{GOOD}\n{{\"text\": \"broken\n{GOOD2}\n", "line 2: not valid JSON"),
    ("t.jsonl", f"{GOOD}\n{GOOD2}\n{{\"source\": \"CNN\"}}\n", "line 3: no text"),
    ("t.csv", "text,source\nFine text.,CNN\nToo,many,fields\nMore text.,Fox\n", "line 3: 3 fields, but the header has 2"),
    ("t.csv", 'text,source\nFine text.,CNN\n"unterminated,Fox\n', "line 3: malformed CSV"),
    ("t.xlsx", "PK", "unsupported table type '.xlsx'"),
])
def test_import_bad_record_imports_nothing(corpus, tmp_path, name, data, message):
    path = _write(tmp_path, name, data)
    before = snapshot(corpus)
    _assert_refused(run("import", path, "--corpus", corpus), message)
    assert snapshot(corpus) == before


def test_import_bad_record_does_not_create_folder(tmp_path):
    path = _jsonl(tmp_path, [GOOD, "{oops"])
    _assert_refused(run("import", path, "--corpus", tmp_path / "new"), "line 2")
    assert not (tmp_path / "new").exists()


def test_import_skip_bad_lists_skipped(corpus, tmp_path):
    path = _jsonl(tmp_path, [GOOD, "{oops", GOOD2, json.dumps({"source": "X"})])
    result = run("import", path, "--skip-bad", "--corpus", corpus)
    assert result.exit_code == 0, result.output
    assert [line.split(":")[0] for line in result.stderr.splitlines() if line.startswith("skipped")] == [
        f"skipped {path} line 2", f"skipped {path} line 4"]
    assert [d.title for d in Corpus.open(corpus).documents()][1:] == ["One", "Two"]


def test_import_counts_duplicates(corpus, tmp_path):
    path = _jsonl(tmp_path, [GOOD, GOOD.replace("One", "Copy"), json.dumps({"text": ARTICLE, "source": "Z"})])
    result = run("import", path, "--corpus", corpus)
    assert result.exit_code == 0
    assert "imported 1 documents" in result.output and "2 duplicates skipped" in result.output


def test_import_interrupted_keeps_only_complete_documents(corpus, tmp_path, monkeypatch):
    path = _jsonl(tmp_path, [json.dumps({"text": f"Article number {i}.", "source": "S"}) for i in range(5)])
    real_write, calls = Corpus.write, []

    def write_then_interrupt(self, doc):
        calls.append(doc.id)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real_write(self, doc)

    monkeypatch.setattr(Corpus, "write", write_then_interrupt)
    result = run("import", path, "--corpus", corpus)
    assert result.exit_code == 130
    # (.framing-cache: the document index of the files written)
    files = sorted(p.name for p in corpus.iterdir() if p.name not in (".framing-lock", ".framing-cache"))
    assert len(files) == 4 and not any(f.endswith(".tmp") for f in files)  # marker + 000 + 2 new
    assert "2 of 5 new documents were written" in result.output  # says truthfully what was written
    assert [d.text for d in Corpus.open(corpus).documents()][1:] == ["Article number 0.", "Article number 1."]


def test_import_allsides_slice_per_source_counts(tmp_path):
    lines = shared_file(ALLSIDES).read_text(encoding="utf-8").splitlines()[:50]
    path = _write(tmp_path, "slice.jsonl", "\n".join(lines) + "\n")
    result = run("import", path, "--corpus", tmp_path / "c")
    assert result.exit_code == 0, result.output
    expected = collections.Counter(json.loads(line)["source"] for line in lines)
    got = collections.Counter(d.source for d in Corpus.open(tmp_path / "c").documents())
    assert got == expected
    listing = run("list", "--corpus", tmp_path / "c").output
    for source, n in expected.items():
        assert f"  {source}: {n} document{'' if n == 1 else 's'}," in listing


def test_import_kremlin_csv_slice_with_constant_source(tmp_path):
    import pandas as pd

    table = pd.read_csv(shared_file(KREMLIN), nrows=20, dtype=str, keep_default_na=False)
    path = tmp_path / "k.csv"
    table.to_csv(path, index=False)
    rows = table.to_dict("records")
    result = run("import", path, "--source", "Kremlin", "--corpus", tmp_path / "c")
    assert result.exit_code == 0, result.output
    docs = list(Corpus.open(tmp_path / "c").documents())
    assert len(docs) == len({r["body"] for r in rows})
    assert docs[0].title == rows[0]["headline"] and docs[0].meta["url"] == rows[0]["link"]
    assert {d.source for d in docs} == {"Kremlin"} and docs[0].meta["summary"] == rows[0]["summary"]


# ---- init, list, show, remove, ids ------------------------------------------------------
def test_init_then_list_empty(tmp_path):
    result = run("init", tmp_path / "k", "--name", "kz", "--description", "d")
    assert result.exit_code == 0 and "created corpus 'kz'" in result.output
    assert Corpus.open(tmp_path / "k").config == {"name": "kz", "description": "d"}
    assert "no documents yet" in run("list", "--corpus", tmp_path / "k").output


def test_list_show_remove(corpus):
    listing = run("list", "--corpus", corpus).output.splitlines()
    assert listing[0].split() == ["id", "source", "date", "paras", "title"]
    assert listing[1].startswith("000-moscow-and-astana-signed-a-gas") and "AP" in listing[1]
    assert "  AP: 1 document, 2 paragraphs" in listing[-1]
    shown = run("show", "0", "--corpus", corpus).output.splitlines()
    number, kind, *words = shown[-1].split()
    assert "source: AP" in shown and number == "2" and kind in KINDS
    assert " ".join(words) == "Critics called it a trap."
    result = run("remove", "000", "--corpus", corpus)
    assert result.exit_code == 0 and result.output.startswith("removed 000-moscow")
    assert Corpus.open(corpus).document_paths() == []
    _assert_refused(run("show", "000", "--corpus", corpus), "no document '000'")


def test_big_batches_keep_numeric_order(tmp_path):
    corpus = Corpus.init(tmp_path / "c")
    for name in ("999-a.md", "1000-b.md", "0998-c.md", "notes.md"):
        (corpus.root / name).write_text(f"---\nsource: S\n---\n{name}\n", encoding="utf-8")
    assert [p.name for p in corpus.document_paths()] == ["0998-c.md", "999-a.md", "1000-b.md", "notes.md"]
    assert corpus.get("1000").id == "1000-b" and corpus.new_id("T", width=4) == "1001-t"


# ---- the default corpus ----------------------------------------------------------------
def test_default_corpus_seed_document_is_the_seed():
    doc = Corpus.open(ROOT / "corpora" / "central-asia").get("000")
    seed_lines = [line for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert [line for line in doc.text.splitlines() if line.strip()] == seed_lines
    assert {k: doc.meta.get(k) for k in ("source", "author", "language", "translated_from", "genre", "url")} == {
        "source": "Guancha", "author": "Stanislav Prich", "language": "en", "translated_from": "zh",
        "genre": "op-ed", "url": seed_lines[-2].removeprefix("Original: ").strip()}
