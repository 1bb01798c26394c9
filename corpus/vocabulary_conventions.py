"""Wording of conventions from other regions and levels (national 分工方案, provincial to street documents).

Data only, in the style of corpus/roles.py; the patterns that read these rows are generated where they are
used (corpus/headings.py, corpus/units.py, corpus/inline.py, corpus/parties.py). Split from
corpus/vocabulary.py, which is at its size limit.
"""

from __future__ import annotations

# A numbered entry written with a noun before its number: "任务1：…", "任务一：…", "事项3.", "措施2、".
ITEM_LABEL_NOUNS = ("任务", "事项", "措施", "举措")
