"""Regroup modules into packages by responsibility: `python tools/regroup.py [--check]` from the repo root.

The move is data (``MODULES``: old dotted module → new dotted module) and this script applies it:

1. ``git mv`` each old module (or package) that still exists to its new place, creating the new packages
   with an ``__init__.py`` that says what the package holds (``PACKAGES``);
2. rewrites every reference to a moved module in every tracked text file (Python, Markdown, TOML,
   Makefile, Dockerfile, CI scripts, …): dotted names (imports, ``monkeypatch.setattr("a.b.c", …)``
   targets, ``-m a.b``, ``HANDLER_MODULES`` strings), ``from package import module`` imports (split per
   new package; when the module's own name changed, its uses in that file are renamed too, or it is
   imported ``as`` the old name where the new one would collide), and file paths (``assistant/x.py``);
3. renames the symbols in ``SYMBOLS`` (a function whose name said too little) where they are defined,
   imported and used;
4. sorts the imports of the files it changed (ruff's isort rule).

It works by module mapping, not by a list of files, so it can be run again on a tree that gained new
imports of the old modules (a merged branch): it is idempotent, and a second run changes nothing. A
module a branch added directly under assistant/ needs a line in ``MODULES`` (tests/test_regroup.py
fails while one is there); entries for modules this tree does not have are skipped.
CHANGELOG.md keeps the names as they were when each line was written. ``--check`` exits 1 when the tree
still refers to an old module (nothing is changed).
"""

from __future__ import annotations

import argparse
import ast
import io
import re
import shutil
import subprocess
import sys
import tokenize
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# old dotted module -> new dotted module
MODULES: dict[str, str] = {
    # questions: from a question's text to an Answer value
    "assistant.router": "assistant.questions.router",
    "assistant.frames": "assistant.questions.frames",
    "assistant.answers": "assistant.questions.answer",
    "assistant.render": "assistant.questions.render",
    "assistant.ask": "assistant.questions.ask",
    "assistant.answering": "assistant.questions.frame_answers",
    "assistant.intents": "assistant.questions.intents",
    "assistant.structured": "assistant.questions.item_answers",
    "assistant.duty_text": "assistant.questions.duty_text",
    "assistant.contact_answers": "assistant.questions.contact_answers",
    "assistant.compute": "assistant.questions.computed_answers",
    "assistant.search_answer": "assistant.questions.search_answers",
    "assistant.basic_answers": "assistant.questions.basic_answers",
    "assistant.smalltalk": "assistant.questions.smalltalk",
    "assistant.roster_answer": "assistant.questions.roster_answers",  # on a branch (issue 16) when this was written
    "assistant.section_answer": "assistant.questions.section_answers",  # a question naming a section by its title
    "assistant.examples": "assistant.questions.examples",
    # conversation: what a follow-up continues
    "assistant.conversation": "assistant.conversation.context",
    "assistant.followups": "assistant.conversation.followups",
    # documents: which document, what it holds, adding one
    "assistant.docnames": "assistant.documents.names",
    "assistant.knowledge": "assistant.documents.knowledge",
    "assistant.item_lookup": "assistant.documents.item_numbers",
    "assistant.units_index": "assistant.documents.units_index",
    "assistant.contacts": "assistant.documents.contact_tables",
    "assistant.corpus_cache": "assistant.documents.corpus_cache",
    "assistant.uploads": "assistant.documents.uploads",
    "assistant.sandbox": "assistant.documents.sandbox",
    "assistant.doc_report": "assistant.documents.report",
    "assistant.folder_report": "assistant.documents.folder_report",
    # user_input: what people type, cleaned and parsed strictly
    "assistant.normalise": "assistant.user_input.normalise",
    "assistant.numbers": "assistant.user_input.numbers",
    "assistant.cleaning": "assistant.user_input.cleaning",
    # records: the contact-point table joins the records package that edits it
    "assistant.contact_source": "assistant.records.contact_source",
    # storage: one store, SQLite or PostgreSQL, and its migrations
    "assistant.store": "assistant.storage.store",
    "assistant.database": "assistant.storage.backend",
    "assistant.pg_store": "assistant.storage.postgres",
    "assistant.pg_migrate": "assistant.storage.postgres_migrations",
    "assistant.schema": "assistant.storage.schema",
    "assistant.migrations": "assistant.storage.migrations",
    # operations: running the bot (who may use it, inbox/outbox, several workers, health, data dir)
    "assistant.access": "assistant.operations.access",
    "assistant.inbox": "assistant.operations.inbox",
    "assistant.outbox": "assistant.operations.outbox",
    "assistant.shared_inbox": "assistant.operations.shared_inbox",
    "assistant.shared_outbox": "assistant.operations.shared_outbox",  # on a branch when this was written
    "assistant.health": "assistant.operations.health",
    "assistant.layout": "assistant.operations.data_dir",
    # evaluation: `docbot eval`
    "assistant.evaluation": "assistant.evaluation.question_sets",
    "assistant.eval_compare": "assistant.evaluation.compare",
    "assistant.dialogues": "assistant.evaluation.dialogues",
    # Telegram's records handlers, named by what they hold
    "handlers.records": "handlers.records.notes",
    "handlers.records_cmds": "handlers.records.visit_commands",
    "handlers.records_more": "handlers.records.calendar_commands",
    "handlers.records_common": "handlers.records.runtime",
}

# new package -> its __init__ docstring
PACKAGES: dict[str, str] = {
    "assistant.questions": "From a question's text to an Answer value: the router, its frames, one module per kind of "
                           "answer, the renderers.",
    "assistant.conversation": "What a follow-up continues: the conversation context and the follow-up recogniser.",
    "assistant.documents": "The documents: which one a question names, what each holds (items, units, contact "
                           "tables), the cached corpus, and adding one from an upload.",
    "assistant.user_input": "What people type: normalised, cleaned of control characters, numbers parsed strictly.",
    "assistant.storage": "The store: SQLite (default) or PostgreSQL behind one API, and its numbered migrations.",
    "assistant.operations": "Running the bot: access roles, the durable inbox and outbox, several workers, health, "
                            "the data directory.",
    "assistant.evaluation": "`docbot eval`: question sets and dialogues graded on the answers' fields.",
    "handlers.records": "Telegram's records handlers: visit notes, the records commands and their shared runtime.",
}

# old modules that are packages (their folder paths are rewritten too)
_PACKAGE_MOVES = {"assistant.migrations"}

# (new module, old name) -> new name: functions whose name said too little
SYMBOLS: dict[tuple[str, str], str] = {
    ("assistant.documents.names", "norm"): "name_key",
    ("index.tokenize", "normalize"): "fold_for_search",
}

TEXT_SUFFIXES = {".py", ".md", ".toml", ".txt", ".cfg", ".ini", ".yml", ".yaml", ".sh", ".json"}
TEXT_NAMES = {"Makefile", "Dockerfile", "run", ".dockerignore", ".gitignore"}
SKIP = {"CHANGELOG.md", "tools/regroup.py", "tests/test_regroup.py"}  # the map itself, its tests, history
SKIP_DIRS = ("eval/", "corpus/documents/", "tests/fixtures/")


def path_of(module: str) -> Path:
    return ROOT.joinpath(*module.split("."))


def exists(module: str) -> Path | None:
    base = path_of(module)
    if base.with_suffix(".py").is_file():
        return base.with_suffix(".py")
    if (base / "__init__.py").is_file():
        return base
    return None


def validate() -> None:
    new = set(MODULES.values())
    if new & set(MODULES):
        raise SystemExit(f"a new name is also an old one: {new & set(MODULES)}")
    for old, target in MODULES.items():
        if old.split(".")[0] != target.split(".")[0]:
            raise SystemExit(f"{old} → {target} changes the top-level package")
    for module, _ in SYMBOLS:
        if module in MODULES:
            raise SystemExit(f"SYMBOLS names {module} by its old name")


# ---------------------------------------------------------------- moving files


def git(*args: str) -> None:
    subprocess.run(["git", *args], cwd=ROOT, check=True)


def move_files() -> None:
    for package, doc in PACKAGES.items():
        init = path_of(package) / "__init__.py"
        if not init.exists():
            init.parent.mkdir(parents=True, exist_ok=True)
            init.write_text(f'"""{doc}"""\n', encoding="utf-8")
            git("add", str(init.relative_to(ROOT)))
    for old, new in MODULES.items():
        src = exists(old)
        if src is None or (src.is_dir() and src == path_of(new).parent):
            continue  # already moved
        dst = path_of(new)
        if src.suffix == ".py":
            dst = dst.with_suffix(".py")
        if dst.is_dir() and all(f.name == "__pycache__" or "__pycache__" in f.parts for f in dst.rglob("*")):
            shutil.rmtree(dst)  # only bytecode left there by an earlier run's tests
        if dst.exists():
            raise SystemExit(f"both {src} and {dst} exist: merge them by hand first")
        dst.parent.mkdir(parents=True, exist_ok=True)
        git("mv", str(src.relative_to(ROOT)), str(dst.relative_to(ROOT)))
        pycache = src.parent / "__pycache__"
        for stale in pycache.glob(f"{src.stem}.*.pyc") if src.suffix == ".py" else ():
            stale.unlink()


# ---------------------------------------------------------------- rewriting text

_NEW_MODULES = set(MODULES.values()) | set(PACKAGES)
_DOTTED = re.compile(r"(?<![\w.])(" + "|".join(re.escape(m) for m in sorted(MODULES, key=len, reverse=True))
                     + r")(?!\w)(\.\w+)?")


def rewrite_dotted(text: str) -> str:
    def sub(m: re.Match) -> str:
        old, rest = m.group(1), m.group(2) or ""
        if rest and f"{old}{rest}" in _NEW_MODULES:  # already the new module (old name is now its package)
            return m.group(0)
        after = re.match(r"[ \t]+import[ \t]+\(?\s*(\w+)", m.string[m.end():])
        if not rest and after and f"{old}.{after.group(1)}" in _NEW_MODULES:  # from <new package> import …
            return m.group(0)
        return MODULES[old] + rest

    return _DOTTED.sub(sub, text)


def _path_forms() -> list[tuple[re.Pattern, str]]:
    forms = []
    for old, new in sorted(MODULES.items(), key=lambda kv: -len(kv[0])):
        o, n = old.replace(".", "/"), new.replace(".", "/")
        forms.append((re.compile(rf"(?<![\w/.]){re.escape(o)}\.py\b"), f"{n}.py"))
        if old in _PACKAGE_MOVES:
            forms.append((re.compile(rf"(?<![\w/.]){re.escape(o)}/(?=[\w*])"), f"{n}/"))
    return forms


_PATHS = _path_forms()


def rewrite_paths(text: str) -> str:
    for pattern, new in _PATHS:
        text = pattern.sub(new, text)
    return text


_PARENTS = sorted({old.rpartition(".")[0] for old in MODULES}, key=len, reverse=True)
_FROM = re.compile(r"(?<![\w.])from[ \t]+(?P<pkg>" + "|".join(re.escape(p) for p in _PARENTS)
                   + r")[ \t]+import[ \t]+(?P<names>\([^)]*\)|[^\n;#\"')]+)")


def rewrite_from_imports(text: str, renamed: list[tuple[str, str]]) -> str:
    """``from assistant import a, b as c`` where assistant.a moved: one import per package. A module whose
    own name changed is imported under its old name here; ``rename_aliases`` then renames its uses."""

    def sub(m: re.Match) -> str:
        pkg, raw = m.group("pkg"), m.group("names")
        names = [n.split("#")[0].strip() for n in raw.strip().strip("()").replace("\n", ",").split(",")]
        groups: dict[str, list[str]] = {}
        moved = False
        for entry in filter(None, names):
            name, _, alias = (p.strip() for p in entry.partition(" as "))
            if f"{pkg}.{name}" in MODULES:
                moved = True
                parent, _, base = MODULES[f"{pkg}.{name}"].rpartition(".")
                local = alias or name
                groups.setdefault(parent, []).append(base if base == local else f"{base} as {local}")
                if base != local and not alias:
                    renamed.append((name, base))
            else:
                groups.setdefault(pkg, []).append(entry)
        if not moved:
            return m.group(0)
        prefix = m.string[m.string.rfind("\n", 0, m.start()) + 1 : m.start()]
        joiner = "\n" + prefix if not prefix.strip() else "; "
        tail = raw[len(raw.rstrip()):] if not raw.startswith("(") else ""
        return joiner.join(f"from {p} import {', '.join(ns)}" for p, ns in groups.items()) + tail

    return _FROM.sub(sub, text)


def _tokens(text: str) -> list[tokenize.TokenInfo] | None:
    try:
        return list(tokenize.generate_tokens(io.StringIO(text).readline))
    except (tokenize.TokenError, SyntaxError, IndentationError):
        return None


def rename_names(text: str, old: str, new: str, *, attribute_of: str | None = None) -> str | None:
    """Rename the Python name ``old`` to ``new`` (not attributes of other objects, not keyword arguments;
    with ``attribute_of``, also ``<attribute_of>.old``). None when ``new`` is already a name in the file."""
    tokens = _tokens(text)
    if tokens is None:
        return None
    significant = [t for t in tokens if t.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT,
                                                       tokenize.INDENT, tokenize.DEDENT)]
    spots = []
    for i, t in enumerate(significant):
        if t.type != tokenize.NAME or t.string != old:
            continue
        before = significant[i - 1] if i else None
        after = significant[i + 1] if i + 1 < len(significant) else None
        if before is not None and before.string == ".":
            owner = significant[i - 2].string if i >= 2 else ""
            if attribute_of is None or owner != attribute_of:
                continue
        if after is not None and after.string == "=" and before is not None and before.string in ("(", ","):
            continue  # keyword argument
        spots.append(t.start)
    if not spots:
        return text
    for i, t in enumerate(significant):  # "import new as old" is the import being renamed, not a collision
        aliased = significant[i + 1 : i + 3]
        if t.type == tokenize.NAME and t.string == new and [a.string for a in aliased] != ["as", old]:
            return None
    lines = text.splitlines(keepends=True)
    for row, col in sorted(spots, reverse=True):
        line = lines[row - 1]
        lines[row - 1] = line[:col] + new + line[col + len(old):]
    return "".join(lines)


def rename_aliases(text: str, renamed: list[tuple[str, str]]) -> str:
    """After ``from pkg import new as old``: rename ``old`` to ``new`` in the file when no name collides."""
    for old, new in renamed:
        done = rename_names(text, old, new)
        if done is not None:
            text = re.sub(rf"\b{re.escape(new)} as {re.escape(new)}\b", new, done)
    return text


def _imports_name(text: str, owner: str, name: str) -> bool:
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return False
    return any(isinstance(node, ast.ImportFrom) and node.module == owner and not node.level
               and any(a.name == name and a.asname is None for a in node.names) for node in ast.walk(tree))


def rename_symbols(text: str, path: Path) -> str:
    module = ".".join(path.relative_to(ROOT).with_suffix("").parts) if path.suffix == ".py" else None
    for (owner, old), new in SYMBOLS.items():
        short = owner.rpartition(".")[2]
        if path.suffix == ".py" and (module == owner or _imports_name(text, owner, old)):
            done = rename_names(text, old, new, attribute_of=short)
            if done is None:
                raise SystemExit(f"{path}: cannot rename {old} → {new}: {new} is already a name there")
            text = re.sub(rf"(?<![\w.]){old}\(\)", f"{new}()", done)  # "norm()" in comments too
        # owner.old and <module>.old (module objects, monkeypatch targets, docs)
        text = re.sub(rf"(?<![\w.])({re.escape(owner)}|{re.escape(short)})\.{old}\b", rf"\1.{new}", text)
    return text


def text_files() -> list[Path]:
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, check=True, capture_output=True).stdout
    out = []
    for name in listed.decode().split("\0"):
        if not name or name in SKIP or (name.startswith(SKIP_DIRS) and not name.endswith(".py")):  # eval/*.py is code
            continue
        path = ROOT / name
        if path.is_file() and (path.suffix in TEXT_SUFFIXES or path.name in TEXT_NAMES):
            out.append(path)
    return out


def rewrite(text: str, path: Path) -> str:
    renamed: list[tuple[str, str]] = []
    text = rewrite_from_imports(text, renamed)
    text = rewrite_dotted(text)
    text = rewrite_paths(text)
    if path.suffix == ".py" and renamed:
        text = rename_aliases(text, renamed)
    return rename_symbols(text, path)


def stale_references() -> list[str]:
    found = []
    for path in text_files():
        text = path.read_text(encoding="utf-8")
        if rewrite(text, path) != text:
            found.append(str(path.relative_to(ROOT)))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="only report files that still refer to old modules")
    args = parser.parse_args()
    validate()
    if args.check:
        stale = [str(p.relative_to(ROOT)) for m in MODULES if (p := exists(m)) and p != path_of(MODULES[m]).parent]
        stale += stale_references()
        print("\n".join(stale))
        return 1 if stale else 0
    move_files()
    changed = []
    for path in text_files():
        text = path.read_text(encoding="utf-8")
        new = rewrite(text, path)
        if new != text:
            path.write_text(new, encoding="utf-8")
            changed.append(path)
    python = [str(p) for p in changed if p.suffix == ".py"]
    ruff = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
    if python and Path(ruff).exists():
        subprocess.run([ruff, "check", "--select", "I", "--fix", "--quiet", *python], cwd=ROOT, check=False)
    print(f"{len(changed)} files rewritten")
    return 0


if __name__ == "__main__":
    sys.exit(main())
