"""The `docbot` CLI as a user runs it, over the real corpus: in this process (the ``docbot`` fixture,
tests/support/cli.py) except the smoke tests that need a real process (exit code, cold imports)."""

import io
import json
import os
import subprocess
import sys

import pytest

# docbot ask/chat --json (assistant/questions/render.py render_json): the rendered text and the answer's fields
JSON_KEYS = {"question", "intent", "found", "answer", "blocks", "citations", "choices", "more", "parties"}


def real_docbot(*args, stdin=None, env=None):
    return subprocess.run([sys.executable, "-m", "bot.cli", *args], input=stdin, capture_output=True,
                          text=True, timeout=120, env=env)


def test_a_real_process_answers_and_exits_0_or_2():
    r = real_docbot("ask", "--json", "越秀工作要点第17项谁牵头？")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["found"] is True
    bad = real_docbot("nonsense")
    assert bad.returncode == 2 and "用法错误" in bad.stderr


def test_ask_json_schema(docbot):
    r = docbot("ask", "--json", "越秀工作要点第17项谁牵头？")
    assert r.returncode == 0, r.stderr
    obj = json.loads(r.stdout)
    assert set(obj) == JSON_KEYS
    assert obj["found"] is True and obj["intent"] == "lead"
    c = obj["citations"][0]
    assert set(c) == {"document", "source", "locator", "text", "score", "part", "item", "kind"}
    # item 17 names no lead of its own: the answer says so, then who answers jointly and who co-operates
    assert [p["role"] for p in obj["parties"]] == ["no_lead", "shared", "cooperate"]
    assert obj["parties"][2] == {"role": "cooperate", "units": ["各街道"]}
    assert obj["blocks"] and "来源" not in "".join(obj["blocks"]) and obj["more"] is None
    assert c["document"] == "越秀工作要点" and c["locator"] == "第17项"
    assert c["part"] == "正文" and c["item"] == 17  # structured, so no channel re-reads the locator
    assert c["source"] == "yuexiu-2018-party-political-life-work-points.txt"
    assert "区民政局" in c["text"]


def test_ask_json_stdin_one_object_per_line_in_order(docbot):
    questions = ["第3项谁牵头", "", "苏佩联系哪个社区", "😀", "区审计局要配合哪些事"]
    r = docbot("ask", "--json", "-", stdin="\n".join(questions) + "\n")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert [json.loads(x)["question"] for x in lines] == questions
    assert [json.loads(x)["found"] for x in lines] == [True, False, True, False, True]


def test_ask_human_cites_source(docbot):
    r = docbot("ask", "东湖新村社区由哪位区领导挂点")
    assert r.returncode == 0
    assert "黄仰辉" in r.stdout and "胡仲华" in r.stdout and "来源：越秀工作要点 附件1" in r.stdout


# What a cold structured `docbot ask` must not import: the dense stack, the keyword index, the store
# library (sqlite-utils imports numpy), Telegram, and, once the data dir caches the parsed corpus
# (assistant/documents/corpus_cache.py), the parser itself and the other commands' modules.
NOT_ON_THE_STRUCTURED_PATH = (
    "torch", "sentence_transformers", "transformers", "jieba", "faiss", "bm25s", "numpy", "scipy", "sqlite_utils",
    "sqlite3", "telegram", "httpx", "index.searcher", "index.tokenize", "corpus.parse", "corpus.loaders_office",
    "assistant.questions.search_answers", "tomllib", "bot.commands.run", "bot.commands.records_cli",
    # stdlib and small libraries that cost a cold answer milliseconds for nothing (docs/benchmarks.md)
    "rapidfuzz", "importlib.metadata", "email", "tempfile", "pkgutil",
)  # zoneinfo is allowed: the one router reads the configured local time for records questions (~2.5 ms)


def test_structured_answer_never_imports_heavy_libraries(tmp_path, docbot):
    env = {**os.environ, "DOCBOT_EMBEDDING_MODEL": "BAAI/bge-small-zh-v1.5",  # the default: dense search on
           "DOCBOT_DATA_DIR": str(tmp_path)}
    assert docbot("ask", "第3项谁牵头", env={"DOCBOT_DATA_DIR": str(tmp_path)}).returncode == 0  # fills the cache
    code = ("import sys; from bot.cli import main; main(['ask', '--json', '第17项谁牵头']);"
            f"print('HEAVY', [m for m in {NOT_ON_THE_STRUCTURED_PATH!r} if m in sys.modules])")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout.splitlines()[0])["found"] is True
    assert r.stdout.strip().splitlines()[-1] == "HEAVY []"


def test_docs_lists_documents_with_counts(docbot):
    r = docbot("docs", "--json")
    rows = {d["short_name"]: d for d in json.loads(r.stdout)}
    assert rows["越秀工作要点"]["items"] == 37
    assert rows["党内监督工作方案"]["items"] == 35
    assert rows["洛阳机关党建意见"]["items"] == 60
    assert rows["海珠城管三年行动"]["items"] == 22


def test_item_command(docbot):
    r = docbot("item", "洛阳", "十四")
    assert r.returncode == 0 and "中心组成员每年撰写学习体会不少于2篇" in r.stdout


@pytest.mark.parametrize("args", [["ask"], ["item", "洛阳"], ["item", "洛阳", "abc"], ["nonsense"]])
def test_usage_errors_exit_2(args, docbot):
    r = docbot(*args)
    assert r.returncode == 2
    assert "用法错误" in (r.stderr + r.stdout)


def test_chat_with_piped_stdin(docbot):
    r = docbot("chat", stdin="第3项谁牵头\n\n退出\n")
    assert r.returncode == 0 and "区委组织部" in r.stdout


def test_chat_json_keeps_the_context_across_lines(docbot):
    lines = ["工作要点第17项谁牵头", "那第18项呢", "配合单位呢", "苏佩联系哪个社区", "那他还联系哪些", "谢谢", "/docs", ""]
    r = docbot("chat", "--json", stdin="\n".join(lines) + "\n")
    assert r.returncode == 0, r.stderr
    objs = [json.loads(line) for line in r.stdout.splitlines()]
    assert [o["question"] for o in objs] == lines  # one object per input line, in order
    assert objs[-1]["intent"] == "invalid" and not objs[-1]["found"]
    assert all(set(o) == JSON_KEYS for o in objs)  # as ask --json
    assert "越秀工作要点 第18项" in objs[1]["answer"] and "洛阳" not in objs[1]["answer"]
    assert objs[2]["intent"] == "cooperate" and "各街道" in objs[2]["answer"]
    assert "北京街" in objs[4]["answer"] and objs[4]["intent"] == "leader_points"
    assert objs[5]["intent"] == "smalltalk" and not objs[5]["citations"]
    assert "共收录" in objs[6]["answer"]


def test_assign_shows_in_ask_and_chat(tmp_path, docbot):
    # one source of truth: the store's contact-point table, seeded from the documents, edited by assign
    env = {"DOCBOT_DATA_DIR": str(tmp_path)}
    assert docbot("assign", "苏佩", "community", "五羊社区", env=env).returncode == 0
    r = docbot("ask", "五羊社区由哪位区领导挂点", env=env)
    assert "王焕清" in r.stdout and "苏佩" in r.stdout and "已调整" in r.stdout
    r = docbot("chat", "--json", stdin="苏佩联系哪些社区\n", env=env)
    assert "五羊社区" in json.loads(r.stdout)["answer"]


def test_ask_with_a_store_reads_it_without_the_store_library(tmp_path, docbot):
    # `docbot ask` reads the edited contact table through a read-only stdlib connection: no sqlite-utils
    # (which imports numpy), no migration check, and the store file is left exactly as it was
    env = {**os.environ, "DOCBOT_DATA_DIR": str(tmp_path), "DOCBOT_EMBEDDING_MODEL": "BAAI/bge-small-zh-v1.5"}
    assert docbot("assign", "苏佩", "community", "五羊社区", env={"DOCBOT_DATA_DIR": str(tmp_path)}).returncode == 0
    db = tmp_path / "docbot.sqlite3"
    before = db.read_bytes()
    code = ("import sys; from bot.cli import main; main(['ask', '五羊社区由哪位区领导挂点']);"
            "heavy = [m for m in ('sqlite_utils', 'numpy', 'torch', 'jieba', 'telegram') if m in sys.modules];"
            "print('HEAVY', heavy)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env)
    assert r.returncode == 0, r.stderr
    assert "苏佩" in r.stdout and "已调整" in r.stdout
    assert r.stdout.strip().splitlines()[-1] == "HEAVY []"
    assert db.read_bytes() == before


ISSUE_EXAMPLES = [  # (question, a string the answer must hold); one terminal conversation, in order
    ("第十九項誰牽頭", "区委组织部"),  # no document named, no context yet: every document's item 19
    ("工作要点第17项谁牵头", "区民政局"), ("那第18项呢", "越秀工作要点 第18项"),
    ("苏佩联系哪个社区", "都府社区"), ("那他还联系哪些", "培正集团"),
    ("监督方案第8项谁牵头", "区委组织部"), ("那第9项呢", "党内监督工作方案 第9项"), ("更多", "第9项"),
    ("监督放案第32项谁牵投", "区纪委"),
    ("检查考核啥时候搞", "12 月下旬"), ("自查报告啥时候交", "12 月 25 日"), ("整改期限是多久", "1个月"),
    ("谢谢", "不客气"), ("你好", "党建文件助手"), ("/docs", "共收录"), ("/help", "可以这样问"),
    ("顺丰速运党支部是哪位领导联系的", "郭环"), ("七中由哪位区领导挂点", "王焕清"),
    ("考核得了80分是什么等次", "良好"), ("区级领导挂点联系的社区有几个", "共18个"),
    ("组织部牵头几项？只要数字", "22"), ("各文件对专职党务干部配备比例有什么要求", "洛阳机关党建意见"),
    ("东湖新村社区多久督导一次", "每季度"), ("东湖新村社区督导频率", "每季度"), ("东湖新邨社区由哪位区领导挂点", "黄仰辉"),
]


def test_every_issue_example_in_the_terminal_chat(docbot):
    r = docbot("chat", "--json", stdin="\n".join(q for q, _ in ISSUE_EXAMPLES) + "\n")
    assert r.returncode == 0, r.stderr
    answers = [json.loads(line) for line in r.stdout.splitlines()]
    assert len(answers) == len(ISSUE_EXAMPLES)
    for (question, expected), answer in zip(ISSUE_EXAMPLES, answers, strict=True):
        assert expected in answer["answer"], (question, answer["answer"][:200])
    assert "谢伟光" not in answers[12]["answer"] and "洛阳" not in answers[2]["answer"]
    assert "洛阳机关党建意见 第19项" in answers[0]["answer"]


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_interactive_chat_answers_by_keywords_while_semantic_search_is_prepared(tmp_path, monkeypatch, capsys):
    """An empty data dir at a terminal: the first free question does not wait for the corpus to be encoded
    (minutes); keyword search answers and the chat says once, in plain words, what is being prepared."""
    from bot.cli import main
    from bot.commands.chat import PREPARING
    from index import searcher as searcher_mod
    from index import warmup as warmup_mod
    from tests.index.test_keywords_first import HeldEmbedder

    emb, opened, real = HeldEmbedder(), [], searcher_mod.open_searcher
    monkeypatch.setattr(warmup_mod, "ensure_loadable", lambda name: None)
    monkeypatch.setattr(warmup_mod, "load_embedder", lambda name, model_id=None: emb)
    monkeypatch.setattr(searcher_mod, "open_searcher", lambda *a, **k: opened.append(real(*a, **k)) or opened[-1])
    monkeypatch.setenv("DOCBOT_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("DOCBOT_EMBEDDING_MODEL", "local/zh-model")
    monkeypatch.setattr(sys, "stdin", _Terminal("干部被人诬告了以后怎么恢复名誉\n民主生活会一年开几次\n退出\n"))
    try:
        assert main(["chat"]) == 0
    finally:
        emb.gate.set()
    out = capsys.readouterr().out
    assert out.count(PREPARING) == 1 and out.count("问> ") == 3
    assert opened[0].wait_dense(60) and opened[0].min_cosine is not None  # the background work completes


def test_help_before_a_command_lists_every_command(docbot):
    # `docbot ask …` builds only the ask command's parser; a help request before the command still
    # lists them all, and a command registered by a module of another name still parses
    r = docbot("--help", "ask")
    assert r.returncode == 0 and "visits" in r.stdout and "status" in r.stdout and "ask" in r.stdout
    assert docbot("ask", "--help").stdout.startswith("用法：docbot ask")  # the help is Chinese
    assert docbot("visits", "--help").returncode == 0
