"""Mechanical check of the breadth7 and breadth7_aside questions (see README.md and eval/set_check.py).
Run from the repository root: python3 eval/breadth7/check.py
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # eval/, run as a script
from set_check import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main([Path("eval/breadth7"), Path("eval/breadth7_aside")], "i"))
