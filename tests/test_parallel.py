"""marsad.parallel and `--jobs`: several worker processes give the records one gives, in
input order, with the same problems; the store ends the same."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from marsad import parallel
from marsad.evaluation import load_corpus
from marsad.ingest import extract_file, ingest_paths
from marsad.models import Document
from marsad.pipeline.extract import extract
from marsad.readers import InputProblem
from marsad.store import Store

CORPUS = Path(__file__).parent / "corpus"


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> Path:
    """The project's own articles in the three languages as JSON Lines, with bad lines
    among them (not JSON, no text) so problems are interleaved with documents."""
    docs = []
    for lang in ("ar", "en", "fr"):
        docs += load_corpus(CORPUS / lang)[0][:12]
    lines = []
    for i, doc in enumerate(docs):
        lines.append(json.dumps({"id": doc.id, "text": doc.text, "published": doc.published,
                                 "lang": doc.lang}, ensure_ascii=False))
        if i in (3, 20):
            lines.append("{not json")
        if i == 11:
            lines.append(json.dumps({"id": "no-text"}))
    path = tmp_path_factory.mktemp("batch") / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _extract_with(path: Path, jobs: int) -> tuple[str, list[str]]:
    out, problems = io.StringIO(), []
    summary = extract_file([path], out, on_problem=lambda p: problems.append(str(p)), jobs=jobs)
    assert summary.records == 36
    return out.getvalue(), problems


def test_extract_with_two_jobs_writes_the_same_records_in_input_order(batch):
    one, problems_one = _extract_with(batch, 1)
    two, problems_two = _extract_with(batch, 2)
    assert two == one
    assert problems_two == problems_one and len(problems_one) == 3
    ids = [json.loads(line)["id"] for line in one.splitlines()]
    source_ids = [json.loads(line)["id"] for line in batch.read_text(encoding="utf-8").splitlines()
                  if line.startswith('{"id"') and '"text"' in line]
    assert ids == source_ids


def _stored(db: Path) -> dict:
    with Store(str(db), create=False) as store:
        events = [{k: v for k, v in e.items() if k not in ("created_at", "updated_at")}
                  for e in store.canonical_events()]
        return {"documents": sorted(store.text_hashes()), "mentions": store.events(),
                "events": events, "claims": store.claims()}


def test_ingest_with_two_jobs_stores_what_one_job_stores(batch, tmp_path):
    summaries = {}
    for jobs in (1, 2):
        with Store(str(tmp_path / f"j{jobs}.db")) as store:
            summaries[jobs] = str(ingest_paths([batch], store, jobs=jobs))
    assert summaries[2] == summaries[1]
    assert "36 added" in summaries[1]
    assert _stored(tmp_path / "j2.db") == _stored(tmp_path / "j1.db")
    with Store(str(tmp_path / "j2.db")) as store:  # again: nothing to extract, nothing changes
        again = ingest_paths([batch], store, jobs=2)
    assert again.added == 0 and again.unchanged == 36
    assert _stored(tmp_path / "j2.db") == _stored(tmp_path / "j1.db")


def _fails_on_seven(doc: Document):
    if doc.id.endswith("7"):
        raise ValueError(f"cannot read {doc.id}")
    return extract(doc)


def test_a_failing_document_comes_back_in_its_place_with_its_exception():
    docs: list = [Document(id=f"d{i}", text=f"خبر رقم {i} عن تفكيك خلية إرهابية في طنجة.") for i in range(20)]
    docs.insert(5, InputProblem("x.jsonl", 6, "not JSON"))
    for jobs in (1, 2):
        out = list(parallel.extracted(docs, _fails_on_seven, jobs=jobs,
                                      needs_record=lambda d: d.id != "d3"))
        assert [item for item, _ in out] == docs
        outcomes = {getattr(item, "id", "problem"): outcome for item, outcome in out}
        assert isinstance(outcomes["d7"], ValueError) and "cannot read d7" in str(outcomes["d7"])
        assert isinstance(outcomes["d17"], ValueError)
        assert outcomes["problem"] is None and outcomes["d3"] is None  # not extracted
        assert outcomes["d4"].to_dict() == extract(docs[4]).to_dict()
