"""The indicator library is the EU Trust Fund's common output indicators, exactly as in the real results file."""

import csv
import re
from pathlib import Path

import pytest

from cadre.planning import library

RESULTS = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "eutf" / "eutf_results_niger.csv"


def test_library_equals_the_common_output_indicators_of_the_results_file():
    if not RESULTS.exists():
        pytest.skip("../shared/data is not beside this checkout")
    with open(RESULTS, encoding="utf-8", newline="") as handle:
        titles = {
            row["title"].strip()
            for row in csv.DictReader(handle)
            if row["result_type"] == "EUTF Common Output Indicators"
        }
    assert {entry.label for entry in library.EUTF_COMMON_OUTPUT} == titles
    assert all(re.match(r"^\d+\.\d+( bis)? ", title) for title in titles)


def test_library_entries_have_codes_units_and_unique_keys():
    entries = library.EUTF_COMMON_OUTPUT
    assert len({entry.key for entry in entries}) == len(entries) == 36
    assert library.get("EUTF-4.1-bis").title_en == "Number of items of equipment provided to strengthen governance"
    assert library.get("EUTF-4.1-bis").library_code == "EUTF 4.1 bis"
    assert library.get("EUTF-2.6").unit == "ha"
    assert all(entry.unit and entry.kind == "number" for entry in entries)
    assert library.get("nothing") is None and library.get("") is None


def test_code_from_title_reads_the_code_of_a_library_title_only():
    assert library.code_from_title(
        "3.5 bis Number of returning migrants benefitting from reintegration assistance"
    ) == ("EUTF 3.5 bis")
    assert library.code_from_title("3.5 Number of returning migrants benefitting from post-arrival assistance") == (
        "EUTF 3.5"
    )
    assert library.code_from_title("3.5 Un autre indicateur") is None
