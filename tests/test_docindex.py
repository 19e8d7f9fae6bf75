"""The document index (``.framing-cache/documents.sqlite``): fresh, complete, self-repairing.

``framing list`` and :meth:`Corpus.documents` must say exactly what they said without
the index, whatever happened to the files or to the index since it was written.
"""
from __future__ import annotations

import json
import os
import sqlite3
import warnings

import pytest
from click.testing import CliRunner

from framing.cli import main
from framing.corpus import Corpus, Document, parse_document_file
from framing.docindex import INDEX_FILE, DocumentIndex
from framing.listing import document_summaries
from framing.errors import FramingWarning

BODY = "Moscow and Astana signed a gas deal on Monday, officials said after the talks ended."


def listing(corpus) -> str:
    result = CliRunner().invoke(main, ["list", "--corpus", str(corpus)])
    assert result.exit_code == 0, result.output
    return result.output


def index_path(corpus):
    return corpus / ".framing-cache" / INDEX_FILE


@pytest.fixture
def corpus(tmp_path):
    c = Corpus.init(tmp_path / "c")
    for n, source in enumerate(["AP", "Reuters", "AP"]):
        c.write(Document(f"{n:03d}-doc", f"Heading {n}\n\n{BODY} Number {n}.\n\nMore text here, {n}.",
                         {"source": source, "title": f"Title {n}", "date": f"2024-05-0{n + 1}"}))
    return tmp_path / "c"


def reference(corpus) -> list[tuple]:
    """What documents() says, parsed without any index."""
    return [(d.id, d.text, d.meta) for d in map(parse_document_file, Corpus.open(corpus).document_paths())]


def edit_same_size(path):
    raw = path.read_text(encoding="utf-8")
    stat = path.stat()
    path.write_text(raw.replace("Title 1", "Title X"), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same size, same mtime: ctime/inode tell


def edit_grow(path):
    path.write_text(path.read_text(encoding="utf-8").replace("source: Reuters", "source: Reuters Wire"),
                    encoding="utf-8")


def edit_body(path):
    path.write_text(path.read_text(encoding="utf-8") + "\nA new closing paragraph of the article.\n",
                    encoding="utf-8")


def remove(path):
    path.unlink()


def add_one(path):
    Corpus.open(path.parent).write(Document("003-new", f"{BODY} New.", {"source": "TASS", "title": "New"}))


@pytest.mark.parametrize("change", [edit_same_size, edit_grow, edit_body, remove, add_one])
def test_list_and_documents_follow_every_change(corpus, change):
    fresh = listing(corpus)  # builds the index
    assert index_path(corpus).is_file()
    assert listing(corpus) == fresh  # from the index
    change(corpus / "001-doc.md")
    after = listing(corpus)
    index_path(corpus).unlink()
    assert after == listing(corpus)  # same as without the index
    assert [(d.id, d.text, d.meta) for d in Corpus.open(corpus).documents()] == reference(corpus)
    if change is remove:
        assert "001-doc" not in after
        with DocumentIndex(corpus) as index:
            assert "001-doc.md" not in index.entries


@pytest.mark.parametrize("damage, warned", [
    (lambda p: p.write_bytes(b"this is not a database" * 100), True),
    (lambda p: p.write_bytes(b""), False),  # an empty file is an empty database
    (lambda p: _sql(p, "UPDATE docs SET meta = replace(meta, 'Title 1', 'Forged')"), True),
    (lambda p: _sql(p, "UPDATE docs SET n_par = n_par + 5"), True),
    (lambda p: _sql(p, "UPDATE docs SET id = '002-doc'"), True),
])
def test_damaged_index_is_rebuilt_with_one_warning(corpus, damage, warned):
    fresh = listing(corpus)
    damage(index_path(corpus))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        summaries = document_summaries(Corpus.open(corpus))
    ours = [w for w in caught if issubclass(w.category, FramingWarning)]
    assert len(ours) == (1 if warned else 0), [str(w.message) for w in ours]
    if warned:
        assert "document index" in str(ours[0].message) and "rebuilding" in str(ours[0].message)
    assert [s.id for s in summaries] == ["000-doc", "001-doc", "002-doc"]
    assert listing(corpus) == fresh


def _sql(path, statement):
    db = sqlite3.connect(path)
    with db:
        db.execute(statement)
    db.close()


def test_ids_stay_unique(corpus):
    listing(corpus)
    path = corpus / "002-doc.md"
    path.write_text(path.read_text(encoding="utf-8").replace("id: 002-doc", "id: 001-doc"), encoding="utf-8")
    result = CliRunner().invoke(main, ["list", "--corpus", str(corpus)])
    assert result.exit_code == 2 and "have the same id '001-doc'" in result.output
    with pytest.raises(Exception, match="same id"):
        list(Corpus.open(corpus).documents())


def test_unchanged_files_are_not_read(corpus, monkeypatch):
    listing(corpus)
    import framing.corpus as corpus_module
    import framing.listing as listing_module

    def no_reading(*args, **kwargs):
        raise AssertionError("a document file was read")

    monkeypatch.setattr(corpus_module, "read_regular_file", no_reading)
    monkeypatch.setattr(listing_module, "indexed_document", no_reading)
    assert [s.id for s in document_summaries(Corpus.open(corpus))] == ["000-doc", "001-doc", "002-doc"]


def test_front_matter_not_json_exact_is_parsed_every_time(corpus):
    path = corpus / "000-doc.md"
    path.write_text(path.read_text(encoding="utf-8").replace("title: Title 0", "title: Title 0\nextra: {1: one}"),
                    encoding="utf-8")
    first = [d.meta for d in Corpus.open(corpus).documents()]
    listing(corpus)
    with DocumentIndex(corpus) as index:
        assert "000-doc.md" not in index.entries and "001-doc.md" in index.entries
    assert [d.meta for d in Corpus.open(corpus).documents()] == first
    assert first[0]["extra"] == {1: "one"}


def _import_jsonl(tmp_path, corpus):
    table = tmp_path / "in.jsonl"
    records = [{"title": f"Story {n}", "source": s, "date": f"2024-06-0{n + 1}", "extra": ["x", n],
                "text": f"Story {n}\n\n{BODY} Item {n}.\n\nCaption: a photo\n\nMore, {n}."}
               for n, s in enumerate(["AP", "TASS", "AP", "Xinhua"])]
    table.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    result = CliRunner().invoke(main, ["import", str(table), "--corpus", str(corpus)])
    assert result.exit_code == 0, result.output


def _import_into_existing(tmp_path, corpus):
    Corpus.init(corpus).write(Document("000-old", f"{BODY} Old.", {"source": "AP", "title": "Old"}))
    listing(corpus)  # an index exists already; the import adds to it
    _import_jsonl(tmp_path, corpus)


def _add_files(tmp_path, corpus):
    for n, source in enumerate(["AP", "Reuters"]):
        path = tmp_path / f"a{n}.txt"
        path.write_text(f"Heading {n}\n\n{BODY} Added {n}.", encoding="utf-8")
        result = CliRunner().invoke(main, ["add", str(path), "--source", source, "--corpus", str(corpus)])
        assert result.exit_code == 0, result.output


@pytest.mark.parametrize("write", [_import_jsonl, _import_into_existing, _add_files])
def test_writes_leave_the_index_built(tmp_path, monkeypatch, write):
    """The first `framing list` after an import or add reads no document file, and says what a
    listing without the index says."""
    corpus = tmp_path / "c"
    write(tmp_path, corpus)
    assert index_path(corpus).is_file()
    import framing.corpus as corpus_module
    import framing.listing as listing_module

    def no_reading(*args, **kwargs):
        raise AssertionError("a document file was read")

    with monkeypatch.context() as m:
        m.setattr(corpus_module, "read_regular_file", no_reading)
        m.setattr(listing_module, "indexed_document", no_reading)
        indexed = listing(corpus)
    index_path(corpus).unlink()
    assert indexed == listing(corpus)


@pytest.mark.parametrize("write", [_import_jsonl, _import_into_existing, _add_files])
def test_writes_leave_the_splits_cached(tmp_path, monkeypatch, write):
    """The first analysis after an import or add splits no written document again."""
    from framing import analysis

    corpus = tmp_path / "c"
    write(tmp_path, corpus)
    if write is _import_into_existing:  # written before the import, by Corpus.write: split once here
        analysis.corpus_paragraphs(Corpus.open(corpus))

    def no_splitting(*args, **kwargs):
        raise AssertionError("a document was split again")

    with monkeypatch.context() as m:
        m.setattr(analysis, "split_paragraphs", no_splitting)
        cached = [(d.id, p) for d, p in analysis.corpus_paragraphs(Corpus.open(corpus))]
    (corpus / ".framing-cache" / "cache.sqlite").unlink()
    assert cached == [(d.id, p) for d, p in analysis.corpus_paragraphs(Corpus.open(corpus))]
