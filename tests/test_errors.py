"""Errors carry stable codes (kg.errors), located as ``file:line: [CODE] message``; the README
lists every code."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from kg.errors import DataFileError, DataTableError, Errors, Warnings, all_codes, code_of
from kg.ingest import read_inputs
from kg.lexicon import LEXICON_DIR, load_lexicon, read_table
from kg.resources import resource

ROOT = Path(__file__).resolve().parents[1]


def test_codes_are_unique_well_formed_and_shown_in_brackets():
    codes = all_codes()
    assert codes and all(re.fullmatch(r"[EW]\d{3}", c) for c in codes)
    assert Errors.E001.startswith("[E001] ") and Warnings.W111.startswith("[W111] ")
    assert code_of(Errors.E204.format(name="since", value="x", problem="p")) == "E204"
    assert code_of("no code here") is None


def test_the_readme_lists_every_code_once():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for code in all_codes():
        assert len(re.findall(rf"^\| `{code}` \|", readme, re.M)) == 1, code


def test_a_missing_data_file_is_e001_naming_it():
    with pytest.raises(DataFileError) as info:
        resource("ontology/lexicon/no-such-table.tsv")
    assert code_of(info.value) == "E001"
    assert str(info.value).startswith("kg/ontology/lexicon/no-such-table.tsv: [E001] ")


def test_a_lexicon_folder_without_a_table_is_e001_not_an_empty_lexicon(tmp_path):
    folder = tmp_path / "lexicon"
    shutil.copytree(LEXICON_DIR, folder)
    (folder / "triggers.tsv").unlink()
    with pytest.raises(DataFileError, match=r"triggers\.tsv: \[E001\] "):
        load_lexicon(folder)


def test_a_malformed_table_is_e002_with_file_and_line(tmp_path):
    table = tmp_path / "t.tsv"
    table.write_text("# a comment\nphrase\tkind\nvisite\tVisit\textra\n", encoding="utf-8")
    with pytest.raises(DataTableError) as info:
        read_table(table)
    assert str(info.value) == f"{table}:3: [E002] malformed table: 3 cells, the header has 2"


def test_a_table_row_without_a_required_cell_is_e002(tmp_path):
    folder = tmp_path / "lexicon"
    shutil.copytree(LEXICON_DIR, folder)
    with (folder / "relations.tsv").open("a", encoding="utf-8") as fh:
        fh.write("\tStrategicPartnership\n")
    with pytest.raises(DataTableError, match=r"relations\.tsv: \[E002\] .*no 'phrase' cell"):
        load_lexicon(folder)


@pytest.mark.parametrize(
    "name, content, code",
    [
        ("empty.txt", b"", "E111"),
        ("broken.jsonl", b'{"id": "a", "text": "T\\n\\nCorps."}\n{oops\n', "E112"),
        ("no-text.jsonl", json.dumps({"id": "a"}).encode() + b"\n", "E113"),
        ("binary.txt", b"\x00\x01\x02\x03" * 50, "E111"),
    ],
)
def test_each_unusable_input_is_reported_with_its_code(tmp_path, name, content, code):
    path = tmp_path / name
    path.write_bytes(content)
    result = read_inputs([path])
    assert [p.code for p in result.problems] == [code]
    assert f": [{code}] " in str(result.problems[0])
    assert str(result.problems[0]).startswith(str(path))


def test_a_missing_input_is_e110(tmp_path):
    (problem,) = read_inputs([tmp_path / "absent.txt"]).problems
    assert str(problem) == f"{tmp_path / 'absent.txt'}: [E110] no such file or directory"


def test_query_parameter_and_name_errors_are_coded():
    from kg.query import Param, get_query, parse_value

    with pytest.raises(ValueError) as info:
        parse_value(Param("since", "date", ""), "2024-13")
    assert str(info.value) == "[E204] --param since=2024-13: no month 13"
    with pytest.raises(ValueError) as info:
        get_query("no-such-query")
    assert code_of(info.value) == "E203"


def test_kg_load_of_a_missing_build_is_e302(tmp_path):
    from kg.load import load

    with pytest.raises(FileNotFoundError) as info:
        load(tmp_path / "nowhere", "http://127.0.0.1:9/store")
    assert code_of(info.value) == "E302"


def test_a_command_line_usage_error_is_e501(tmp_path, capsys):
    from kg.cli import main

    with pytest.raises(SystemExit):
        main(["build", str(tmp_path), "--out", str(tmp_path / "out"), "--workers", "0"])
    assert "[E501] --workers must be at least 1" in capsys.readouterr().err
