"""Dependencies point one way: bot → handlers → assistant → index → corpus. Nothing below handlers/
imports telegram (checked on the source, so lazy imports inside functions count too)."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BELOW = {"assistant": {"handlers", "bot", "telegram"}, "index": {"assistant", "handlers", "bot", "telegram"},
         "corpus": {"index", "assistant", "handlers", "bot", "telegram"}, "handlers": {"bot"}}


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize("package", sorted(BELOW))
def test_no_upward_imports(package):
    bad = {str(p.relative_to(ROOT)): sorted(_imports(p) & BELOW[package])
           for p in (ROOT / package).rglob("*.py")}
    assert not {k: v for k, v in bad.items() if v}
