"""Mechanical check of the breadth6 and breadth6_aside questions (see README.md and eval/set_check.py).
Run from the repository root: python3 eval/breadth6/check.py
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # eval/, run as a script
from set_check import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main([Path("eval/breadth6"), Path("eval/breadth6_aside")], "h"))
