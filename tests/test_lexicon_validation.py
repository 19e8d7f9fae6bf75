"""User-supplied lexicons are validated where they load: unknown columns and values are one-line errors."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from framing.cli import main
from framing.errors import LexiconError
from framing.lexicons import Override, load


@pytest.mark.parametrize("name, text, message", [
    ("contested_terms", "concept,term,side,variants,context,note\nwar,the war,rusia,,,\n",
     "line 2: side 'rusia' is not allowed; use one of: china, neutral, russia, west"),
    ("hedges", "cue,category,pos,context,note\nperhaps,hedge,ADV,,\nmaybe,hedge,ADV,aux;sometimes,\n",
     "line 3: context 'sometimes' is not allowed; use one of: aux, before_number"),
    ("hedges", "cue,category,pos,context,note\nsurely,bosster,ADV,,\n",
     "line 2: category 'bosster' is not allowed; use one of: attribution, booster, hedge"),
    ("actors", "pattern,actor,bloc,type,case\nAstana,astana,centralasia,capital,exact\n",
     "line 2: bloc 'centralasia' is not allowed"),
    ("agency_verbs", "lemma,connotation,power,agency,nominals\nbless,good,agent,high,\n",
     "line 2: connotation 'good' is not allowed; use one of: negative, neutral, positive"),
    ("hedges", "cue,category,pos,context,note,weight\nperhaps,hedge,ADV,,,2\n",
     "line 1: unknown column 'weight' for lexicon 'hedges'; columns are: cue, category, pos, context, note"),
])
@pytest.mark.parametrize("mode", ["replace", "extend"])
def test_bad_user_lexicon_names_file_line_and_allowed_values(tmp_path, name, text, message, mode):
    path = tmp_path / f"{name}.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LexiconError) as err:
        load(name, override=Override(path, mode))
    assert str(err.value).startswith(f"{path} {message.split(':')[0]}") and message in str(err.value)


def test_good_user_lexicon_still_loads(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("concept,term,side,variants,context,note\nwar,the war,neutral,,,\n", encoding="utf-8")
    assert "the war" in set(load("contested_terms", override=Override(path, "extend")).table["term"])


def test_bad_lexicon_on_the_command_line_is_exit_2(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("concept,term,side,variants,context,note\nwar,the war,rusia,,,\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["compare", "--lexicon", f"contested_terms+={path}"])
    assert result.exit_code == 2, result.output
    assert result.output.strip().startswith(f"error: {path} line 2: side 'rusia' is not allowed")
