"""Who states a figure: one entity across scripts and spellings (marsad.sources)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from marsad.sources import NAME_PREFIX, matches_source, source_entity


@pytest.mark.parametrize("written, entity", [
    ("عبد الحق الخيام", "khiame"),
    ("عبدالحق الخيام", "khiame"),
    ("Abdelhak Al Khayam", "khiame"),
    ("Abdelhak Khiame", "khiame"),
    ("El Khiame", "khiame"),
    ("Abdol Haq Al-Khayyam", "khiame"),
    ("ABDELHAK KHIAME", "khiame"),
    ("حبوب الشرقاوي", "cherkaoui-habboub"),
    ("Cherkaoui Habboub", "cherkaoui-habboub"),
    ("Habboub Cherkaoui", "cherkaoui-habboub"),
    ("محمد محمد النيفاوي", "nifaoui"),  # a word repeated by mistake
    ("Mohamed Nifaoui", "nifaoui"),
    ("bcij", "bcij"),
    ("BCIJ", "bcij"),
    ("البسيج", "bcij"),
    ("المكتب المركزي للأبحاث القضائية", "bcij"),
    ("Central Bureau of Judicial Investigation", "bcij"),
    ("Bureau central d'investigations judiciaires", "bcij"),
    ("interior-ministry", "interior-ministry"),
    ("وزارة الداخلية", "interior-ministry"),
    ("Ministry of the Interior", "interior-ministry"),
    ("ministère de l'Intérieur", "interior-ministry"),
    ("us-state-department", "us-state-department"),
])
def test_one_entity_whatever_the_spelling(written, entity):
    assert source_entity(written) == entity


def test_a_name_not_in_the_data_is_its_own_entity_and_meets_its_other_spellings():
    a, b = source_entity("إحسان الحافيظي"), source_entity("احسان الحافيظى")  # hamza and final ya folded
    assert a == b and a.startswith(NAME_PREFIX)
    assert source_entity("Someone Else") != a
    assert source_entity(None) is None and source_entity("  ") is None


@pytest.mark.parametrize("query, source, expected", [
    ("khayam", "Abdelhak Al Khayam", True),
    ("khiame", "عبدالحق الخيام", True),  # a Latin query finds the Arabic spelling
    ("الخيام", "El Khiame", True),
    ("Abdelhak Khiame", "Abdol Haq Al-Khayyam", True),
    ("bcij", "bcij", True),
    ("BCIJ", "bcij", True),
    ("البسيج", "bcij", True),
    ("bcij", "interior-ministry", False),
    ("khia", "El Khiame", False),  # whole words only
    ("cherkaoui", "Abdelhak Khiame", False),
    ("حافيظي", "إحسان الحافيظي", False),
    ("الحافيظي", "إحسان الحافيظي", True),  # a name not in the data: its own words
    ("", "bcij", False),
])
def test_a_query_matches_a_source_by_any_of_its_names(query, source, expected):
    assert matches_source(query, source) is expected


def test_the_data_file_passes_its_check():
    """No name of a person folds as another person's or an institution's (scripts/check_sources.py)."""
    script = Path(__file__).resolve().parents[1] / "scripts" / "check_sources.py"
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stdout + out.stderr
