"""`docbot inspect --summary DIR`: how well the parser reads a whole folder of documents.

Per document: items per part and how many name a party, the parties that do not look like a name
(corpus/parties.py says why), numbering gaps (the same check as the upload preview), the lead rule the
document states, and whether its text holds responsibility wording at all — so "no parties" can be
told apart from "the parser missed them". The totals' last line is the one figure to watch: of the
documents whose text assigns work, the share that yield items with parties.

``doc_health`` and ``FolderHealth`` are pure (a parsed Document and its text in, a report out);
``read_folder`` is the only part that touches files.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

from assistant.documents.report import irregular_numbering
from corpus import formats, parties, roles
from corpus.library import load_document, read_names
from corpus.model import MAIN_PART, Document
from corpus.vocabulary import INLINE_MODALS, ROLE_ADVERBS, one_of
from corpus.vocabulary_records import POST_HOLDER_WORDS

_TITLE_WIDTH = 40
_NAMES_SHOWN = 8
_PEOPLE_COLUMN = re.compile(rf"{one_of(POST_HOLDER_WORDS)}|(?:{'|'.join(parties.POSITIONS)})$")


@cache
def _wording_regex() -> re.Pattern[str]:
    """Text that assigns work: a role label ("牵头单位：", "责任人："), a roster label at a line's start
    ("组 长："), a rule ("谁主管谁牵头"), a bare owner in brackets after an item ("…。（区财政局）"),
    or a name followed by a role word ("区财政局牵头", "各乡镇负责", "区财政局：负责…").
    Plain verbs (落实, 实施) are not enough; "负责人" / "负责的" is a noun, not an assignment."""
    labels = "|".join(re.escape(p) for p, _ in roles.phrases(roles.LABEL) if p not in parties.CONTACT_LABELS)
    roster = "|".join(r"\s*".join(map(re.escape, w)) for w in parties.ROSTER_LABELS)
    suffix = "|".join(re.escape(p) for p, r in roles.phrases(roles.SUFFIX)
                      if r in ("lead", "cooperate", "responsible", "shared") and p not in roles.PLAIN_VERBS)
    # the parser's words before a role word (corpus/inline.py) but 需, which this report never read
    before_role = one_of((*(w for w in INLINE_MODALS if w != "需"), *ROLE_ADVERBS))
    named = rf"(?:{parties.ORG_SUFFIX}|{'|'.join(map(re.escape, parties.POSITIONS))})"
    return re.compile(rf"(?:{labels})\s*[:：]|^[ \t　]*(?:{roster})\s*[:：]|谁[^，,。；;\s]{{1,4}}谁(?:牵头|负责)|"
                      rf"[。；;]\s*[（(][^（）()\n]{{0,60}}(?:{parties.ORG_SUFFIX})[）)]\s*$|"
                      rf"{named}(?:等[^，,。；;\s]{{0,6}}?)?[:：]?(?:{before_role})?"
                      rf"(?:{suffix})(?!{'|'.join(roles.NOT_AFTER_ROLE)})", re.MULTILINE)


def responsibility_wording(doc: Document, text: str) -> str:
    """The first place the text assigns work (a short excerpt), or "" when it never does."""
    if m := _wording_regex().search(text):
        start = max(0, m.start() - 8)
        return re.sub(r"\s+", " ", text[start:m.end()]).strip()
    for table in doc.tables:
        for header in table.headers:
            if roles.column_role(header) or _PEOPLE_COLUMN.search(header):
                return f"表格列“{header}”"
    return ""


@dataclass(frozen=True)
class PartHealth:
    part: str
    items: int  # numbered items, table rows read as items, and unnumbered task paragraphs
    with_parties: int
    gaps: tuple[str, ...]  # "（一）下第2项之后是第4项"


@dataclass(frozen=True)
class DocHealth:
    source: str
    title: str
    parts: tuple[PartHealth, ...] = ()
    unrecognised: tuple[tuple[str, str], ...] = ()  # (party as extracted, why it is not a name)
    lead_rules: tuple[str, ...] = ()
    wording: str = ""  # the first responsibility wording in the text, "" when none
    error: str = ""  # the file could not be read

    @property
    def items(self) -> int:
        return sum(p.items for p in self.parts)

    @property
    def with_parties(self) -> int:
        return sum(p.with_parties for p in self.parts)

    @property
    def missed(self) -> bool:
        """The text assigns work but no item names a party."""
        return bool(self.wording) and not self.with_parties

    def as_dict(self) -> dict:
        return {**asdict(self), "unrecognised": [{"party": p, "reason": r} for p, r in self.unrecognised],
                "items": self.items, "with_parties": self.with_parties, "missed": self.missed}

    def text(self) -> str:
        title = self.title if len(self.title) <= _TITLE_WIDTH else self.title[:_TITLE_WIDTH - 1] + "…"
        if self.error:
            return f"{self.source} 无法读取：{self.error}"
        counts = "；".join(f"{p.part} {p.items} 项（有责任主体 {p.with_parties}）" for p in self.parts) or "无条目"
        lines = [f"{self.source} {title}", f"  条目：{counts}"]
        lines += [f"  牵头规则：{rule}" for rule in self.lead_rules]
        if self.unrecognised:
            names = "、".join(f"{p}（{r}）" for p, r in self.unrecognised[:_NAMES_SHOWN])
            more = f" 等 {len(self.unrecognised)} 个" if len(self.unrecognised) > _NAMES_SHOWN else ""
            lines.append(f"  未识别名称：{names}{more}")
        gaps = [f"{p.part}：{'；'.join(p.gaps[:3])}" + ("…" if len(p.gaps) > 3 else "") for p in self.parts if p.gaps]
        if gaps:
            lines.append(f"  编号不连续：{'；'.join(gaps)}")
        if self.missed:
            lines.append(f"  【含责任表述（{self.wording}）但未抽取到责任主体】")
        elif not self.wording:
            lines.append("  未见责任表述（牵头/配合/负责、责任单位：、组长：等）")
        return "\n".join(lines)


def doc_health(doc: Document, text: str) -> DocHealth:
    """The health of one parsed document; ``text`` is the file's text as the parser read it."""
    tasks = [*doc.items, *doc.tasks]
    parts = list(dict.fromkeys([*(i.part for i in tasks)])) or ([MAIN_PART] if doc.tables else [])
    reports, rules, unrecognised = [], {}, {}
    for part in parts:
        items = [i for i in tasks if i.part == part]
        reports.append(PartHealth(part, len(items), sum(1 for i in items if i.units),
                                  irregular_numbering([i for i in items if i.number])))
        for item in items:
            if item.units.rule:
                rules[item.units.rule] = None
            # the spans the parser's recogniser refused as names (they are not in the answers); a person a
            # roster names by post ("组长：庄亮（党委委员）") is vouched for by the post, whatever the surname
            posted = {name for name, _ in item.units.notes}
            for party in (*(p for p in item.units.all if p not in posted), *item.units.rejected):
                if party not in unrecognised and (why := parties.party_problem(party)):
                    unrecognised[party] = why
    rules = [r for r in rules if not any(o != r and o in r for o in rules)]  # the phrase, not also its clause
    return DocHealth(doc.source, doc.title or doc.source, tuple(reports), tuple(unrecognised.items()),
                     tuple(rules), responsibility_wording(doc, text))


@dataclass(frozen=True)
class FolderHealth:
    documents: tuple[DocHealth, ...]

    def totals(self) -> dict:
        docs = self.documents
        with_wording = [d for d in docs if d.wording]
        yielding = [d for d in with_wording if d.with_parties]
        return {
            "documents": len(docs), "unreadable": sum(1 for d in docs if d.error),
            "with_wording": len(with_wording), "yielding": len(yielding),
            "yield_share": round(len(yielding) / len(with_wording), 4) if with_wording else None,
            "items": sum(d.items for d in docs), "items_with_parties": sum(d.with_parties for d in docs),
            "unrecognised": sum(len(d.unrecognised) for d in docs),
            "with_gaps": sum(1 for d in docs if any(p.gaps for p in d.parts)),
            "missed": [d.source for d in docs if d.missed],
        }

    def as_dict(self) -> dict:
        return {"documents": [d.as_dict() for d in self.documents], "totals": self.totals()}

    def summary_line(self) -> str:
        t = self.totals()
        share = f"{t['yield_share']:.0%}" if t["yield_share"] is not None else "—"
        return (f"合计：{t['documents']} 份文件，{t['with_wording']} 份含责任表述，其中 {t['yielding']} 份（{share}）"
                f"抽取到责任主体；条目 {t['items']}（有责任主体 {t['items_with_parties']}）；未识别名称 {t['unrecognised']}")

    def text(self) -> str:
        t = self.totals()
        lines = [d.text() for d in self.documents]
        if t["unreadable"]:
            lines.append(f"无法读取：{t['unreadable']} 份")
        if t["with_gaps"]:
            lines.append(f"编号不连续：{t['with_gaps']} 份")
        if t["missed"]:
            lines.append(f"含责任表述但未抽取到责任主体（{len(t['missed'])} 份）：{'、'.join(t['missed'])}")
        lines.append(self.summary_line())
        return "\n".join(lines)


def document_files(directory: Path) -> list[Path]:
    """The files the loaders read, in name order; hidden files (partial writes) and the folder's
    README (a description of the folder, not one of its documents) are left out."""

    suffixes = set(formats.supported_suffixes())
    return sorted(p for p in Path(directory).iterdir()
                  if p.is_file() and p.suffix.lower() in suffixes and not p.name.startswith(".")
                  and p.stem.upper() != "README")


def read_folder(directory: Path) -> FolderHealth:
    """Read and parse every document file of ``directory`` (as the corpus loads them) and report."""

    names = read_names(Path(directory))
    reports = []
    for path in document_files(directory):
        try:
            text = formats.load_text(path)
            doc = load_document(path, names)
        except Exception as err:  # noqa: BLE001 - one unreadable file is reported, not fatal
            reports.append(DocHealth(path.name, path.name, error=str(err) or type(err).__name__))
            continue
        reports.append(doc_health(doc, text))
    return FolderHealth(tuple(reports))
