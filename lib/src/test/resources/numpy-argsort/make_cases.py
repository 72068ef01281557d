"""Writes cases.txt: int64 arrays (many ties, sorted and adversarial runs) and numpy's argsort of each.

Run with Debian's interpreter: /usr/bin/python3 make_cases.py > cases.txt, then append
make_killer_cases.py 200 and 1000 (inputs that reach the depth limit and its heapsort fallback).
Each line: <kind> <n> <values...> | <order...>
"""
import random
import numpy as np
import pandas as pd

rng = random.Random(20250904)
cases = []
for n in [0, 1, 2, 3, 15, 16, 17, 18, 31, 33, 64, 100, 257, 1000]:
    for spread in [1, 3, 10, 1000]:
        cases.append([rng.randrange(spread) for _ in range(n)])
for n in [17, 100, 1000]:
    cases.append(list(range(n)))
    cases.append(list(range(n, 0, -1)))
    cases.append([min(i, n - i) for i in range(n)])  # organ pipe
    cases.append([i % 7 for i in range(n)])
    cases.append([(i // 10) for i in range(n)][::-1])  # descending runs of ties, like git-log order

print("# numpy", np.__version__, "pandas", pd.__version__)
for values in cases:
    a = np.array(values, dtype=np.int64)
    for kind in ["quicksort", "heapsort"]:
        order = np.argsort(a, kind=kind)
        print(kind, len(values), *values, "|", *order.tolist())
    # datetime64 goes through the same kernel; check it agrees with int64
    d = a.astype("datetime64[s]")
    assert (np.argsort(d, kind="quicksort") == np.argsort(a, kind="quicksort")).all()
    # and pandas 1.5 sort_values on a tz-aware column (the study's df.sort_values("date")) is that argsort
    frame = pd.DataFrame({"date": pd.to_datetime(d.astype("datetime64[ns]"), utc=True)})
    assert (frame.sort_values("date").index.to_numpy() == np.argsort(a, kind="quicksort")).all()
