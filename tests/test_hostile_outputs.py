"""Issue 12, part A: framing never loses a user's files.

Each case runs the real CLI against a hostile set-up and asserts the exit code, the
one-line message, and that every file outside the tool's own outputs is
byte-identical before and after (a hash of the whole tree).
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from framing.atomic import remove_owned
from framing.cli import main
from framing.corpus import Corpus
from framing.errors import FramingError
from framing.lock import file_lock
from framing.outputs import REPORT_MARKER, safe_component

from conftest import ROOT

FRAMING = Path(sys.executable).with_name("framing")
DOC = "---\nid: {id}\nsource: {source}\ntitle: {title}\n---\n{body}\n"
BODY = ("Moscow and Astana signed a gas deal on Monday, officials said, and Washington "
        "reportedly criticised the agreement as a trap for Central Asia.")


# ---- helpers -----------------------------------------------------------------------
def run(*args, **kwargs):
    return CliRunner().invoke(main, [str(a) for a in args], **kwargs)


def tree(root: Path, *, skip: tuple[str, ...] = ()) -> dict[str, str]:
    """relative path -> content digest (links by target, folders by name), never following links.

    The corpus lock file (empty, the tool's own, created by any write attempt) is left out.
    """
    skip = (*skip, ".framing-lock")
    out = {}
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        dirs[:] = sorted(d for d in dirs if d not in skip)
        for name in [*dirs, *files]:
            path = here / name
            rel = str(path.relative_to(root))
            if name in skip:
                continue
            mode = os.lstat(path).st_mode
            if stat.S_ISLNK(mode):
                out[rel] = "link:" + os.readlink(path)
            elif stat.S_ISREG(mode):
                out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
            else:
                out[rel] = "dir" if stat.S_ISDIR(mode) else "special"
    return out


def one_line_error(result, *fragments: str) -> None:
    err = result.stderr if hasattr(result, "stderr") and isinstance(result.stderr, str) else result.output
    lines = [ln for ln in err.splitlines() if ln.startswith("error:")]
    assert len(lines) == 1, err
    assert "Traceback" not in err, err
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


def write_doc(corpus: Path, file_id: str, *, id: str | None = None, source: str = "S", body: str = BODY) -> Path:
    path = corpus / f"{file_id}.md"
    path.write_text(DOC.format(id=json.dumps(id or file_id), source=source, title=file_id, body=body),
                    encoding="utf-8")
    return path


@pytest.fixture()
def small(tmp_path) -> Path:
    """A two-document corpus (no analysis needed)."""
    corpus = tmp_path / "corpus"
    Corpus.init(corpus, name="small")
    write_doc(corpus, "000-first")
    write_doc(corpus, "001-second", body="Brussels announced new sanctions.")
    return corpus


@pytest.fixture(scope="module")
def analysed(tmp_path_factory) -> Path:
    """The shipped central-asia corpus, analysed once (parse cache and snapshot warm)."""
    corpus = tmp_path_factory.mktemp("analysed") / "central-asia"
    shutil.copytree(ROOT / "corpora" / "central-asia", corpus, ignore=shutil.ignore_patterns(".framing-cache"))
    assert run("analyze", "--corpus", corpus).exit_code == 0
    return corpus


@pytest.fixture()
def project(analysed, tmp_path, monkeypatch) -> Path:
    """A project folder (the current folder) holding a copy of the analysed corpus and a user's files."""
    root = tmp_path / "project"
    shutil.copytree(analysed, root / "corpora" / "ca")
    (root / "mydocs").mkdir()
    (root / "mydocs" / "thesis.txt").write_text("three years of work", encoding="utf-8")
    (root / "notes.txt").write_text("notes", encoding="utf-8")
    monkeypatch.chdir(root)
    return root


# ---- 1. outputs are the tool's own ------------------------------------------------
REFUSED_OUT = [  # (--out as given, setup, message fragment)
    ("mydocs", None, "is not a framing report"),
    ("notes.txt", None, "is a file"),
    ("corpora/ca", None, "is the corpus"),
    ("corpora", None, "holds the corpus"),
    (".", None, "is the current folder"),
    ("{cwd}", None, "is the current folder"),
    ("..", None, "holds the corpus"),
    ("{home}", None, "is your home folder"),
    ("/", None, "is the file-system root"),
    ("linked", "link", "is a symbolic link"),
]


@pytest.mark.parametrize("out, setup, message", REFUSED_OUT)
def test_report_out_refused_touching_nothing(project, tmp_path, monkeypatch, out, setup, message):
    home = tmp_path / "home"
    home.mkdir()
    (home / "keep.txt").write_text("mine", encoding="utf-8")
    monkeypatch.setenv("HOME", str(home))
    if setup == "link":
        (project / "linked").symlink_to(project / "mydocs")
    out = out.format(cwd=project, home=home)
    before, home_before, root_before = tree(tmp_path), tree(home), sorted(os.listdir("/"))
    result = run("report", "--corpus", "corpora/ca", "--out", out, "--no-timestamp")
    assert result.exit_code == 2
    one_line_error(result, f"--out {out}", message)
    assert tree(tmp_path) == before and tree(home) == home_before
    assert sorted(os.listdir("/")) == root_before  # --out / leaves nothing behind


def test_report_writes_marker_and_replaces_only_its_own_folder(project):
    before = tree(project, skip=("reports", ".framing-cache"))
    first = run("report", "--corpus", "corpora/ca", "--out", "reports/ca", "--no-timestamp")
    assert first.exit_code == 0, first.output
    assert (project / "reports" / "ca" / REPORT_MARKER).is_file()
    (project / "reports" / "ca" / "stale.txt").write_text("old output", encoding="utf-8")
    second = run("report", "--corpus", "corpora/ca", "--out", "reports/ca", "--no-timestamp")
    assert second.exit_code == 0, second.output
    assert not (project / "reports" / "ca" / "stale.txt").exists()  # a report folder is replaced whole
    assert sorted(os.listdir(project / "reports")) == ["ca"]  # no .build-/.old- leftovers
    assert tree(project, skip=("reports", ".framing-cache")) == before


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid  # reaped: no process has this pid now (reuse within the test is negligible)


@pytest.mark.parametrize("name, content, pid, removed", [
    (".ca.build-{dead}-x1", "marker", "dead", True),  # a killed run's stage
    (".ca.old-{dead}-x2", "old-report", "dead", True),  # killed between the swap and the delete
    (".ca.old-{dead}-x3", "empty", "dead", True),
    (".ca.build-{live}-x4", "marker", "live", False),  # a concurrent run's stage: never touched
    (".ca.build-{dead}-x5", "user-file", "dead", False),  # not a report stage: a user's folder
    (".ca.build-x6", "marker", "none", False),  # no pid in the name (0.2.0's naming): left alone
    (".cab.build-{dead}-x7", "marker", "dead", False),  # another report's stage
])
def test_report_cleans_stages_left_by_a_killed_run(project, name, content, pid, removed):
    first = run("report", "--corpus", "corpora/ca", "--out", "reports/ca", "--no-timestamp")
    assert first.exit_code == 0, first.output
    left = project / "reports" / name.format(dead=_dead_pid(), live=os.getppid())
    left.mkdir()
    if content == "marker":
        (left / REPORT_MARKER).write_text("x", encoding="utf-8")
    elif content == "old-report":
        (left / "report").mkdir()
        (left / "report" / REPORT_MARKER).write_text("x", encoding="utf-8")
    elif content == "user-file":
        (left / "notes.txt").write_text("mine", encoding="utf-8")
    again = run("report", "--corpus", "corpora/ca", "--out", "reports/ca", "--no-timestamp")
    assert again.exit_code == 0, again.output
    assert left.exists() is not removed
    assert sorted(p for p in os.listdir(project / "reports") if p != left.name) == ["ca"]


@pytest.mark.parametrize("layout, accepted", [
    ("empty", True),  # an empty folder becomes the report
    ("legacy", True),  # a 0.1.0 report (no marker yet) is recognised by its layout and generator tag
    ("legacy+extra", False),  # ... but not with a user's file beside it
    ("fake-marker-link", False),  # a marker that is a symbolic link does not count
])
def test_report_out_existing_folder_kinds(project, layout, accepted):
    out = project / "out"
    out.mkdir()
    if layout.startswith("legacy"):
        (out / "index.html").write_text('<!DOCTYPE html>\n<meta name="generator" content="framing 0.1.0">',
                                        encoding="utf-8")
        (out / "report.md").write_text("# old", encoding="utf-8")
        (out / "tables").mkdir()
    if layout == "legacy+extra":
        (out / "thesis.txt").write_text("mine", encoding="utf-8")
    if layout == "fake-marker-link":
        (out / "thesis.txt").write_text("mine", encoding="utf-8")
        (out / REPORT_MARKER).symlink_to(out / "thesis.txt")
    before = tree(project, skip=(".framing-cache",))
    result = run("report", "--corpus", "corpora/ca", "--out", out, "--no-timestamp")
    if accepted:
        assert result.exit_code == 0, result.output
        assert (out / REPORT_MARKER).is_file() and (out / "index.html").is_file()
    else:
        assert result.exit_code == 2
        one_line_error(result, "is not a framing report")
        assert tree(project, skip=(".framing-cache",)) == before


@pytest.mark.parametrize("name, folder", [
    ("../victim", "victim"),
    ("/abs/victim", "abs-victim"),
    (".", "ca"),
    ("..", "ca"),
    ("a\\b\x1b[31m", "a-b-[31m"),
])
def test_corpus_name_gives_one_safe_report_folder(project, name, folder):
    victim = project / "victim"
    victim.mkdir()
    (victim / "keep.txt").write_text("mine", encoding="utf-8")
    yaml_path = project / "corpora" / "ca" / "corpus.yaml"
    yaml_path.write_text(json.dumps({"name": name}), encoding="utf-8")
    before = tree(project, skip=("reports", ".framing-cache"))
    result = run("report", "--corpus", "corpora/ca", "--no-timestamp")
    assert result.exit_code == 0, result.output
    assert os.listdir(project / "reports") == [folder]
    assert (project / "reports" / folder / REPORT_MARKER).is_file()
    assert tree(project, skip=("reports", ".framing-cache")) == before


@pytest.mark.parametrize("name, expected", [
    ("../victim", "victim"), ("/etc/passwd", "etc-passwd"), (".", "corpus"), ("", "corpus"),
    ("..", "corpus"), (".hidden", "hidden"), ("x" * 300, "x" * 100), ("Ünïcode name", "Ünïcode name"),
])
def test_safe_component_table(name, expected):
    assert safe_component(name) == expected


def test_two_reports_at_once_both_succeed(project):
    """Real processes; the tables snapshot is rebuilt by both at the same time (no shared temp folder)."""
    shutil.rmtree(project / "corpora" / "ca" / ".framing-cache" / "tables")
    procs = [subprocess.Popen([FRAMING, "report", "--corpus", "corpora/ca", "--out", f"reports/r{i}",
                               "--no-timestamp"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for i in range(2)]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    one, two = ((project / "reports" / f"r{i}" / "report.md").read_bytes() for i in range(2))
    assert one == two
    tables = project / "corpora" / "ca" / ".framing-cache" / "tables"
    assert len([p for p in tables.iterdir() if not p.name.startswith(".")]) == 1
    assert not [p for p in tables.iterdir() if p.name.startswith(".")]  # no temp folder left


def test_export_onto_existing_folder_refused(project):
    before = tree(project, skip=(".framing-cache",))
    result = run("export", "paragraphs", "--corpus", "corpora/ca", "-o", "mydocs")
    assert result.exit_code == 2
    one_line_error(result, "-o mydocs", "is a folder")
    assert tree(project, skip=(".framing-cache",)) == before


@pytest.mark.parametrize("existing, sidecar, accepted", [
    ("none", "none", True),  # a new file
    ("export", "framing", True),  # re-exporting over an earlier export replaces it
    ("user", "none", False),  # a user's file of that name: kept, refused
    ("user", "foreign", False),  # ... even beside a .meta.json that is not framing's
    ("none", "foreign", False),  # the sidecar name is taken by a user's file
    ("link", "framing", False),  # a symbolic link is never written through
])
def test_export_onto_existing_file(project, existing, sidecar, accepted):
    out = project / "table.csv"
    if existing == "export":
        assert run("export", "paragraphs", "--corpus", "corpora/ca", "-o", "table.csv").exit_code == 0
    elif existing == "user":
        out.write_text("my own notes\n", encoding="utf-8")
    elif existing == "link":
        (project / "target.csv").write_text("linked\n", encoding="utf-8")
        out.symlink_to(project / "target.csv")
    if sidecar == "foreign":
        Path(f"{out}.meta.json").write_text('{"mine": 1}', encoding="utf-8")
    elif sidecar == "framing" and existing == "link":
        Path(f"{out}.meta.json").write_text('{"framing_version": "0"}', encoding="utf-8")
    before = tree(project, skip=(".framing-cache",))
    result = run("export", "paragraphs", "--corpus", "corpora/ca", "-o", "table.csv")
    if accepted:
        assert result.exit_code == 0, result.output
        assert out.read_text(encoding="utf-8").startswith("doc_id,source,paragraph,kind,")
        assert json.loads(Path(f"{out}.meta.json").read_text(encoding="utf-8"))["framing_version"]
    else:
        assert result.exit_code == 2
        one_line_error(result, "-o table.csv", "is not a framing export")
        assert tree(project, skip=(".framing-cache",)) == before


def test_remove_owned_table(tmp_path):
    owner, outside = tmp_path / "owner", tmp_path / "outside"
    (owner / "sub").mkdir(parents=True)
    outside.mkdir()
    (outside / "keep.txt").write_text("mine", encoding="utf-8")
    (owner / "sub" / "link-out").symlink_to(outside)  # a link inside a removed folder is unlinked only
    (owner / "link").symlink_to(outside)
    cases = [(owner / "link", False), (outside / "keep.txt", False), (owner / ".." / "outside", False),
             (owner, False), (owner / "sub", True), (owner / "missing", True)]
    for path, allowed in cases:
        if allowed:
            remove_owned(path, owner=owner)
            assert not os.path.lexists(path)
        else:
            with pytest.raises(FramingError, match="refusing to delete"):
                remove_owned(path, owner=owner)
    assert (outside / "keep.txt").read_text(encoding="utf-8") == "mine"


# ---- 2. links inside the cache -----------------------------------------------------
@pytest.mark.parametrize("where", ["tables", ".", "cache.sqlite"])
def test_symlink_in_cache_never_deletes_outside(small, tmp_path, where):
    victim = tmp_path / "victim"
    (victim / "sub").mkdir(parents=True)
    (victim / "sub" / "keep.txt").write_text("mine", encoding="utf-8")
    (victim / "cache.sqlite").write_text("not a database", encoding="utf-8")
    cache = small / ".framing-cache"
    if where == ".":
        cache.symlink_to(victim)
    else:
        cache.mkdir()
        (cache / where).symlink_to(victim if where == "tables" else victim / "cache.sqlite")
    before = tree(victim)
    result = run("list", "--corpus", small)
    assert result.exit_code == 2
    one_line_error(result, "is a symbolic link")
    assert tree(victim) == before


# ---- 3. a corpus is contained ----------------------------------------------------------
BAD_IDS = [  # (front-matter id, message fragment)
    ("../../evil", "contains a path separator"),
    ("/tmp/evil", "contains a path separator"),
    ("..", "starts with '.'"),
    ("x" * 300, "is longer than 200 bytes"),
    ("a\x1b[2Jb", "control character"),
]


@pytest.mark.parametrize("bad_id, message", BAD_IDS)
@pytest.mark.parametrize("command", [("list",), ("show", "{id}"), ("remove", "{id}"), ("analyze",)])
def test_unsafe_ids_never_reach_the_file_system(tmp_path, small, bad_id, message, command):
    (tmp_path / "evil.md").write_text("---\nsource: X\n---\nnot yours\n", encoding="utf-8")
    write_doc(small, "002-hostile", id=bad_id)
    before = tree(tmp_path)
    result = run(*[c.format(id=bad_id) for c in command], "--corpus", small)
    assert result.exit_code == 2
    one_line_error(result, "002-hostile.md: front-matter id", message)
    assert tree(tmp_path) == before


def test_duplicate_ids_name_both_files(small):
    write_doc(small, "002-copy", id="000-first")
    before = tree(small)
    result = run("list", "--corpus", small)
    assert result.exit_code == 2
    one_line_error(result, "000-first.md and", "002-copy.md have the same id '000-first'")
    assert tree(small, skip=(".framing-cache",)) == {k: v for k, v in before.items()}


def _special(corpus: Path, kind: str, tmp_path: Path) -> None:
    target = corpus / "002-odd.md"
    if kind == "symlink":
        outside = tmp_path / "outside.md"
        outside.write_text(DOC.format(id="002-odd", source="X", title="t", body="outside"), encoding="utf-8")
        target.symlink_to(outside)
    elif kind == "dangling symlink":
        target.symlink_to(tmp_path / "nowhere.md")
    elif kind == "dev-zero":
        target.symlink_to("/dev/zero")
    elif kind == "fifo":
        os.mkfifo(target)
    elif kind == "folder":
        target.mkdir()


@pytest.mark.parametrize("kind, message", [
    ("symlink", "is a symbolic link"), ("dangling symlink", "is a symbolic link"),
    ("dev-zero", "is a symbolic link"), ("fifo", "is a named pipe"), ("folder", "is a folder"),
])
def test_special_document_files_refused(small, tmp_path, kind, message):
    _special(small, kind, tmp_path)
    before = tree(tmp_path)
    start = time.monotonic()
    result = run("list", "--corpus", small)
    assert time.monotonic() - start < 30  # no hang on a FIFO, no read of /dev/zero
    assert result.exit_code == 2
    one_line_error(result, "002-odd.md: is", message, "move it out of the corpus folder")
    assert tree(tmp_path, skip=(".framing-cache",)) == {k: v for k, v in before.items() if ".framing-cache" not in k}


@pytest.fixture()
def numbered(tmp_path) -> Path:
    corpus = tmp_path / "numbered"
    Corpus.init(corpus)
    for n in range(101):
        write_doc(corpus, f"{n:03d}-doc-{n}", body=f"{BODY} Number {n}.")
    return corpus


@pytest.mark.parametrize("arg, removed, message", [
    ("1", "001-doc-1", None),  # the number, never the prefix of 100-…
    ("001", "001-doc-1", None),
    ("100", "100-doc-100", None),
    ("100-doc-100", "100-doc-100", None),
    ("099-doc", "099-doc-99", None),  # a unique prefix
    ("", None, "no document id given"),
    ("  ", None, "no document id given"),
    ("101", None, "no document '101'"),
    ("00", "000-doc-0", None),  # digits are a number: 0
    ("0", "000-doc-0", None),
    ("01", "001-doc-1", None),
    ("doc", None, "no document 'doc'"),
    ("../numbered/001-doc-1", None, "no document"),
    ("10-", None, "no document"),
])
def test_remove_resolves_ids_exactly(numbered, arg, removed, message):
    before = tree(numbered)
    result = run("remove", arg, "--corpus", numbered)
    after = tree(numbered)
    if removed:
        assert result.exit_code == 0, result.output
        assert result.output.startswith(f"removed {removed} ")
        assert set(before) - set(after) == {f"{removed}.md"}
    else:
        assert result.exit_code == 2
        one_line_error(result, message)
        assert after == before


def test_remove_number_missing_does_not_fall_back_to_prefix(tmp_path):
    corpus = tmp_path / "c"
    Corpus.init(corpus)
    write_doc(corpus, "000-a")
    write_doc(corpus, "100-b", body="Other text.")
    result = run("remove", "1", "--corpus", corpus)
    assert result.exit_code == 2
    one_line_error(result, "no document '1'")
    assert (corpus / "100-b.md").exists()


# ---- 4. the corpus lock ----------------------------------------------------------------
def _jsonl(path: Path, tag: str, n: int) -> Path:
    path.write_text("".join(json.dumps({"text": f"{tag} article {i}. {BODY}", "source": tag, "title": f"{tag} {i}"})
                            + "\n" for i in range(n)), encoding="utf-8")
    return path


def test_concurrent_imports_lose_nothing(tmp_path):
    corpus = tmp_path / "c"
    Corpus.init(corpus)
    files = [_jsonl(tmp_path / f"in{i}.jsonl", f"P{i}", 8) for i in range(4)]
    procs = [subprocess.Popen([FRAMING, "import", f, "--corpus", corpus], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for f in files]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0] * 4, outs
    docs = list(Corpus.open(corpus).documents())
    assert len(docs) == 32 and len({d.id for d in docs}) == 32
    assert sorted(d.source for d in docs) == sorted(f"P{i}" for i in range(4) for _ in range(8))


def test_writer_waits_then_fails_clearly_when_lock_is_held(small, monkeypatch, tmp_path):
    monkeypatch.setenv("FRAMING_LOCK_TIMEOUT", "0.3")
    extra = tmp_path / "new.txt"
    extra.write_text("A new article about Tashkent.", encoding="utf-8")
    before = tree(small)
    with file_lock(small / ".framing-lock", what="test"):
        result = run("add", extra, "--source", "X", "--corpus", small)
    assert result.exit_code == 2
    one_line_error(result, "another framing command is still writing to corpus")
    assert tree(small) == before


def test_orphaned_temp_files_cleaned_on_next_write(small, tmp_path):
    orphan = small / ".002-killed.md.k3j4h5g6.tmp"
    orphan.write_text("---\nid: half\n", encoding="utf-8")
    user_tmp = small / "draft.tmp"  # not ours: kept
    user_tmp.write_text("mine", encoding="utf-8")
    extra = tmp_path / "new.txt"
    extra.write_text("A new article about Tashkent.", encoding="utf-8")
    assert run("list", "--corpus", small).exit_code == 0 and orphan.exists()  # reads never delete
    result = run("add", extra, "--source", "X", "--corpus", small)
    assert result.exit_code == 0, result.output
    assert not orphan.exists() and user_tmp.read_text(encoding="utf-8") == "mine"


def test_kill_9_during_import_leaves_complete_documents(tmp_path):
    corpus = tmp_path / "c"
    Corpus.init(corpus)
    source = _jsonl(tmp_path / "big.jsonl", "K", 800)
    proc = subprocess.Popen([FRAMING, "import", source, "--corpus", corpus],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(list(corpus.glob("*.md"))) < 20:
        time.sleep(0.05)
    proc.kill()
    proc.wait()
    written = list(Corpus.open(corpus).documents())  # every file that exists parses
    assert 20 <= len(written) < 800
    again = subprocess.run([FRAMING, "import", source, "--corpus", corpus], capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    assert f"({len(written)} duplicates skipped" in again.stdout
    assert len(list(Corpus.open(corpus).documents())) == 800
    assert not list(corpus.glob(".*.tmp"))


def _interruptible() -> None:
    """In the child before exec: SIGINT back to its default, so that Python turns it into
    KeyboardInterrupt even when the test run itself ignores it (started with nohup or in
    the background of a non-interactive shell, which a child inherits)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_ctrl_c_during_import_says_what_was_written(tmp_path):
    corpus = tmp_path / "c"
    Corpus.init(corpus)
    source = _jsonl(tmp_path / "big.jsonl", "C", 800)
    proc = subprocess.Popen([FRAMING, "import", source, "--corpus", corpus],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=_interruptible)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(list(corpus.glob("*.md"))) < 20:
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    n = len(list(Corpus.open(corpus).documents()))
    one_line_error(type("R", (), {"output": err})(), f"interrupted: {n} of 800 new documents were written")


# ---- 5. read-only corpora ----------------------------------------------------------------
def _as_nobody(args, *, env):
    return subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", FRAMING, *map(str, args)],
                          capture_output=True, text=True, env=env, timeout=600)


@pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("setpriv"),
                    reason="needs root and setpriv to run the CLI as an unprivileged user")
@pytest.mark.parametrize("cache_home", ["writable", "none"])
def test_read_only_corpus_read_commands(analysed, cache_home):
    import tempfile

    base = Path(tempfile.mkdtemp(prefix="framing-ro-"))
    try:
        corpus = base / "ro"
        shutil.copytree(analysed, corpus, ignore=shutil.ignore_patterns(".framing-cache"))
        out = base / "out"
        out.mkdir()
        for path in [base, out]:
            path.chmod(0o777)
        for path in [corpus, *corpus.iterdir()]:
            path.chmod(0o555 if path.is_dir() else 0o444)
        env = {**os.environ, "HOME": "/nonexistent", "XDG_CACHE_HOME": str(out / "cache")
               if cache_home == "writable" else "/nonexistent"}
        before = tree(corpus)
        for args in (["list"], ["show", "000"], ["export", "documents"],
                     ["report", "--out", out / "report", "--no-timestamp"]):
            result = _as_nobody([*args, "--corpus", corpus], env=env)
            assert result.returncode == 0, (args, result.stderr)
            assert "Traceback" not in result.stderr and "error" not in result.stderr
        assert tree(corpus) == before
        assert (out / "report" / "index.html").is_file()
        assert (out / "cache").is_dir() == (cache_home == "writable")
    finally:
        subprocess.run(["chmod", "-R", "u+w", str(base)], check=True)
        shutil.rmtree(base)


# ---- 6. a corrupt cache is detected, reported and rebuilt ---------------------------
def _export(corpus: Path) -> tuple[int, bytes, str]:
    result = CliRunner().invoke(main, ["export", "paragraphs", "--corpus", str(corpus)])
    return result.exit_code, result.stdout_bytes, result.stderr


def _damage(cache: Path, how: str) -> None:
    snapshot = next(p for p in (cache / "tables").iterdir() if not p.name.startswith("."))
    if how == "garbage sqlite":
        for name in ("cache.sqlite-wal", "cache.sqlite-shm"):
            (cache / name).unlink(missing_ok=True)
        (cache / "cache.sqlite").write_bytes(b"this is not a database" * 200)
        shutil.rmtree(cache / "tables")
    elif how == "truncated parquet":
        data = (snapshot / "paragraphs.parquet").read_bytes()
        (snapshot / "paragraphs.parquet").write_bytes(data[: len(data) // 2])
    elif how == "bad meta.json":
        (snapshot / "meta.json").write_text("{not json", encoding="utf-8")
    elif how == "edited snapshot":  # valid Parquet, different numbers
        import pandas as pd
        df = pd.read_parquet(snapshot / "paragraphs.parquet")
        df["n_words"] = df["n_words"] * 10
        df.to_parquet(snapshot / "paragraphs.parquet", index=False)
    elif how in ("edited result", "edited parse"):
        shutil.rmtree(cache / "tables")
        db = sqlite3.connect(cache / "cache.sqlite")
        if how == "edited result":
            db.execute("UPDATE results SET data = replace(data, '1', '9') WHERE feature='hedging'")
        else:
            db.execute("UPDATE parse_batches SET data = substr(data, 1, 100)")
            db.execute("DELETE FROM results WHERE feature='hedging'")  # so that the parses are read
        db.commit()
        db.close()


@pytest.mark.parametrize("how, message", [
    ("garbage sqlite", "is damaged"),
    ("truncated parquet", "paragraphs.parquet does not match its checksum"),
    ("bad meta.json", "meta.json does not match its checksum"),
    ("edited snapshot", "paragraphs.parquet does not match its checksum"),
    ("edited result", "failed their checksum"),
    ("edited parse", "are damaged"),
])
def test_corrupt_cache_detected_reported_rebuilt(analysed, tmp_path, how, message):
    corpus = tmp_path / "ca"
    shutil.copytree(analysed, corpus)
    code, clean, _ = _export(corpus)
    assert code == 0
    _damage(corpus / ".framing-cache", how)
    before = tree(corpus, skip=(".framing-cache",))
    code, data, err = _export(corpus)
    assert code == 0, err
    warnings_ = [ln for ln in err.splitlines() if ln.startswith("warning:")]
    assert len(warnings_) == 1 and message in warnings_[0], err
    assert "Traceback" not in err
    assert data == clean  # never silently wrong numbers
    assert tree(corpus, skip=(".framing-cache",)) == before
    code, again, err = _export(corpus)
    assert (code, again) == (0, clean) and "warning" not in err  # rebuilt: the next run is clean


# ---- 7. signals: Ctrl-C to the parent only, and kill -9, with --jobs 2 ------------------
def _children(pid: int) -> list[int]:
    """Child processes of ``pid``, whichever of its threads started them (the local Dask
    cluster forks its workers from its event-loop thread)."""
    out = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            out += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            pass
    return out


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] not in ("Z", "X")
    except OSError:
        return False


@pytest.fixture()
def big_corpus(tmp_path) -> Path:
    corpus = tmp_path / "big"
    Corpus.init(corpus)
    for n in range(120):
        body = "\n".join(f"{BODY} Paragraph {i} of article {n} mentions Tashkent and Baku." for i in range(8))
        write_doc(corpus, f"{n:03d}-a", source=f"S{n % 3}", body=body)
    return corpus


def _start_analyze(corpus: Path) -> tuple[subprocess.Popen, list[int]]:
    proc = subprocess.Popen([FRAMING, "analyze", "--corpus", corpus, "--jobs", "2"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=_interruptible)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and len(_children(proc.pid)) < 2 and proc.poll() is None:
        time.sleep(0.1)
    workers = _children(proc.pid)
    assert len(workers) >= 2, "the workers never started"
    time.sleep(1.0)
    return proc, workers


def _gone(pids: list[int], timeout: float = 30) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and any(_alive(p) for p in pids):
        time.sleep(0.1)
    return not any(_alive(p) for p in pids)


def _reap(pids: list[int]) -> None:
    """Kill workers this test started that are still alive (only when the test failed)."""
    for pid in pids:
        if _alive(pid):
            os.kill(pid, signal.SIGKILL)


def test_ctrl_c_to_parent_with_jobs_2_stops_workers_and_exits_130(big_corpus, request):
    proc, workers = _start_analyze(big_corpus)
    request.addfinalizer(lambda: _reap(workers))
    proc.send_signal(signal.SIGINT)  # to the parent only, not the process group
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    one_line_error(type("R", (), {"output": err})(), "interrupted: analysis stopped after",
                   "kept in the cache", "no tables, export or report were written")
    assert _gone(workers)
    # an interrupted analysis leaves consistent results: the next run completes them
    result = subprocess.run([FRAMING, "export", "paragraphs", "--corpus", big_corpus], capture_output=True)
    assert result.returncode == 0, result.stderr
    fresh = big_corpus.parent / "fresh"
    shutil.copytree(big_corpus, fresh, ignore=shutil.ignore_patterns(".framing-cache", ".framing-lock"))
    clean = subprocess.run([FRAMING, "export", "paragraphs", "--corpus", fresh], capture_output=True)
    assert clean.returncode == 0 and clean.stdout == result.stdout


def test_kill_9_parent_leaves_no_orphan_workers(big_corpus, request):
    proc, workers = _start_analyze(big_corpus)
    request.addfinalizer(lambda: _reap(workers))
    proc.kill()
    proc.wait()
    assert _gone(workers), "workers outlived their parent"
