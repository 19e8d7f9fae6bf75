"""CLI commands for corpora: init, add, import, list, show, remove.

Each command reads and validates all input first, then writes: a failed command
leaves the corpus as it was (and creates no folder).
"""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import click

from ._util import clean_terminal, corpus_option, echo, main
from ..corpus import CORE_FIELDS, MARKER, Added, Corpus, Document
from ..checks import check_date, check_draft
from ..errors import InputError

_META_OPTIONS = ("title", "date", "url", "author", "language", "translated_from", "genre")


@main.command()
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--name", help="Corpus name (default: the folder name).")
@click.option("--description", default="", help="One line about the corpus.")
def init(directory: Path, name: str | None, description: str) -> None:
    """Create an empty corpus folder.

    Example: framing init corpora/ukraine --description "Kremlin vs Kyiv releases"
    """
    existed = (directory / MARKER).is_file()
    corpus = Corpus.init(directory, name=name, description=description)
    verb = "is already" if existed else "created"
    echo(f"{directory}: {verb} corpus '{corpus.name}'")


@main.command()
@click.argument("inputs", nargs=-1, required=True, metavar="PATH_OR_URL...")
@click.option("--source", help="Outlet name, e.g. Reuters (required unless .md front matter has it).")
@click.option("--title", help="Title (default: from the page or front matter).")
@click.option("--date", help="Publication date, YYYY-MM-DD.")
@click.option("--url", help="Where the article was published.")
@click.option("--author", help="Author(s).")
@click.option("--language", help="Language code of the text, e.g. en.")
@click.option("--translated-from", help="Language code of the original, e.g. zh.")
@click.option("--genre", help="e.g. news, op-ed, press-release.")
@corpus_option
def add(inputs: tuple[str, ...], source: str | None, corpus_dir: Path, **options) -> None:
    """Add .txt, .md or .html files (or URLs) to a corpus.

    Example: framing add article.html --source Reuters --date 2024-05-01
    """
    from ..ingest import read_document

    corpus = _open_existing(corpus_dir)
    overrides = {k: v for k, v in options.items() if v}
    drafts = [_apply(read_document(item), source, overrides) for item in inputs]
    corpus = corpus or _create(corpus_dir)
    for added in corpus.add_documents(drafts):
        echo(_describe(added, corpus))


@main.command("import")
@click.argument("table", type=click.Path(path_type=Path))
@corpus_option
@click.option("--text-field", help="Field with the article text (default: text/body/content_original/content).")
@click.option("--source-field", help="Field with the outlet name (default: source/outlet).")
@click.option("--title-field", help="Field with the title (default: title/headline).")
@click.option("--date-field", help="Field with the date (default: date/published).")
@click.option("--url-field", help="Field with the URL (default: url/link).")
@click.option("--author-field", help="Field with the author(s) (default: author/authors/byline).")
@click.option("--source", help="One source name for every record (overrides --source-field).")
@click.option("--skip-bad", is_flag=True, help="Import the good records and list the bad ones.")
@click.option("--limit", type=click.IntRange(min=1), help="Import only the first N records.")
@click.option("--reflow/--no-reflow", default=None,
              help="Split long one-line texts into paragraphs of whole sentences (marked reflowed: true) "
                   "[default: automatic for texts of 150+ words with no line break].")
def import_table(table: Path, corpus_dir: Path, source: str | None, skip_bad: bool,
                 limit: int | None, reflow: bool | None, **field_options) -> None:
    """Import articles from a .jsonl or .csv file, one record per article.

    Example: framing import releases.csv --source Kremlin --title-field headline
    """
    from ..ingest import FieldMap, read_records

    corpus = _open_existing(corpus_dir)
    fields = FieldMap(**{k.removesuffix("_field"): v for k, v in field_options.items()})
    batch = read_records(table, fields=fields, source=source, limit=limit, reflow=reflow)
    auto = batch.reflowed if reflow is None else 0
    if batch.problems and not skip_bad:
        more = f" (and {len(batch.problems) - 1} more bad records)" if len(batch.problems) > 1 else ""
        raise InputError(f"{table} {batch.problems[0]}{more}; nothing imported; fix the file "
                         "or use --skip-bad to import the rest")
    if not batch.n_documents:
        raise InputError(f"{table}: no records to import")
    corpus = corpus or _create(corpus_dir)
    results = corpus.add_documents(batch.drafts, progress=_progress_bar)  # read again, not held
    for problem in batch.problems:
        echo(f"skipped {table} {problem}", err=True)
    new = sum(1 for r in results if r.duplicate_of is None)
    echo(f"imported {new} documents into {corpus.root} ({len(results) - new} duplicates "
               f"skipped, {len(batch.problems)} bad records skipped)")
    if auto:
        echo(f"split {auto} long texts that had no paragraph breaks into paragraphs (marked "
             "reflowed: true); pass --no-reflow to keep them whole")


@main.command("list")
@corpus_option
def list_documents(corpus_dir: Path) -> None:
    """List documents (id, source, date, paragraphs, title) and a per-source summary.

    Example: framing list --corpus corpora/central-asia
    """
    from ..listing import document_summaries

    corpus = Corpus.open(corpus_dir)
    rows, per_source = [], defaultdict(lambda: [0, 0, 0])
    for s in document_summaries(corpus):  # unchanged files come from the document index, unread
        if not s.n_paragraphs:
            continue  # as before: a document without paragraphs is not listed
        doc = Document(s.id, "", s.meta)
        rows.append((doc.id, doc.source, str(doc.meta.get("date") or ""), str(s.n_paragraphs), doc.title))
        totals = per_source[doc.source]
        totals[0], totals[1], totals[2] = totals[0] + 1, totals[1] + s.n_paragraphs, totals[2] + s.n_body
    if not rows:
        echo(f"{corpus.root}: no documents yet; add some with 'framing add'")
        return
    _echo_table(("id", "source", "date", "paras", "title"), rows)
    echo(f"\n{_n(len(rows), 'document')} from {_n(len(per_source), 'source')}:")
    for name in sorted(per_source, key=str.casefold):
        docs, paras, body = per_source[name]
        echo(f"  {name or '(no source)'}: {_n(docs, 'document')}, {_n(paras, 'paragraph')} ({body} body)")


@main.command()
@click.argument("doc_id", metavar="DOC")
@corpus_option
def show(doc_id: str, corpus_dir: Path) -> None:
    """Show a document's metadata and its numbered paragraphs with their kinds.

    Example: framing show 000
    """
    from ..paragraphs import split_paragraphs

    doc = Corpus.open(corpus_dir).get(doc_id)
    for key in _meta_order(doc):
        echo(f"{key}: {doc.meta[key]}")
    echo("")
    for p in split_paragraphs(doc.id, doc.text):
        echo(f"{p.index:>3} {p.kind:<11} {p.text}")


@main.command()
@click.argument("doc_id", metavar="DOC")
@corpus_option
def remove(doc_id: str, corpus_dir: Path) -> None:
    """Remove one document from a corpus.

    Example: framing remove 003
    """
    doc = Corpus.open(corpus_dir).remove(doc_id)
    echo(f"removed {doc.id} ({doc.source}: {doc.title or 'untitled'})")


# ---- helpers -----------------------------------------------------------------
def _open_existing(corpus_dir: Path) -> Corpus | None:
    """The corpus, None when the folder does not exist yet (created after validation)."""
    return Corpus.open(corpus_dir) if corpus_dir.exists() else None


def _create(corpus_dir: Path) -> Corpus:
    corpus = Corpus.init(corpus_dir)
    echo(f"created corpus '{corpus.name}' in {corpus_dir}")
    return corpus


def _apply(draft: Document, source: str | None, overrides: dict) -> Document:
    """Command-line metadata wins over front matter and page metadata."""
    draft.meta.update(overrides)
    if source:
        draft.meta["source"] = source
    if not str(draft.meta.get("source") or "").strip():
        raise InputError(f"{draft.origin}: no source; give --source NAME (the outlet, e.g. "
                         "--source Reuters) or a 'source:' line in the front matter")
    if "date" in overrides:
        check_date(overrides["date"], "--date")
    check_draft(draft, draft.origin)
    return draft


def _describe(added: Added, corpus: Corpus) -> str:
    if added.duplicate_of:
        return f"skipped {added.origin}: already in the corpus as {added.duplicate_of}"
    return f"added {added.doc_id} from {added.origin} to {corpus.root}"


def _progress_bar(iterable):
    from tqdm import tqdm
    return tqdm(iterable, desc="writing", unit="doc", leave=False)


def _meta_order(doc: Document) -> list[str]:
    core = [k for k in CORE_FIELDS if doc.meta.get(k) not in (None, "")]
    return core + sorted(k for k in doc.meta if k not in CORE_FIELDS and doc.meta[k] not in (None, ""))


def _echo_table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    """Left-aligned columns; the last column (title) is not padded. Cells are cleaned for the
    terminal and kept on one line (a title with a line break would break the columns)."""
    rows = [tuple(" ".join(clean_terminal(cell).split()) for cell in row) for row in rows]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header) - 1)]
    for row in [header, *rows]:
        cells = [cell.ljust(w) for cell, w in zip(row, widths)]
        echo("  ".join([*cells, row[-1]]).rstrip())


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"
