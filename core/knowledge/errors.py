"""What can be wrong with the shop's knowledge: the exceptions every layer raises and the schema violations
`validate` lists. Each message says what to fix (the IRI, the setting, the command).

One module below all the others, so the parser guard, the index schema, the sources and the manager can
share them without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

ERROR, WARNING = "error", "warning"


@dataclass(frozen=True)
class Violation:
    """One schema problem at `iri`. Errors make a file unusable (validate exits 1, the service keeps the
    previous version); warnings are read around (e.g. a list price below the price is ignored)."""

    iri: str
    message: str
    severity: str = ERROR

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def __str__(self) -> str:
        return f"{self.iri}: {self.message}" if self.is_error else f"{self.iri}: warning: {self.message}"


def errors_of(violations: Iterable[Violation]) -> list[Violation]:
    return [v for v in violations if v.is_error]


class OntologyError(Exception):
    """Base of every ontology problem; messages say what to fix."""


class OntologyParseError(OntologyError):
    """The file is not well-formed RDF/XML (the message carries the line number)."""


class OntologyLimitError(OntologyParseError):
    """The file breaks a safety limit before or while it is parsed: its size, a DOCTYPE beyond namespace
    abbreviations, or the parse time. The message names the setting to raise or how to change the file."""


class OntologySchemaError(OntologyError):
    """The RDF parses but breaks the documented schema (docs/ontology.md)."""

    def __init__(self, message: str, violations: list[Violation] | None = None) -> None:
        super().__init__(message)
        self.violations = violations or []


class OntologyIndexVersionError(OntologyError):
    """A JSON index was built for another ontology version or index format."""


class OntologyIndexInvalidError(OntologyIndexVersionError):
    """A JSON index that is not what a validated build wrote: it breaks the index schema (a negative fee, an
    over-long name), names a link its OWL does not contain, or its bytes differ from the recorded sha256.
    Like a stale index it is never served: the OWL is parsed instead (or the last good version stays)."""


class OntologySourceError(OntologyError):
    """The ontology could not be fetched (network, endpoint, unexpected S3 error)."""


class OntologyNotFoundError(OntologySourceError):
    """Bucket, key, version or file does not exist; the message names it and the setting to change."""


class OntologyAccessError(OntologySourceError):
    """The credentials may not read (or write) the ontology; the message names the IAM action."""
