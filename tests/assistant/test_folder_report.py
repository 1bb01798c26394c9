"""`docbot inspect --summary DIR` (assistant/documents/folder_report.py): a folder's health, counted exactly."""

import json
import subprocess
import sys

import pytest

from assistant.documents.folder_report import responsibility_wording
from corpus.model import Document

PLAN = """关于印发2024年口岸工作要点的通知

一、重点任务（责任单位中列第一位者为牵头单位，下同）
1.推进口岸通关便利化改革。
牵头单位：区口岸办
配合单位：区税务局、区交建局
2.加强口岸队伍建设。（责任单位：区委组织部、区人社局）
4.开展口岸宣传活动，按职责分工负责落实。（责任单位：开展宣传的机关）
5.完善口岸应急预案。
"""
NOTICE = """关于做好春节期间值班工作的通知

节日期间要严格执行值班制度，确保通讯畅通。遇有重大情况及时报告。
"""
ROSTER = """关于成立防汛工作领导小组的通知

为加强防汛工作，成立领导小组，名单如下：
组  长：张三  区长
副组长：李四  副区长
成  员：王五  区水利局局长
"""


@pytest.mark.parametrize(("text", "found"), [
    ("1.推进改革。\n牵头单位：区口岸办\n", "牵头单位："),
    ("由区财政局牵头，各乡镇配合。", "区财政局牵头"),
    ("2.区财政局：负责资金保障。", "区财政局：负责"),
    ("各乡镇要负责辖区内排查。", "各乡镇要负责"),
    ("组  长：张三  区长\n", "组 长："),
    ("把好检疫关。（区经济发展局农业处）\n", "区经济发展局农业处）"),
    ("按照“谁主管谁负责”的原则。", "谁主管谁负责"),
    ("节日期间要严格执行值班制度。", ""),
    ("请各单位负责人于3月1日前到会。", ""),  # 负责人 is a noun
    ("联系人：张三，电话：12345678", ""),  # a contact, not a duty
    ("认真抓好落实，组织实施。", ""),  # plain verbs
])
def test_responsibility_wording(text, found):
    wording = responsibility_wording(Document(source="x.txt", title="", short_name=""), text)
    assert (found in wording) if found else wording == ""


def test_inspect_summary_counts(tmp_path):
    (tmp_path / "a.txt").write_text(PLAN, encoding="utf-8")
    (tmp_path / "b.txt").write_text(NOTICE, encoding="utf-8")
    (tmp_path / "c.md").write_text(ROSTER, encoding="utf-8")
    (tmp_path / "README.md").write_text("# 本文件夹的说明\n", encoding="utf-8")  # not a document
    (tmp_path / "bad.docx").write_bytes(b"PK\x03\x04 broken")
    r = subprocess.run([sys.executable, "-m", "bot.cli", "inspect", "--summary", "--json", str(tmp_path)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)
    docs = {d["source"]: d for d in report["documents"]}
    assert list(docs) == ["a.txt", "b.txt", "bad.docx", "c.md"]
    a = docs["a.txt"]
    assert (a["items"], a["with_parties"], a["missed"]) == (4, 2, False)  # the phrase is refused as a party
    assert [u["party"] for u in a["unrecognised"]] == ["开展宣传的机关"]
    assert a["unrecognised"][0]["reason"].startswith("含“")
    assert [len(p["gaps"]) for p in a["parts"]] == [1] and "第2项之后是第4项" in a["parts"][0]["gaps"][0]
    assert a["lead_rules"] and "列第一位者为牵头单位" in a["lead_rules"][0]
    assert (docs["b.txt"]["items"], docs["b.txt"]["wording"], docs["b.txt"]["missed"]) == (0, "", False)
    # a roster names people: its paragraph is an item whose parties are the 组长 and members
    assert docs["c.md"]["wording"] and docs["c.md"]["missed"] is False and docs["c.md"]["with_parties"] == 1
    assert docs["bad.docx"]["error"]
    t = report["totals"]
    assert (t["documents"], t["unreadable"], t["with_wording"], t["yielding"], t["items"], t["items_with_parties"],
            t["unrecognised"], t["with_gaps"], t["missed"]) == (4, 1, 2, 2, 5, 3, 1, 1, [])

    r = subprocess.run([sys.executable, "-m", "bot.cli", "inspect", "--summary", str(tmp_path)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[-1] == "合计：4 份文件，2 份含责任表述，其中 2 份（100%）抽取到责任主体；条目 5（有责任主体 3）；未识别名称 1"
    assert "  未识别名称：开展宣传的机关（含“的”）" in lines


def test_inspect_file_and_folder_are_not_confused(tmp_path):
    (tmp_path / "a.txt").write_text(PLAN, encoding="utf-8")
    folder = subprocess.run([sys.executable, "-m", "bot.cli", "inspect", str(tmp_path)],
                            capture_output=True, text=True, timeout=120)
    assert folder.returncode == 2 and "--summary" in folder.stderr
    file = subprocess.run([sys.executable, "-m", "bot.cli", "inspect", "--summary", str(tmp_path / "a.txt")],
                          capture_output=True, text=True, timeout=120)
    assert file.returncode == 2 and "找不到文件夹" in file.stderr


def test_a_person_a_roster_names_by_post_is_no_unrecognised_name():
    """"组 长：庄 亮 党委委员": the post vouches for the name (a surname outside the common list); a phrase the
    recogniser refused is still listed."""
    from assistant.documents.folder_report import doc_health
    from corpus.parse import parse_document

    text = ("关于成立督查专班的通知\n决定成立督查专班，名单如下：\n组 长：庄 亮 党委委员\n副组长：颜 平 局长助理\n"
            "二、工作要求\n1.按照实施方案，协调各项目业主单位组织实施。\n")
    unrecognised = [p for p, _ in doc_health(parse_document(text, "x.txt"), text).unrecognised]
    assert "庄亮" not in unrecognised and "颜平" not in unrecognised
