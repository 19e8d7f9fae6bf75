"""Bytes -> text: encoding detection, binary refusal, size and emptiness checks.

Order of tries: a BOM (UTF-8/16/32), BOM-less UTF-16 (NUL in every other byte),
strict UTF-8, cp1252, then charset-normalizer. cp1252 comes before the statistical
detector because short Western texts fool it (charset-normalizer 3.5 reads
"Café “quoted”" saved as cp1252 as cp775), and cp1252 is what Windows editors save.
"""
from __future__ import annotations

import codecs
import re
from typing import Callable, Iterator

from ..errors import InputError

#: Largest document file (or record text) accepted, in bytes. Raise it here if needed.
MAX_DOCUMENT_BYTES = 5 * 1024 * 1024

_BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
# C0 controls other than tab, newline, vertical tab, form feed, carriage return; and DEL.
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1f\x7f]")
_STREAM_CHUNK = 1 << 20  # bytes read at a time when checking a large table
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
# Above this share of words made only of non-ASCII letters, a cp1252 reading is
# probably mojibake (Cyrillic cp1251 read as "Ïðèâåò"); hand over to charset-normalizer.
_MAX_FOREIGN_WORD_SHARE = 0.3


def read_checked(path, suffixes: tuple[str, ...], *, kind: str, hint: str, sized: bool = False) -> str:
    """Decoded text of ``path`` after checking its type (by suffix), existence and size.

    Args:
        suffixes: accepted lower-case suffixes; ``kind`` names them in the error ("file", "table").
        hint: what to use instead for other types.
        sized: refuse files over :data:`MAX_DOCUMENT_BYTES` (single documents; tables may be large).
    """
    check_path(path, suffixes, kind=kind, hint=hint)
    if sized:
        check_size(path.stat().st_size, str(path))
    return decode_bytes(path.read_bytes(), str(path))


def check_path(path, suffixes: tuple[str, ...], *, kind: str, hint: str) -> None:
    """Refuse a path of another type (by suffix) or one that is no file."""
    suffix = path.suffix.lower()
    if suffix not in suffixes:
        raise InputError(f"{path}: unsupported {kind} type '{suffix or '(none)'}'; supported: "
                         f"{', '.join(suffixes)} ({hint})")
    if not path.is_file():
        raise InputError(f"{path}: no such file")


def read_lines(path) -> Callable[[], Iterator[str]]:
    """A function yielding the lines of ``path`` (each with its ``\\n``) as :func:`decode_bytes`
    would give them, for tables too large to hold as one string.

    A plain UTF-8 file (the usual case) is checked once in 1 MB chunks and then read again
    from disk a line at a time on each call: memory does not grow with the file. Any other
    file (a BOM, UTF-16, a legacy encoding, binary data) is decoded whole by
    :func:`decode_bytes`, with the same errors, and its lines come from that text.
    """
    if _plain_utf8(path):
        def lines() -> Iterator[str]:
            with path.open("rb") as fh:
                for raw in fh:  # split at b"\n", which no UTF-8 sequence contains
                    line = raw.decode("utf-8")
                    if "\r" in line:
                        line = line.replace("\r\n", "\n").replace("\r", "\n")
                    yield from _split_lines(line)
        return lines
    text = decode_bytes(path.read_bytes(), str(path))
    return lambda: _split_lines(text)


def _split_lines(text: str) -> Iterator[str]:
    """``text`` in lines ending at ``\\n`` (the last without one if the text has none), one at
    a time: no list of every line."""
    start, n = 0, len(text)
    while start < n:
        end = text.find("\n", start)
        if end < 0:
            yield text[start:]
            return
        yield text[start:end + 1]
        start = end + 1


def _plain_utf8(path) -> bool:
    """True when :func:`decode_bytes` would read ``path`` as UTF-8 without a BOM and accept
    it: no BOM or UTF-16 pattern, no NUL, valid UTF-8, not too many control characters."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    n_chars = n_control = 0
    last = ""
    with path.open("rb") as fh:
        head = fh.read(_STREAM_CHUNK)
        if (any(head.startswith(bom) for bom, _ in _BOMS) or _bomless_utf16(head)
                or len(_CONTROL_BYTES.findall(head[:65536])) > 8):
            return False
        chunk = head
        while True:
            if b"\x00" in chunk:
                return False
            try:
                text = decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError:
                return False
            # decode_bytes counts characters after turning "\r\n" into "\n"
            n_chars += len(text) - text.count("\r\n") - (last == "\r" and text[:1] == "\n")
            n_control += len(_CONTROL_CHARS.findall(text))
            last = text[-1:] or last
            if not chunk:
                break
            chunk = fh.read(_STREAM_CHUNK)
    return not _binary(n_control, n_chars)


def check_size(n_bytes: int, name: str, *, max_bytes: int | None = None) -> None:
    """Refuse a document over the size limit.

    Args:
        n_bytes: size of the file or record text.
        name: what to call it in the message (a path, "line 12" …).
        max_bytes: limit; defaults to :data:`MAX_DOCUMENT_BYTES`.

    Example:
        >>> check_size(10, "a.txt")
    """
    limit = MAX_DOCUMENT_BYTES if max_bytes is None else max_bytes
    if n_bytes > limit:
        raise InputError(f"{name}: {_size(n_bytes)} is over the {_size(limit)} limit for one "
                         "document; split it or raise framing.ingest.decode.MAX_DOCUMENT_BYTES")


def _size(n_bytes: int) -> str:
    return f"{n_bytes / 1e6:.1f} MB" if n_bytes >= 100_000 else f"{n_bytes:,} bytes"


def decode_bytes(data: bytes, name: str) -> str:
    """Decode document bytes to text, detecting the encoding; refuse binary data.

    Args:
        data: raw file contents.
        name: what to call it in error messages (usually the path).

    Returns:
        The text, without BOM, with ``\\n`` line breaks.

    Example:
        >>> decode_bytes("café".encode("cp1252"), "a.txt")
        'café'
    """
    text = _decode(data, name)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _CONTROL_CHARS.search(text) and _binary(len(_CONTROL_CHARS.findall(text)), len(text)):
        raise InputError(f"{name}: looks like a binary file (control characters in the text); "
                         "give a text, Markdown or HTML file")
    return text


def _binary(n_control: int, n_chars: int) -> bool:
    """Too many control characters for text: more than 2 and more than one in 1,000."""
    return n_control > max(2, n_chars // 1000)


def _decode(data: bytes, name: str) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data, encoding, name)
    if encoding := _bomless_utf16(data):
        return _strict(data, encoding, name)
    if b"\x00" in data or len(_CONTROL_BYTES.findall(data[:65536])) > 8:
        raise InputError(f"{name}: looks like a binary file (NUL or control bytes); "
                         "give a text, Markdown or HTML file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
        if _plausibly_western(text):
            return text
    except UnicodeDecodeError:
        pass
    return _detect(data, name)


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: starts like {encoding} but does not decode "
                         f"({exc.reason}); re-save it as UTF-8") from exc


def _bomless_utf16(data: bytes) -> str | None:
    """'utf-16-le'/'-be' when NULs sit in every other byte (ASCII text in UTF-16)."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    odd, even = sample[1::2].count(0), sample[0::2].count(0)
    half = len(sample) // 2
    if odd > 0.4 * half and even == 0:
        return "utf-16-le"
    if even > 0.4 * half and odd == 0:
        return "utf-16-be"
    return None


def _plausibly_western(text: str) -> bool:
    """False when most words are made only of non-ASCII letters (mojibake of
    Cyrillic, Greek … read as cp1252); real Western words mix in ASCII letters."""
    words = re.findall(r"[^\W\d_]{2,}", text)
    if not words:
        return False
    foreign = sum(1 for w in words if all(ord(ch) > 127 for ch in w))
    return foreign / len(words) <= _MAX_FOREIGN_WORD_SHARE


def _detect(data: bytes, name: str) -> str:
    import charset_normalizer  # imported here: only legacy-encoded files need it

    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise InputError(f"{name}: cannot tell the text encoding (binary file?); re-save it as UTF-8")
    return str(best)
