"""Document -> Record: the extraction pipeline's single entry point (work in progress)."""
from __future__ import annotations

from ..models import Document, Record


def extract(doc: Document) -> Record:
    """Extract the SPEC record of one document."""
    return Record(id=doc.id, lang=doc.lang or "ar", published=doc.published, relevant=False)
