"""The corpus: every document in a directory, parsed, with the names people use for it.

``load_corpus()`` runs on every CLI call, so it only reads and parses text (a few ms per document);
search indexes are built elsewhere. A file that fails to load is logged and skipped.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import corpus
from corpus.aliases import UnitAliases, load_unit_aliases
from corpus.model import Document
from corpus.text import normalize_for_match
from corpus.vocabulary import NOTICE_VERBS, TITLE_PARTY_PREFIX, TITLE_PLACES, one_of

log = logging.getLogger(__name__)

NAMES_FILE = "names.toml"
ALIASES_FILE = "unit_aliases.txt"

# Words that make a title long without telling documents apart.
_TITLE_NOISE = (
    re.compile(f"^{TITLE_PARTY_PREFIX}"),
    re.compile(rf"关于(?:{one_of(NOTICE_VERBS)})?"),
    re.compile(r"的?通知$"),
    re.compile(r"[《》〈〉“”\"]"),
    re.compile(r"[（(][^（）()]*\d{4}[^（）()]*[）)]$"),  # （2018—2020年）
    re.compile(rf"^(?:{one_of(TITLE_PLACES)})"),
)


@dataclass(frozen=True)
class Corpus:
    documents: tuple[Document, ...] = ()
    units: UnitAliases = field(default_factory=UnitAliases)
    # Files that could not be read this time (LibreOffice missing or timed out, a damaged file): a
    # corpus missing them is not cached (assistant/documents/corpus_cache.py), so the next start tries them again.
    skipped: tuple[str, ...] = ()

    def document(self, source: str) -> Document | None:
        """By file name; also accepts a short name or alias (exact, width/space-insensitive)."""
        for doc in self.documents:
            if doc.source == source:
                return doc
        key = normalize_for_match(source)
        for doc in self.documents:
            names = (doc.short_name, doc.title, *doc.aliases)
            if any(normalize_for_match(n) == key for n in names if n):
                return doc
        return None


def derive_short_name(title: str, fallback: str = "") -> str:
    """A usable name for a document that names.toml does not list: the title minus the boilerplate."""
    name = title
    for pattern in _TITLE_NOISE:
        name = pattern.sub("", name)
    name = name.strip(" 　-—_")
    return name or title or fallback


def read_names(directory: Path) -> dict[str, dict]:
    path = directory / NAMES_FILE
    if not path.is_file():
        return {}
    import tomllib  # here, not at the top: a cached corpus is unpickled without reading names.toml

    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as err:
        log.warning("ignoring %s: %s", path, err)
        return {}
    return {k: v for k, v in data.items() if isinstance(v, dict)}


def load_document(path: Path, names: dict[str, dict] | None = None) -> Document:
    """Load and parse one file (raises on unreadable input)."""
    # The parser (hundreds of regular expressions compiled at import) loads here, not with this module:
    # unpickling a cached Corpus (assistant/documents/corpus_cache.py) needs only the class.
    from corpus import formats  # python-docx, lxml, pdfplumber: only when files are read
    from corpus.parse import parse_document

    entry = (names or {}).get(path.name, {})
    text = formats.load_text(path)
    aliases = tuple(str(a) for a in entry.get("aliases", ()) if str(a).strip())
    doc = parse_document(text, path.name, short_name=str(entry.get("short", "")).strip(), aliases=aliases)
    if not entry.get("short"):
        short = derive_short_name(doc.title, fallback=path.stem)
        doc = replace(doc, short_name=short)
    return doc


def load_corpus(directory: Path = corpus.BUNDLED_DIR, *more: Path) -> Corpus:
    """Every document of ``directory``, then of each of ``more`` (uploaded documents, which live beside
    the read-only bundled corpus); each directory may have its own names.toml. Unit aliases come from
    the first directory."""
    directory = Path(directory)
    documents, skipped = [], []
    from corpus import formats  # python-docx, lxml, pdfplumber: only when files are read

    suffixes = set(formats.supported_suffixes())
    for folder in (directory, *map(Path, more)):
        names = read_names(folder)
        files = sorted(
            p for p in (folder.iterdir() if folder.is_dir() else ())
            if p.is_file() and p.suffix.lower() in suffixes and not p.name.startswith(".")  # skip partial writes
        )
        for path in files:
            try:
                documents.append(load_document(path, names))
            except Exception as err:  # noqa: BLE001 - one bad file must not hide the others
                log.warning("skipping %s: %s", path.name, err)
                skipped.append(path.name)
    alias_file = directory / ALIASES_FILE
    units = load_unit_aliases(alias_file if alias_file.is_file() else corpus.UNIT_ALIASES_FILE)
    # "区交通与建设局（简称“区交建局”）" in a document: both names answer for that body
    defined = tuple(pair for doc in documents for pair in doc.party_aliases)
    if defined:
        units = UnitAliases(units.groups + defined)
    return Corpus(documents=tuple(documents), units=units, skipped=tuple(skipped))
