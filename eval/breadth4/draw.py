# Seeded draw of the breadth4 documents (see README.md). Run: python3 eval/breadth4/draw.py
import csv, collections, random
used = "003 008 012 031 035 039 040 047 064 073 074 079 090 024 026 030 041 044 058 060 067 070 072 075 088 007 015 020 023 028 037 042 057 065 095 011 050 052 061 063 068 084".split()
rows = list(csv.DictReader(open('/work/shared/corpus/breadth/sources.tsv'), delimiter='\t'))
cls = {r['file'][:3]: r['conventions'].split(':')[0] for r in rows}
avail = sorted(f for f in cls if f not in used)
skip = set()  # documents found to assign nobody any work (none so far)
rng = random.Random(20261208)
picked = []
for name in sorted(set(cls[f] for f in avail)):
    files = sorted(f for f in avail if cls[f] == name)
    rng.shuffle(files)
    picked.append(next(f for f in files if f not in skip))
    print(name, files)
rest = sorted(f for f in avail if f not in picked)
rng.shuffle(rest)
extra = [f for f in rest if f not in skip][:3]
print('class picks', picked, 'extra', extra)
picked += extra
aside = sorted(rng.sample(sorted(picked), 4))
tuning = sorted(f for f in picked if f not in aside)
print('tuning', tuning, [cls[f] for f in tuning])
print('aside', aside, [cls[f] for f in aside])
