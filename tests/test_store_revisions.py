"""Naming what changed between two resolutions (marsad.store.revisions.diff), and timestamps."""
from __future__ import annotations

import pytest

from marsad.errors import InputError
from marsad.store.revisions import diff, parse_timestamp


def rec(cid, *keys, arrested=None):
    return {"id": cid, "mention_keys": list(keys), "arrested": arrested}


def actions(old, new):
    return {(c.canonical_id, c.action) for c in diff(old, new)}


def test_nothing_changed_nothing_logged():
    same = {"A": rec("A", "a#0", "b#0", arrested=4)}
    assert diff(same, {"A": rec("A", "a#0", "b#0", arrested=4)}) == []


def test_created_and_updated():
    old = {"A": rec("A", "a#0")}
    new = {"A": rec("A", "a#0", "b#0", arrested=4), "C": rec("C", "c#0")}
    changes = {c.canonical_id: c for c in diff(old, new)}
    assert (changes["A"].action, changes["C"].action) == ("updated", "created")
    assert changes["A"].changes == {"before": {"mention_keys": ["a#0"], "arrested": None},
                                    "after": {"mention_keys": ["a#0", "b#0"], "arrested": 4}}
    assert changes["C"].changes["before"] == {} and changes["C"].changes["after"]["id"] == "C"


def test_merged_and_the_absorbed_event_deleted():
    old = {"A": rec("A", "a#0"), "B": rec("B", "b#0")}
    changes = {c.canonical_id: c for c in diff(old, {"A": rec("A", "a#0", "b#0")})}
    assert (changes["A"].action, changes["A"].changes["from"]) == ("merged", ["A", "B"])
    assert (changes["B"].action, changes["B"].changes["into"]) == ("deleted", ["A"])


def test_split_on_both_sides():
    old = {"A": rec("A", "a#0", "b#0", "c#0")}
    assert actions(old, {"A": rec("A", "a#0", "b#0"), "C": rec("C", "c#0")}) == {("A", "split"), ("C", "split")}


def test_a_smaller_key_renames_the_event():
    old = {"B": rec("B", "b#0")}
    changes = {c.canonical_id: c for c in diff(old, {"A": rec("A", "a#0", "b#0")})}
    assert changes["A"].action == "updated" and changes["A"].changes["from"] == ["B"]
    assert changes["A"].changes["before"]["id"] == "B" and changes["A"].changes["after"]["id"] == "A"
    assert (changes["B"].action, changes["B"].changes["into"]) == ("deleted", ["A"])


def test_an_event_whose_mentions_are_gone_is_deleted():
    assert actions({"A": rec("A", "a#0")}, {}) == {("A", "deleted")}


@pytest.mark.parametrize("text, stored", [
    ("2025-03-01", "2025-03-01T00:00:00.000000Z"),
    ("2025-03-01T10:00:00Z", "2025-03-01T10:00:00.000000Z"),
    ("2025-03-01T11:30+01:00", "2025-03-01T10:30:00.000000Z"),
    ("2025-03-01T10:00:00.123456Z", "2025-03-01T10:00:00.123456Z"),
])
def test_timestamps_are_utc(text, stored):
    assert parse_timestamp(text) == stored


def test_a_bad_timestamp_says_what_to_write():
    with pytest.raises(InputError, match="use YYYY-MM-DD"):
        parse_timestamp("last week")
