"""Package data files, loaded once: ``data/<lang>/<name>.json`` and gazetteer tables."""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources as _res
from typing import Any

SUPPORTED_LANGUAGES = ("ar", "en", "fr")


@lru_cache(maxsize=None)
def language_data(lang: str, name: str) -> dict[str, Any]:
    """The JSON data file ``name`` of language ``lang``; an empty dict when it does not exist."""
    path = _res.files("marsad") / "data" / lang / f"{name}.json"
    if not path.is_file():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def data_text(*parts: str) -> str:
    """Text of a data file under ``marsad/data``."""
    return (_res.files("marsad").joinpath("data", *parts)).read_text(encoding="utf-8")
