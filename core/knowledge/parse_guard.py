"""What one ontology file may cost to parse, checked before a parser sees it.

An uploaded file is untrusted input. A small document with nested entity declarations expands to
gigabytes, an external entity reads files or URLs, rdflib (needed for `rdf:parseType` and Turtle) reads
about 1 MB/s, and a big enough file exhausts the function's memory. So, in this order:

- size: at most ONTOLOGY_MAX_MB (default 160 MB; the 10k-product synthetic catalogue is 114 MB, and
  128 MB with its `&xsd;`/`&schema;` references expanded, which count too);
- encoding: RDF/XML in UTF-8 or an ASCII-compatible encoding (a UTF-16 file could hide its DOCTYPE
  from this check);
- DOCTYPE: only what ontology editors write for namespace abbreviations, `<!DOCTYPE rdf:RDF [ <!ENTITY
  xsd "http://www.w3.org/2001/XMLSchema#"> … ]>`: internal general entities whose values are short
  absolute IRIs (no `&`, `%` or `<` in them, so nothing nests), at most MAX_ENTITIES of them, and comments.
  No external DTD or entity (SYSTEM/PUBLIC), parameter entities, ELEMENT/ATTLIST/NOTATION declarations;
- the slow parser: files that need rdflib (rdf:parseType, properties written as attributes, Turtle,
  N-Triples) at most SLOW_PARSER_MAX_BYTES;
- time: at most ONTOLOGY_PARSE_TIMEOUT_SECONDS in the service (default 30 s, inside the 45 s turn deadline;
  the 10k catalogue builds in 17-25 s on a busy 2-core machine) and `--timeout` on the command line
  (default 120 s), enforced by `parse_worker`, which builds in a child process and kills it at the deadline.

Every refusal is an OntologyLimitError that names the setting to raise or says how to change the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.config import Settings
from core.knowledge.errors import OntologyLimitError

MB = 1_000_000
SLOW_PARSER_MAX_BYTES = 10 * MB   # rdflib reads ~1 MB/s here: ~10 s, well inside the time limit
MAX_ENTITIES = 32
MAX_ENTITY_VALUE = 512            # characters: a namespace IRI, not a text
_ASCII_COMPATIBLE = {"utf-8", "utf8", "us-ascii", "ascii", "iso-8859-1", "latin-1", "latin1"}
_FIX_DOCTYPE = ("Keep at most a DOCTYPE of namespace abbreviations such as <!DOCTYPE rdf:RDF [ <!ENTITY xsd "
                "\"http://www.w3.org/2001/XMLSchema#\"> ]>, or remove the DOCTYPE and write the IRIs out")


@dataclass(frozen=True)
class ParseLimits:
    """The limits one parse runs under (the service's come from its settings; see the module docstring)."""

    max_bytes: int = Settings.ontology_max_mb * MB           # the settings' defaults (core/config.py)
    timeout_seconds: float = Settings.ontology_parse_timeout_seconds
    slow_parser_max_bytes: int = SLOW_PARSER_MAX_BYTES
    timeout_setting: str = "ONTOLOGY_PARSE_TIMEOUT_SECONDS"   # how a timeout message names the knob (CLI: --timeout)

    @classmethod
    def from_settings(cls, settings: Settings) -> "ParseLimits":
        return cls(max_bytes=settings.ontology_max_mb * MB, timeout_seconds=settings.ontology_parse_timeout_seconds)


def _mb(size: int) -> str:
    return f"{size / MB:,.1f} MB"


def check_size(size: int, name: str, limits: ParseLimits, what: str = "ontology") -> None:
    """Refuse a file larger than ONTOLOGY_MAX_MB before it is read or parsed."""
    if size > limits.max_bytes:
        raise OntologyLimitError(
            f"{name} is {_mb(size)}, over the {_mb(limits.max_bytes)} an {what} may have (ONTOLOGY_MAX_MB): "
            "check it is the right file; a bigger catalogue needs ONTOLOGY_MAX_MB raised (and the memory to "
            "parse it: about 9x its size)")


def check_slow_parser(size: int, name: str, reason: str, fix: str, limits: ParseLimits) -> None:
    """Refuse a file rdflib would take minutes over (its RDF/XML and Turtle readers run ~1 MB/s)."""
    if size > limits.slow_parser_max_bytes:
        raise OntologyLimitError(
            f"{name} is {_mb(size)} and {reason}, which only the slow parser (rdflib, ~1 MB/s) reads; such files "
            f"may be at most {_mb(limits.slow_parser_max_bytes)}: {fix}")


# -- the XML prolog ---------------------------------------------------------------------------------------
_WS = re.compile(rb"[ \t\r\n]*")
_ENCODING = re.compile(rb"""encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_DOCTYPE_HEAD = re.compile(rb"<!DOCTYPE[ \t\r\n]+([^\s\[>]+)[ \t\r\n]*")
_ENTITY = re.compile(rb"""<!ENTITY[ \t\r\n]+([A-Za-z_][A-Za-z0-9_.-]*)[ \t\r\n]+(?:"([^"]*)"|'([^']*)')[ \t\r\n]*>""")
_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"'&%{}|\\^`]*")
_PREDEFINED = {b"lt", b"gt", b"amp", b"apos", b"quot"}


def check_xml_prolog(data: bytes, name: str, limits: ParseLimits) -> None:
    """Walk what precedes the root element (XML declaration, comments, processing instructions, DOCTYPE):
    the only place a DOCTYPE may stand. Refuse non-ASCII-compatible encodings and any DOCTYPE beyond
    namespace abbreviations, and count the abbreviations' expansion against ONTOLOGY_MAX_MB."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:4]:
        raise OntologyLimitError(f"{name} is UTF-16 or UTF-32 encoded: save it as UTF-8")
    pos = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    while True:
        pos = _WS.match(data, pos).end()
        if data.startswith(b"<?", pos):
            end = data.find(b"?>", pos)
            if end == -1:
                return  # unterminated: the parser reports the syntax error with its line
            if data.startswith(b"<?xml", pos):
                declared = _ENCODING.search(data, pos, end)
                if declared and declared.group(1).decode().lower() not in _ASCII_COMPATIBLE:
                    raise OntologyLimitError(f"{name} declares encoding {declared.group(1).decode()!r}: save it as "
                                             "UTF-8 (encoding=\"utf-8\")")
            pos = end + 2
        elif data.startswith(b"<!--", pos):
            end = data.find(b"-->", pos + 4)
            if end == -1:
                return
            pos = end + 3
        elif data.startswith(b"<!DOCTYPE", pos):
            _check_doctype(data, pos, name, limits)
            return
        else:
            return  # the root element (or something the parser will reject)


def _check_doctype(data: bytes, pos: int, name: str, limits: ParseLimits) -> None:
    head = _DOCTYPE_HEAD.match(data, pos)
    if head is None:
        raise OntologyLimitError(f"{name} has a DOCTYPE without a root element name. {_FIX_DOCTYPE}")
    pos = head.end()
    if data.startswith((b"SYSTEM", b"PUBLIC"), pos):
        raise OntologyLimitError(f"{name} has a DOCTYPE that loads an external DTD ({data[pos:pos + 6].decode()}), "
                                 f"which is never fetched. {_FIX_DOCTYPE}")
    entities: dict[bytes, str] = {}
    if data.startswith(b"[", pos):
        pos += 1
        while True:
            pos = _WS.match(data, pos).end()
            if data.startswith(b"]", pos):
                pos += 1
                break
            if data.startswith(b"<!--", pos):
                end = data.find(b"-->", pos + 4)
                if end == -1:
                    raise OntologyLimitError(f"{name} has an unterminated comment in its DOCTYPE. {_FIX_DOCTYPE}")
                pos = end + 3
                continue
            entity = _ENTITY.match(data, pos)
            if entity is None:
                raise OntologyLimitError(f"{name} has a DOCTYPE declaration other than a namespace abbreviation "
                                         f"({_declaration(data, pos)}): parameter entities, external entities, "
                                         f"ELEMENT/ATTLIST/NOTATION declarations are refused. {_FIX_DOCTYPE}")
            _check_entity(entity, entities, name)
            pos = entity.end()
    pos = _WS.match(data, pos).end()
    if not data.startswith(b">", pos):
        raise OntologyLimitError(f"{name} has a DOCTYPE that does not end after its internal subset "
                                 f"({_declaration(data, pos)}). {_FIX_DOCTYPE}")
    expanded = len(data) + sum(data.count(b"&" + key + b";", pos) * (len(value.encode()) - len(key) - 2)
                               for key, value in entities.items())
    if expanded > limits.max_bytes:
        raise OntologyLimitError(
            f"{name} is {_mb(expanded)} once its entity references (&name;) are expanded, over the "
            f"{_mb(limits.max_bytes)} an ontology may have (ONTOLOGY_MAX_MB): write the IRIs out or use XML "
            "namespace prefixes instead of entities, or raise ONTOLOGY_MAX_MB")


def _check_entity(entity: re.Match[bytes], entities: dict[bytes, str], name: str) -> None:
    key = entity.group(1)
    raw = entity.group(2) if entity.group(2) is not None else entity.group(3)
    label = key.decode()
    if key in _PREDEFINED:
        raise OntologyLimitError(f"{name} redefines the XML entity &{label};. {_FIX_DOCTYPE}")
    if key in entities:
        raise OntologyLimitError(f"{name} declares the entity &{label}; twice: keep one declaration")
    if len(entities) >= MAX_ENTITIES:
        raise OntologyLimitError(f"{name} declares more than {MAX_ENTITIES} entities: namespace abbreviations need "
                                 "a handful. Remove the others")
    try:
        value = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise OntologyLimitError(f"{name}: entity &{label}; is not UTF-8 text. {_FIX_DOCTYPE}") from None
    if len(value) > MAX_ENTITY_VALUE or not _IRI.fullmatch(value):
        shown = value if len(value) <= 60 else value[:57] + "..."
        raise OntologyLimitError(
            f"{name}: entity &{label}; stands for {shown!r}, which is not a namespace IRI of at most "
            f"{MAX_ENTITY_VALUE} characters (entities may only abbreviate IRIs such as "
            "\"https://schema.org/\"; no &, % or < inside, so nothing nests). Write that text out where it is used")
    entities[key] = value


def _declaration(data: bytes, pos: int) -> str:
    text = data[pos:pos + 60].decode("utf-8", "replace").split("\n", 1)[0]
    return repr(text + ("…" if len(text) == 60 else ""))
