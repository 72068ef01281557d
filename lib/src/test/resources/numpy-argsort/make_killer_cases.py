# McIlroy's adversary against a port of numpy 1.24's aquicksort_: an input that reaches the heapsort fallback.
# /usr/bin/python3 make_killer_cases.py N >> cases.txt (the port must agree with numpy on the replay; it prints so to stderr)
import sys
import numpy as np
n = int(sys.argv[1])
gas = n
val = [gas] * n
state = {'nsolid': 0, 'cand': 0, 'heap': 0}
def freeze(x):
    val[x] = state['nsolid']; state['nsolid'] += 1
def less(x, y):
    if val[x] == gas and val[y] == gas:
        freeze(x if x == state['cand'] else y)
    if val[x] == gas: state['cand'] = x
    elif val[y] == gas: state['cand'] = y
    return val[x] < val[y]
def msb(k):
    d = 0
    while k > 1: k >>= 1; d += 1
    return d
def aheapsort(t, off, m):
    state['heap'] += 1
    a = off - 1
    l = m >> 1
    while l > 0:
        tmp = t[a + l]; i = l; j = l << 1
        while j <= m:
            if j < m and less(t[a + j], t[a + j + 1]): j += 1
            if less(tmp, t[a + j]): t[a + i] = t[a + j]; i = j; j += j
            else: break
        t[a + i] = tmp; l -= 1
    while m > 1:
        tmp = t[a + m]; t[a + m] = t[a + 1]; m -= 1; i = 1; j = 2
        while j <= m:
            if j < m and less(t[a + j], t[a + j + 1]): j += 1
            if less(tmp, t[a + j]): t[a + i] = t[a + j]; i = j; j += j
            else: break
        t[a + i] = tmp
def aquicksort(t):
    pl, pr = 0, len(t) - 1
    stack = []; depth = []
    cdepth = msb(len(t)) * 2
    while True:
        if cdepth < 0:
            aheapsort(t, pl, pr - pl + 1)
        else:
            while pr - pl > 15:
                pm = pl + ((pr - pl) >> 1)
                if less(t[pm], t[pl]): t[pm], t[pl] = t[pl], t[pm]
                if less(t[pr], t[pm]): t[pr], t[pm] = t[pm], t[pr]
                if less(t[pm], t[pl]): t[pm], t[pl] = t[pl], t[pm]
                vp = t[pm]
                pi = pl; pj = pr - 1
                t[pm], t[pj] = t[pj], t[pm]
                while True:
                    pi += 1
                    while less(t[pi], vp): pi += 1
                    pj -= 1
                    while less(vp, t[pj]): pj -= 1
                    if pi >= pj: break
                    t[pi], t[pj] = t[pj], t[pi]
                t[pi], t[pr - 1] = t[pr - 1], t[pi]
                if pi - pl < pr - pi:
                    stack += [pi + 1, pr]; pr = pi - 1
                else:
                    stack += [pl, pi - 1]; pl = pi + 1
                cdepth -= 1; depth.append(cdepth)
            for pi in range(pl + 1, pr + 1):
                vi = t[pi]; pj = pi; pk = pi - 1
                while pj > pl and less(vi, t[pk]):
                    t[pj] = t[pk]; pj -= 1; pk -= 1
                t[pj] = vi
        if not stack: break
        pr = stack.pop(); pl = stack.pop(); cdepth = depth.pop()
    return t
aquicksort(list(range(n)))
assert state['heap'] > 0, "the adversary did not reach the heapsort fallback"
# replay on the concrete values: the port and numpy must agree
vals = list(val)
order_np = np.argsort(np.array(vals, dtype=np.int64), kind='quicksort').tolist()
val[:] = vals; state['heap'] = 0
def less(x, y): return val[x] < val[y]
order_port = aquicksort(list(range(n)))
print("# heapsort fallbacks on replay:", state['heap'], "port==numpy:", order_port == order_np, file=sys.stderr)
print("quicksort", n, *vals, "|", *order_np)
