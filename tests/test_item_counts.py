"""`docbot inspect` and `docbot docs` agree on item counts for the same file (issue 19, item 4): both
show every item and task paragraph, and the numbered main-text items among them."""

import json
import re

from corpus import BUNDLED_DIR


def test_inspect_and_docs_agree_on_item_counts(docbot):
    docs = docbot("docs")
    rows = {d["source"]: d for d in json.loads(docbot("docs", "--json").stdout)}
    assert len(rows) >= 5
    for source, row in rows.items():
        inspected = docbot("inspect", str(BUNDLED_DIR / source))
        report = json.loads(docbot("inspect", str(BUNDLED_DIR / source), "--json").stdout)
        count = re.search(r"条目：(.+?)，", inspected.stdout).group(1)
        assert f"{row['short_name']}：" in docs.stdout
        line = next(x for x in docs.stdout.splitlines() if x.startswith(f"· {row['short_name']}："))
        assert count in line, (count, line)
        assert report["items"] == row["all_items"]
