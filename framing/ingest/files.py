"""Readers for one document: .txt, .md (with optional front matter), .html/.htm, URLs.

Each reader returns a draft :class:`~framing.corpus.Document` (``id`` empty): the
corpus gives it an id when it is written.
"""
from __future__ import annotations

import re
import warnings
from pathlib import Path
from typing import Any

import yaml

from ..corpus import UNCLOSED, Document, front_matter_split
from ..errors import InputError
from .decode import check_size, decode_bytes, read_checked

TEXT_SUFFIXES = (".txt", ".text")
MARKDOWN_SUFFIXES = (".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + MARKDOWN_SUFFIXES + HTML_SUFFIXES
_URL = re.compile(r"^https?://", re.I)
_FETCH_TIMEOUT = 20  # seconds; news sites answer well within this or not at all


def is_url(text: str) -> bool:
    """True for http(s) addresses."""
    return bool(_URL.match(str(text)))


def read_document(path_or_url: str | Path) -> Document:
    """Read a file or fetch a URL as a draft document.

    Args:
        path_or_url: a ``.txt``, ``.md``, ``.html``/``.htm`` path, or an http(s) URL.

    Returns:
        A :class:`Document` with empty ``id``, the text and any metadata found
        (front matter of a ``.md``; title/date/author/url of an HTML page).

    Example:
        >>> read_document("notes/article.txt").text[:20]   # doctest: +SKIP
    """
    if is_url(str(path_or_url)):
        return read_url(str(path_or_url))
    return read_file(Path(path_or_url))


def read_file(path: Path) -> Document:
    """Read one local document file (see :func:`read_document`)."""
    suffix = path.suffix.lower()
    text = read_checked(path, SUPPORTED_SUFFIXES, kind="file", hint="tables: 'framing import' .jsonl/.csv",
                        sized=True)
    if suffix in HTML_SUFFIXES:
        doc = html_document(text, name=str(path))
    elif suffix in MARKDOWN_SUFFIXES:
        doc = markdown_document(text, name=str(path))
    else:
        doc = Document(id="", text=text)
    doc.origin = str(path)
    return require_text(doc, str(path))


def require_text(doc: Document, name: str) -> Document:
    """Refuse a draft whose text is empty or whitespace only; trim blank edges."""
    doc.text = doc.text.strip("\n")
    if not doc.text.strip():
        raise InputError(f"{name}: no text (the document is empty or whitespace only)")
    return doc


def markdown_document(text: str, *, name: str) -> Document:
    """A Markdown text, keeping its YAML front matter (if any) as metadata.

    Example:
        >>> markdown_document("---\\nsource: BBC\\n---\\nBody.", name="a.md").meta
        {'source': 'BBC'}
    """
    try:
        meta, body = front_matter_split(text)
    except yaml.YAMLError as exc:
        if str(exc) == UNCLOSED:
            raise InputError(f"{name}: {UNCLOSED} or remove the first line") from exc
        raise InputError(f"{name}: broken YAML front matter ({_yaml_problem(exc)}); fix it") from exc
    if not isinstance(meta, dict):
        raise InputError(f"{name}: front matter must be key: value pairs")
    meta.pop("id", None)  # the target corpus assigns ids
    meta.pop("added", None)
    return Document(id="", text=body, meta=meta)


def _yaml_problem(exc: yaml.YAMLError) -> str:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc) or "invalid YAML"
    return f"{problem} at front matter line {mark.line + 1}" if mark else problem


def html_document(html: str, *, name: str, url: str | None = None) -> Document:
    """Main text of an HTML page (trafilatura): navigation, captions, footers dropped.

    Paragraphs become separate lines; title, date and author come from the page
    when present.

    Example:
        >>> html_document("<html><body><article><p>" + "Words here. " * 20
        ...               + "</p></article></body></html>", name="x.html").text[:10]
        'Words here'
    """
    import trafilatura  # heavy-ish; only HTML input needs it

    with warnings.catch_warnings():
        # trafilatura 2.0 truth-tests lxml elements internally (an lxml FutureWarning, not ours)
        warnings.simplefilter("ignore", FutureWarning)
        extracted = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False,
            include_images=False, include_formatting=False)
    if extracted is None or not (extracted.text or "").strip():
        raise InputError(f"{name}: no main text found in the HTML page; save the article text "
                         "as .txt and add that instead")
    meta: dict[str, Any] = {}
    for key in ("title", "author", "date", "url"):
        value = getattr(extracted, key, None)
        if value:
            meta[key] = str(value)
    if url:
        meta["url"] = url
    return Document(id="", text=extracted.text, meta=meta)


def read_url(url: str, *, timeout: float = _FETCH_TIMEOUT) -> Document:
    """Fetch a web page and extract its main text (see :func:`html_document`).

    Raises:
        InputError: when the page cannot be fetched (offline, HTTP error, timeout).
    """
    import urllib.error
    import urllib.request

    request = urllib.request.Request(url, headers={"User-Agent": "framing (research toolkit)"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = response.read(_max_fetch() + 1)
            content_type = response.headers.get_content_type()
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", None) or exc
        raise InputError(f"cannot fetch URL {url}: {reason}; download the page and add the "
                         "file instead") from exc
    check_size(len(data), url)
    text = decode_bytes(data, url)
    doc = (Document(id="", text=text, meta={"url": url}) if content_type == "text/plain"
           else html_document(text, name=url, url=url))
    doc.origin = url
    return require_text(doc, url)


def _max_fetch() -> int:
    from . import decode
    return decode.MAX_DOCUMENT_BYTES
