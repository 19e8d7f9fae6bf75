"""Ingest readers: encodings, binary refusal, file types, HTML, URLs, table records."""
from __future__ import annotations

import codecs
import email.message
import io
import json
import urllib.error
import urllib.request

import pytest

from framing.errors import InputError
from framing.ingest import FieldMap, decode, read_document, read_records, record_document

SAMPLE = "Café “quoted” – naïve résumé, costs €5.\nSecond line: Grüße aus München."


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be",
                                      "utf-32", "cp1252"])
def test_decode_bytes_recovers_text(encoding):
    assert decode.decode_bytes(SAMPLE.encode(encoding), "x.txt") == SAMPLE


@pytest.mark.parametrize("text, encoding", [
    ("Привет, как дела? Это тест русского текста, достаточно длинный.", "cp1251"),
    ("Καλημέρα, τι κάνεις σήμερα; Αυτό είναι ένα δοκιμαστικό κείμενο.", "cp1253"),
    ("Ça coûte très cher à Zürich, dit-il.", "latin-1"),
])
def test_decode_bytes_other_legacy_encodings(text, encoding):
    assert decode.decode_bytes(text.encode(encoding), "x.txt") == text


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",          # PNG header
    b"%PDF-1.4\n\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10",  # control bytes, no NUL
    bytes(range(256)) * 4,
])
def test_decode_bytes_refuses_binary(data):
    with pytest.raises(InputError, match="binary"):
        decode.decode_bytes(data, "x.txt")


@pytest.mark.parametrize("raw, expected", [
    (b"a\r\nb\r\n", "a\nb\n"),
    (b"a\rb", "a\nb"),
    ("\ufeffx".encode("utf-8"), "x"),
])
def test_decode_bytes_line_breaks_and_bom(raw, expected):
    assert decode.decode_bytes(raw, "x.txt") == expected


@pytest.mark.parametrize("name, content, expected_text, expected_meta", [
    ("a.txt", "Body line.\n", "Body line.", {}),
    ("a.md", "---\nsource: BBC\ntitle: T\nid: 9-old\n---\nBody.\n", "Body.", {"source": "BBC", "title": "T"}),
    ("a.md", "No front matter.\n", "No front matter.", {}),
    ("a.markdown", "---\ndate: 2024-05-01\n---\nX.", "X.", {"date": "2024-05-01"}),
])
def test_read_document_text_and_markdown(tmp_path, name, content, expected_text, expected_meta):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    doc = read_document(path)
    assert (doc.text, doc.meta, doc.id) == (expected_text, expected_meta, "")


@pytest.mark.parametrize("name, data, message", [
    ("empty.txt", b"", "no text"),
    ("blank.txt", "  \n\t\n\u00a0\u3000\n".encode("utf-8"), "no text"),
    ("x.pdf", b"%PDF", "unsupported file type '.pdf'"),
    ("noext", b"text", "unsupported file type '(none)'"),
    ("bad.md", b"---\ntitle: [unclosed\n---\nBody", "broken YAML front matter"),
    ("list.md", b"---\n- a\n- b\n---\nBody", "key: value"),
])
def test_read_document_refuses(tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError) as info:
        read_document(path)
    assert str(info.value).startswith(str(path)) and message in str(info.value)


def test_read_document_size_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(decode, "MAX_DOCUMENT_BYTES", 100)
    path = tmp_path / "big.txt"
    path.write_text("word " * 30, encoding="utf-8")
    with pytest.raises(InputError, match="150 bytes is over the 100 bytes limit"):
        read_document(path)


HTML = """<html><head><title>Gas alliance grows | Example News</title>
<meta name="author" content="Jane Doe"><meta property="article:published_time" content="2024-05-01"></head>
<body><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news</a></li></ul></nav>
<article><h1>Gas alliance grows</h1>
<p>Russia, Kazakhstan and Uzbekistan agreed on a trilateral gas alliance on Monday, officials said.</p>
<figure><img src="x.jpg"><figcaption>The pipeline near Tashkent. Photo agency</figcaption></figure>
<p>The deal is meant to supply the northern regions, which have low gasification levels.</p>
<p>Critics said the deal deepens dependence on Moscow at a time of sanctions.</p></article>
<footer><p>Copyright 2024 Example News. All rights reserved.</p></footer></body></html>"""


@pytest.mark.parametrize("suffix", [".html", ".htm"])
def test_read_html_main_text_and_metadata(tmp_path, suffix):
    path = tmp_path / f"page{suffix}"
    path.write_text(HTML, encoding="utf-8")
    doc = read_document(path)
    lines = doc.text.split("\n")
    assert lines[1].startswith("Russia, Kazakhstan") and lines[-1].startswith("Critics said")
    assert all(dropped not in doc.text for dropped in ("Home", "World news", "Tashkent", "Copyright"))
    assert doc.meta == {"title": "Gas alliance grows", "author": "Jane Doe", "date": "2024-05-01"}


def test_read_html_without_main_text(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>T</title></head><body><script>var a = 1;</script></body></html>",
                    encoding="utf-8")
    with pytest.raises(InputError, match="no main text"):
        read_document(path)


@pytest.mark.parametrize("exc", [urllib.error.URLError("[Errno -3] Temporary failure in name resolution"),
                                 TimeoutError("timed out")])
def test_read_url_offline(monkeypatch, exc):
    def refuse(*args, **kwargs):
        raise exc
    monkeypatch.setattr(urllib.request, "urlopen", refuse)
    with pytest.raises(InputError, match=r"^cannot fetch URL https://example\.org/a: .*download the page"):
        read_document("https://example.org/a")


# ---- records -------------------------------------------------------------------
@pytest.mark.parametrize("row, fields, source, expected_meta", [
    ({"content_original": "T.", "source": "CNN", "title": "H", "authors": "A, B", "bias_text": "left"},
     FieldMap(), None, {"source": "CNN", "title": "H", "author": "A, B", "bias_text": "left"}),
    ({"body": "T.", "headline": "H", "link": "http://x", "date": "2022-06-24T17:30:00Z"},
     FieldMap(), "Kremlin", {"source": "Kremlin", "title": "H", "url": "http://x", "date": "2022-06-24T17:30:00Z"}),
    ({"txt": "T.", "who": "AP", "author": ["A", "B"], "id": 7, "n": 0},
     FieldMap(text="txt", source="who"), None, {"source": "AP", "author": "A, B", "record_id": 7, "n": 0}),
    ({"text": "T.", "source": "CNN", "empty": "", "none": None}, FieldMap(), "Fox", {"source": "Fox"}),
])
def test_record_document_field_mapping(row, fields, source, expected_meta):
    doc = record_document(row, fields=fields, source=source)
    assert (doc.text, doc.meta) == ("T.", expected_meta)


@pytest.mark.parametrize("row, message", [
    ({"source": "CNN"}, "no text"),
    ({"text": "   ", "source": "CNN"}, "no text"),
    ({"text": "T."}, "no source"),
    ([1, 2], "expected a JSON object"),
])
def test_record_document_refuses(row, message):
    with pytest.raises(InputError, match=message):
        record_document(row, fields=FieldMap())


@pytest.mark.parametrize("lines, n_docs, problems", [
    (['{"text": "A.", "source": "X"}', "", '{"text": "B.", "source": "X"}'], 2, []),
    (['{"text": "A.", "source": "X"}', '{"text": "B.", "source": '], 1, [2]),
    (['{"source": "X"}', "[1]", '{"text": "C.", "source": "X"}'], 1, [1, 2]),
])
def test_read_records_jsonl_lines(tmp_path, lines, n_docs, problems):
    path = tmp_path / "t.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    batch = read_records(path)
    assert len(batch.documents) == n_docs
    assert [p.line for p in batch.problems] == problems


@pytest.mark.parametrize("csv_text, n_docs, problems", [
    ('body,headline\n"A, with comma.",H1\n"Multi\nline.",H2\n', 2, []),
    ("body,headline\nA.,H1,extra\nB.,H2\n", 1, [2]),
    ('body,headline\nA.,H1\n"Multi\nline",H2\nC.\n', 2, [5]),
    ('body,headline\nA.,"H1"x\nB.,H2\n', 1, [2]),
    ('body,headline\nA.,H1\n"unterminated,H2\n', 1, [3]),
])
def test_read_records_csv_rows(tmp_path, csv_text, n_docs, problems):
    path = tmp_path / "t.csv"
    path.write_text(csv_text, encoding="utf-8")
    batch = read_records(path, source="S")
    assert len(batch.documents) == n_docs
    assert [p.line for p in batch.problems] == problems


def test_read_records_limit_and_origin(tmp_path):
    path = tmp_path / "t.jsonl"
    path.write_text("\n".join(json.dumps({"text": f"Doc {i}.", "source": "X"}) for i in range(5)),
                    encoding="utf-8")
    batch = read_records(path, limit=2)
    assert [d.text for d in batch.documents] == ["Doc 0.", "Doc 1."]
    assert batch.documents[1].origin == f"{path} line 2"


def test_read_records_cp1252_csv(tmp_path):
    path = tmp_path / "t.csv"
    path.write_bytes("text,source\n“Café” naïve text.,Le Monde\n".encode("cp1252"))
    assert read_records(path).documents[0].text == "“Café” naïve text."


@pytest.mark.parametrize("data", [
    b"a\nb\n", b"a\nb", b"a\r\nb\r\n", b"a\rb\rc", b"x\r", b"\n\n", b"", b"one line",
    "caf\u00e9 \u201cquoted\u201d \U0001F600\r\nline two\n".encode("utf-8") * 3,
    codecs.BOM_UTF8 + b"bom\nfile\n",                       # not plain UTF-8: decoded whole
    "Caf\u00e9 \u201cquoted\u201d\r\nmore\n".encode("cp1252"),  # a legacy encoding: decoded whole
    "utf16 text\nline\n".encode("utf-16"),
])
def test_read_lines_is_decode_bytes_split_at_newlines(tmp_path, monkeypatch, data):
    """Reading a table a line at a time gives exactly the lines of the whole decoded text,
    also when a multi-byte character or a CR LF straddles the chunks checked (3 bytes here)."""
    monkeypatch.setattr(decode, "_STREAM_CHUNK", 3)
    path = tmp_path / "t.jsonl"
    path.write_bytes(data)
    lines = decode.read_lines(path)
    assert list(lines()) == decode.decode_bytes(data, "x").splitlines(keepends=True)
    assert list(lines()) == list(lines())  # read anew on each call


@pytest.mark.parametrize("data, message", [
    (b"text\x00with NUL\n", "binary"),
    (bytes(range(1, 9)) * 20 + b"\n", "binary"),
])
def test_read_lines_refuses_binary_as_decode_bytes_does(tmp_path, data, message):
    path = tmp_path / "t.jsonl"
    path.write_bytes(data)
    with pytest.raises(InputError, match=message):
        decode.read_lines(path)


def test_import_of_a_utf8_table_never_holds_the_whole_file(tmp_path, monkeypatch):
    """A UTF-8 table is checked and read from disk in pieces (the documents twice: to number
    them, then to write them), so an import's memory does not grow with the file."""
    from pathlib import Path

    from framing.corpus import Corpus

    path = tmp_path / "t.jsonl"
    path.write_text("\n".join(json.dumps({"text": f"Doc {i % 7} of the \u201ctable\u201d.", "source": "X"})
                              for i in range(20)), encoding="utf-8")
    read_bytes, read_text = Path.read_bytes, Path.read_text

    def refuse_whole(self, *a, **k):
        if self == path:
            raise AssertionError("the whole table was read into memory")
        return read_bytes(self, *a, **k)

    def refuse_whole_text(self, *a, **k):
        if self == path:
            raise AssertionError("the whole table was read into memory")
        return read_text(self, *a, **k)

    monkeypatch.setattr(Path, "read_bytes", refuse_whole)
    monkeypatch.setattr(Path, "read_text", refuse_whole_text)
    batch = read_records(path)
    assert batch.n_documents == 20 and not batch.problems
    corpus = Corpus.init(tmp_path / "c")
    added = corpus.add_documents(batch.drafts)
    assert [a.duplicate_of is None for a in added] == [True] * 7 + [False] * 13
    assert added[7].duplicate_of == added[0].doc_id and added[19].duplicate_of == added[5].doc_id
    assert sorted(d.text for d in corpus.documents()) == sorted(f"Doc {i} of the \u201ctable\u201d." for i in range(7))


class _FakeResponse(io.BytesIO):
    """Just enough of urllib's response for read_url."""

    def __init__(self, body: bytes, content_type: str):
        super().__init__(body)
        self.headers = email.message.Message()
        self.headers["Content-Type"] = content_type


@pytest.mark.parametrize("content_type, body, first_line", [
    ("text/html; charset=utf-8", HTML.encode("utf-8"), "Gas alliance grows"),
    ("text/plain", "Plain “text” article.\nLine two.".encode("cp1252"), "Plain “text” article."),
])
def test_read_url_online(monkeypatch, content_type, body, first_line):
    monkeypatch.setattr(urllib.request, "urlopen", lambda *a, **k: _FakeResponse(body, content_type))
    doc = read_document("https://example.org/a")
    assert doc.text.split("\n")[0] == first_line
    assert (doc.meta["url"], doc.origin) == ("https://example.org/a", "https://example.org/a")
