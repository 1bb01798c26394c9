"""Unit-name aliases (corpus/unit_aliases.txt): 区委办 ↔ 区委办公室, nothing more.

Normalisation is for matching only: ``canonical`` returns the alias file's first spelling for a
known synonym and the name itself (markup stripped) otherwise, so distinct units never merge.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from corpus.text import normalize_for_match, strip_markup


@dataclass(frozen=True)
class UnitAliases:
    groups: tuple[tuple[str, ...], ...] = ()  # canonical spelling first
    _index: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        for i, group in enumerate(self.groups):
            for name in group:
                self._index.setdefault(normalize_for_match(name), i)

    @classmethod
    def from_lines(cls, lines) -> UnitAliases:
        groups = []
        for line in lines:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            names = tuple(n.strip() for n in line.split("=") if n.strip())
            if names:
                groups.append(names)
        return cls(tuple(groups))

    def canonical(self, name: str) -> str:
        clean = strip_markup(name).strip()
        i = self._index.get(normalize_for_match(clean))
        return self.groups[i][0] if i is not None else clean

    def key(self, name: str) -> str:
        """A match key: equal for two spellings of the same unit."""
        return normalize_for_match(self.canonical(name))

    def same(self, a: str, b: str) -> bool:
        return bool(a and b) and self.key(a) == self.key(b)

    def spellings(self, name: str) -> tuple[str, ...]:
        """Every known spelling of a unit (just the name when it has no aliases)."""
        i = self._index.get(normalize_for_match(strip_markup(name)))
        return self.groups[i] if i is not None else (strip_markup(name).strip(),)


def load_unit_aliases(path: str | Path) -> UnitAliases:
    p = Path(path)
    if not p.is_file():
        return UnitAliases()
    return UnitAliases.from_lines(p.read_text(encoding="utf-8-sig").splitlines())
