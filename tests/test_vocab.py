"""Filter values by id or by any name, and a clear error for a value nothing names (marsad.vocab)."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from marsad.errors import InputError
from marsad.models import Document
from marsad.pipeline.extract import extract
from marsad.store import Store
from marsad.vocab import resolve, vocabulary


@pytest.mark.parametrize("kind, value, expected", [
    ("place", "casablanca", "casablanca"),
    ("place", "Casablanca", "casablanca"),
    ("place", "الدار البيضاء", "casablanca"),
    ("place", "Tanger", "tangier"),
    ("place", "طنجة", "tangier"),
    ("place", "Fès", "fes"),
    ("org", "isis", "isis"),
    ("org", "ISIS", "isis"),
    ("org", "Daesh", "isis"),
    ("org", "داعش", "isis"),
    ("org", "État islamique", "isis"),
    ("org", "AQIM", "aqim"),
    ("agency", "BCIJ", "bcij"),
    ("agency", "البسيج", "bcij"),
    ("agency", "DGST", "dgst"),
    ("type", "cell_dismantled", "cell_dismantled"),
    ("type", "cell dismantled", "cell_dismantled"),
    ("metric", "cells_dismantled", "cells_dismantled"),
])
def test_an_id_or_any_name(kind, value, expected):
    assert resolve(kind, value) == expected


@pytest.mark.parametrize("kind, value, hint", [
    ("type", "bombing", "use one of cell_dismantled, arrest, attack, seizure"),
    ("metric", "foo", "use one of cells_dismantled"),
    ("place", "Casablnca", "did you mean casablanca"),
    ("org", "ISI", "did you mean isis"),
])
def test_a_value_nothing_names_is_an_error_with_the_nearest_values(kind, value, hint):
    with pytest.raises(InputError) as e:
        resolve(kind, value)
    assert f"unknown {kind} {value!r}" in str(e.value) and hint in str(e.value)


def test_none_is_no_filter():
    assert resolve("place", None) is None


def test_every_kind_has_names():
    for kind in ("type", "metric", "place", "org", "agency"):
        vocab = vocabulary(kind)
        assert vocab and all(isinstance(names, tuple) for names in vocab.values())
    assert "الدار البيضاء" in vocabulary("place")["casablanca"]


def run(*args):
    cli = "import sys; from marsad.cli import main; sys.exit(main())"
    return subprocess.run([sys.executable, "-c", cli, *args], capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("vocab") / "vocab.db"
    text = ("تمكن المكتب المركزي للأبحاث القضائية، يوم الأربعاء، من تفكيك خلية إرهابية موالية لتنظيم داعش "
            "تتكون من أربعة عناصر تنشط بمدينة الدار البيضاء.")
    with Store(path) as store:
        doc = Document(id="vocab-1", text=text, lang="ar", published="2024-05-08")
        store.add(doc, extract(doc))
        store.resolve()
    return path


@pytest.mark.parametrize("args", [("--place", "Casablanca"), ("--place", "الدار البيضاء"), ("--org", "Daesh"),
                                  ("--org", "داعش"), ("--agency", "BCIJ"), ("--type", "cell dismantled")])
def test_cli_filters_take_any_name(db, args):
    out = run("events", "--db", str(db), *args, "--format", "json")
    assert out.returncode == 0, out.stderr
    assert [e["places"] for e in json.loads(out.stdout)] == [["casablanca"]]


@pytest.mark.parametrize("args, message", [
    (("events", "--type", "bombing"), "unknown type 'bombing'"),
    (("events", "--place", "Atlantis"), "unknown place 'Atlantis'"),
    (("events", "--org", "ISI"), "did you mean isis"),
    (("claims", "--metric", "foo"), "unknown metric 'foo'"),
])
def test_cli_bad_filter_values_fail_with_a_message(db, args, message):
    out = run(*args, "--db", str(db))
    assert out.returncode != 0 and message in out.stderr and "Traceback" not in out.stderr
    assert out.stdout == ""


def test_vocab_lists_ids_with_their_names():
    out = run("vocab", "place", "--search", "الدار البيضاء", "--format", "json")
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)
    assert rows[0]["id"] == "casablanca" and "Casablanca" in rows[0]["names"]
    orgs = json.loads(run("vocab", "org", "--format", "json").stdout)
    assert {"isis", "aqim"} <= {r["id"] for r in orgs}
