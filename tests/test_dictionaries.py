"""User dictionaries (LIWC .dic, quanteda YAML, CSV) as features: reading, matching, errors, reports."""
from __future__ import annotations

import json
import re
import shutil

import pytest
from click.testing import CliRunner

import framing
from framing.cli import main
from framing.corpus import Corpus
from framing.dictionaries import as_feature, load_dictionary
from framing.errors import LexiconError

from conftest import ROOT, shared_file

DIC = "%\n1\tthreat\n2\tcooperation\n%\nterror*\t1\nextremis*\t1\nthreat*\t1\nattack*\t1\n" \
      "cooperat*\t2\npartner*\t2\nstrategic partnership\t2\nagreement*\t2\n"
YML = "economy:\n  - econom*\n  - trade\n  - sanction*\n  - gas\n  - oil\nconflict:\n  military:\n" \
      "    - war\n    - military\n    - troop*\n  talk:\n    - diplomat*\n    - summit*\n"
CSV = "category,pattern\nregion,central asia\nregion,caucasus\nregion,kazakh*\ngreat powers,russia\n" \
      "great powers,china\ngreat powers,united states\n"
FILES = {"security.dic": DIC, "frames.yml": YML, "places.csv": CSV}
CATEGORIES = {"security.dic": ["threat", "cooperation"], "frames.yml": ["economy", "conflict.military",
                                                                         "conflict.talk"],
              "places.csv": ["region", "great powers"]}


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("name", sorted(FILES))
def test_each_format_reads_its_categories(tmp_path, name):
    d = load_dictionary(write(tmp_path, name, FILES[name]))
    assert list(d.categories) == CATEGORIES[name]
    assert d.name == name.split(".")[0] and len(d.sha256) == 64


@pytest.mark.parametrize("patterns, words, expected", [
    (["terror*"], "the terrorists and terror".split(), [(1, 2, "terror*"), (3, 4, "terror*")]),
    (["rule of law"], "the rule of law holds".split(), [(1, 4, "rule of law")]),
    (["rule", "rule of law"], "rule of law".split(), [(0, 3, "rule of law")]),  # longest wins
    (["gr?y"], "grey gray green".split(), [(0, 1, "gr?y"), (1, 2, "gr?y")]),
    (["*ism"], "terrorism realism ism isms".split(), [(0, 1, "*ism"), (1, 2, "*ism"), (2, 3, "*ism")]),
    (["kazakh* steppe"], "kazakhstan steppe and kazakh desert".split(), [(0, 2, "kazakh* steppe")]),
    (["law"], [], []),
])
def test_matching_wildcards_and_multiword(tmp_path, patterns, words, expected):
    text = "category,pattern\n" + "".join(f"c,{p}\n" for p in patterns)
    assert load_dictionary(write(tmp_path, "d.csv", text)).match(words)["c"] == expected


@pytest.mark.parametrize("case, lemma, text, expected", [
    (False, False, "Russia attacked. RUSSIA attacks.", ["Russia", "RUSSIA"]),
    (True, False, "Russia attacked. RUSSIA attacks.", ["Russia"]),
    (False, True, "They attacked and were attacking.", ["attacked", "attacking"]),
    (False, False, "They attacked and were attacking.", []),
])
def test_case_and_lemma_options(nlp, tmp_path, case, lemma, text, expected):
    d = load_dictionary(write(tmp_path, "o.csv", "category,pattern\nc,Russia\nc,attack\n"), case=case, lemma=lemma)
    rows, summary = as_feature(d).factory(None)(nlp(text))
    assert [r["match"] for r in rows] == expected and summary["dict_o_c"] == len(expected)
    assert all(text[r["start"]:r["end"]] == r["match"] for r in rows)


@pytest.mark.parametrize("name, text, message", [
    ("x.txt", "a\n", "x.txt: unknown dictionary format '.txt'; use .dic"),
    ("x.dic", "terror*\t1\n", "x.dic line 1: a .dic file starts with a '%' line"),
    ("x.dic", "%\n1\tthreat\nbad line\n%\nterror*\t1\n", "x.dic line 3: expected 'ID<TAB>CATEGORY'"),
    ("x.dic", "%\n1\tthreat\n%\nterror*\t2\n", "x.dic line 4: category id 2 is not in the header"),
    ("x.dic", "%\n1\tthreat\n%\nterror*\n", "x.dic line 4: expected 'PATTERN<TAB>ID"),
    ("x.dic", "%\n1\tthreat\n2\tempty\n%\nterror*\t1\n", "x.dic line 3: category 'empty' has no patterns"),
    ("x.yml", "economy:\n  - trade\nsecurity: []\n", "x.yml line 3: category 'security' has no patterns"),
    ("x.yml", "economy:\n  - trade\n  - [a, b]\n", "x.yml line 3: category 'economy': a pattern must be a string"),
    ("x.yml", "- trade\n", "x.yml line 1: a YAML dictionary is a mapping"),
    ("x.yml", "economy: [trade\n", "x.yml line 2: not valid YAML"),
    ("x.csv", "name,word\na,b\n", "x.csv line 1: a CSV dictionary needs the header 'category,pattern'"),
    ("x.csv", "category,pattern\na,b\n,c\n", "x.csv line 3: empty category"),
    ("x.csv", "category,pattern\na,b\nc\n", "x.csv line 3: expected 2 fields"),
    ("x.csv", "category,pattern\na,*\n", "x.csv line 2: pattern '*' has a word that is only a wildcard"),
    ("x.csv", "category,pattern\n", "x.csv line 1: no categories"),
])
def test_bad_dictionaries_name_file_and_line(tmp_path, name, text, message):
    with pytest.raises(LexiconError) as err:
        load_dictionary(write(tmp_path, name, text))
    assert message in str(err.value) and "\n" not in str(err.value)


@pytest.fixture(scope="module")
def default_copy(tmp_path_factory):
    """The default corpus copied (without its cache), with the three dictionaries beside it."""
    root = tmp_path_factory.mktemp("dicts")
    corpus = root / "central-asia"
    shutil.copytree(ROOT / "corpora" / "central-asia", corpus, ignore=shutil.ignore_patterns(".framing-cache"))
    for name, text in FILES.items():
        write(root, name, text)
    return root, corpus


def test_bad_dictionary_on_the_command_line_is_exit_2(default_copy):
    root, corpus = default_copy
    bad = write(root, "bad.csv", "category,pattern\n,x\n")
    result = CliRunner().invoke(main, ["compare", "--corpus", str(corpus), "--dictionary", str(bad)])
    assert result.exit_code == 2 and result.output.strip() == f"error: {bad} line 2: empty category"


def check_report(paths, html, md, dictionaries):
    for name, cats in dictionaries.items():
        slug = name.split(".")[0]
        assert f'<section id="dictionary-{slug}"><h2>Dictionary: {slug}</h2>' in html
        assert f'<a href="#dictionary-{slug}">' in html and f"## Dictionary: {slug}" in md
        assert f"figures/dictionary-{slug}_dictionary__{slug}.svg" in paths
        assert f"tables/dictionary_{slug}.csv" in paths
        for cat in cats:
            assert f"<dt>{slug}: {cat}</dt>" in html and f"**{slug}: {cat}**" in md
        assert f'class="evidence evidence-dictionary_{slug}"' in html


def test_three_formats_in_every_report_section_on_the_default_corpus(default_copy, tmp_path):
    root, corpus = default_copy
    (corpus / "corpus.yaml").write_text((corpus / "corpus.yaml").read_text(encoding="utf-8")
                                        + "dictionaries:\n  - ../security.dic\n  - path: ../frames.yml\n", encoding="utf-8")
    out = tmp_path / "report"
    result = CliRunner().invoke(main, ["report", "--corpus", str(corpus), "--out", str(out), "--no-timestamp",
                                       "--dictionary", str(root / "places.csv")])
    assert result.exit_code == 0, result.output
    paths = {str(p.relative_to(out)) for p in out.rglob("*") if p.is_file()}
    html, md = (out / "index.html").read_text(encoding="utf-8"), (out / "report.md").read_text(encoding="utf-8")
    check_report(paths, html, md, CATEGORIES)
    assert "<td>security</td><td>" in html and "- dictionary places (CSV category,pattern, 2 categories" in md
    rates = (out / "tables" / "compare_rates.csv").read_text(encoding="utf-8")
    assert "dict_security_threat_per_100w" in rates and "dict_places_great_powers_per_100w" in rates
    assert "dict_frames_conflict_military_per_100w" in (out / "tables" / "paragraphs.csv").read_text(encoding="utf-8")
    # Exported with provenance; compared in JSON too.
    exported = CliRunner().invoke(main, ["export", "dictionary_frames", "--corpus", str(corpus),
                                         "-o", str(tmp_path / "f.csv")])
    assert exported.exit_code == 0, exported.output
    meta = json.loads((tmp_path / "f.csv.meta.json").read_text(encoding="utf-8"))
    assert [d["name"] for d in meta["dictionaries"]] == ["security", "frames"]
    assert "economy" in (tmp_path / "f.csv").read_text(encoding="utf-8")


@pytest.mark.slow
def test_three_formats_on_a_100_article_allsides_corpus(tmp_path):
    lines = shared_file("data/news/allsides_russia/allsides_russia_related.jsonl").read_text(
        encoding="utf-8").splitlines()[:100]
    (tmp_path / "a.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    corpus = tmp_path / "allsides"
    assert CliRunner().invoke(main, ["import", str(tmp_path / "a.jsonl"), "--corpus", str(corpus)]).exit_code == 0
    args = []
    for name, text in FILES.items():
        args += ["--dictionary", str(write(tmp_path, name, text))]
    out = tmp_path / "report"
    result = CliRunner().invoke(main, ["report", "--corpus", str(corpus), "--out", str(out), "--no-timestamp",
                                       "--jobs", "2", *args])
    assert result.exit_code == 0, result.output
    paths = {str(p.relative_to(out)) for p in out.rglob("*") if p.is_file()}
    check_report(paths, (out / "index.html").read_text(encoding="utf-8"),
                 (out / "report.md").read_text(encoding="utf-8"), CATEGORIES)
    tests = (out / "tables" / "compare_tests.csv").read_text(encoding="utf-8")
    assert "dict_security_threat_per_100w" in tests and "dict_frames_economy_per_100w" in tests
    tables = framing.analyze(Corpus.open(corpus), dictionaries=[load_dictionary(tmp_path / n) for n in FILES])
    assert len(tables.documents) == 100 and tables.get("dictionary_security")["category"].nunique() == 2


def brute_force(d, words):
    """The matching rule written out naively: every pattern tried at every position."""
    from framing.dictionaries import _word_ok

    out = {}
    for category, patterns in d.categories.items():
        found, i = [], 0
        while i < len(words):
            fits = [p for p in patterns if i + len(p.words) <= len(words)
                    and all(_word_ok(w, words[i + k]) for k, w in enumerate(p.words))]
            best = max(fits, key=lambda p: len(p.words), default=None)  # first longest, like the index
            if best is None:
                i += 1
            else:
                found.append((i, i + len(best.words), best.text))
                i += len(best.words)
        out[category] = found
    return out


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_indexed_matching_equals_brute_force(tmp_path, seed):
    import random

    rng = random.Random(seed)
    stems = ["ter", "terr", "war", "pea", "peace", "ru", "rus", "a", "sec", "secur"]
    rows = []
    for _ in range(60):
        stem = rng.choice(stems)
        pattern = rng.choice([stem, stem + "*", stem + "?", "*" + stem, stem + "* " + rng.choice(stems)])
        rows.append(f"{rng.choice('abc')},{pattern}")
    d = load_dictionary(write(tmp_path, "r.csv", "category,pattern\n" + "\n".join(rows) + "\n"))
    vocab = ["terror", "terr", "war", "warm", "peace", "peaceful", "rus", "russia", "a", "security", "sec", "x"]
    words = [rng.choice(vocab) for _ in range(300)]
    got, want = d.match(words), brute_force(d, words)
    assert {c: [m[:2] for m in v] for c, v in got.items()} == {c: [m[:2] for m in v] for c, v in want.items()}


@pytest.mark.parametrize("config, message", [
    ({"dictionaries": "x.csv"}, "'dictionaries' must be a list of paths"),
    ({"dictionaries": [{"file": "x.csv"}]}, "dictionaries[0]: a dictionary entry is a path or a mapping with 'path'"),
    ({"dictionaries": [{"path": "x.csv", "stem": True}]}, "dictionaries[0]: unknown dictionary option 'stem'"),
    ({"dictionaries": [{"path": "x.csv", "lemma": "yes"}]}, "dictionaries[0]: 'lemma' must be true or false"),
    ({"dictionaries": ["missing.csv"]}, "missing.csv: cannot read dictionary"),
    ({"dictionaries": ["x.csv", {"path": "y/x.csv"}]}, "a dictionary named 'x' is already loaded"),
])
def test_bad_corpus_yaml_dictionary_entries(tmp_path, config, message):
    from framing.dictionaries import corpus_dictionaries, unique

    write(tmp_path, "x.csv", "category,pattern\na,b\n")
    (tmp_path / "y").mkdir()
    write(tmp_path / "y", "x.csv", "category,pattern\na,b\n")
    with pytest.raises(LexiconError, match=re.escape(message)):
        unique(corpus_dictionaries(config, tmp_path))


def test_corpus_yaml_options_reach_the_dictionary(tmp_path):
    from framing.dictionaries import corpus_dictionaries

    write(tmp_path, "x.csv", "category,pattern\na,B\n")
    (d,) = corpus_dictionaries({"dictionaries": [{"path": "x.csv", "name": "mine", "case": True, "lemma": True}]},
                               tmp_path)
    assert (d.name, d.case, d.lemma, d.categories["a"][0].words) == ("mine", True, True, ("B",))
