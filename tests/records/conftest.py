"""Records fixtures: a hand-built contact-point table in the shape of 越秀工作要点 附件1 (so these tests
do not depend on the parser), a real store seeded from it (a SQLite file and a PostgreSQL schema), and the rules from the bundled corpus."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from assistant.records.leaders import seed
from assistant.records.rules import load_rules
from assistant.storage.store import open_db
from corpus import BUNDLED_DIR
from corpus.model import Row, Table

TZ = ZoneInfo("Asia/Shanghai")
HEADERS = ("序号", "区级班子党员领导干部", "街道", "部门", "社区党建联系点", "“两新”组织党组织联系点", "学校")
ROWS = [
    ("1", "王焕清", "东山街", "区教育局", "五羊社区", "广州海印实业集团有限公司党委", "第七中学、东风东路小学"),
    ("2", "苏佩", "北京街", "区卫计局", "都府社区", "广州市时代控股集团有限公司党委", "培正集团"),
    ("7", "陈晓丹", "农林街", "区文广新局", "执信南路社区", "广州市东恒经济发展有限公司党支部", "华侨外国语学校、瑶台小学"),
    ("15", "黄永青", "光塔街", "区安监局", "怡乐里社区", "", "市满族学校"),
    ("18", "邹春燕", "农林街", "区档案局", "执信南路社区", "", "朝天小学"),
]


def make_table(rows=ROWS) -> Table:
    return Table(title="区级班子党员领导干部挂点联系督导加强和规范党内政治生活情况表", headers=HEADERS,
                 rows=tuple(Row(i + 1, tuple(zip(HEADERS, r, strict=True))) for i, r in enumerate(rows)),
                 part="附件1")


def at(*args) -> datetime:
    return datetime(*args, tzinfo=TZ)


@pytest.fixture(scope="session")
def rules():
    return load_rules(BUNDLED_DIR)


@pytest.fixture
def db(store_target):
    """The seeded store, once per backend (SQLite file, PostgreSQL schema: tests/conftest.py)."""
    database = open_db(store_target)
    seed(database, [("越秀工作要点", make_table())], now=at(2026, 11, 1, 8))
    yield database
    database.close()
