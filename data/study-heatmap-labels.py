"""Reads the cell labels of the study's RQ1Heatmap_{group}.pdf (matplotlib PDF, Type3 fonts whose codes are ASCII)
and prints date,count for every labelled cell. Standard library only.

Usage: /usr/bin/python3 study-heatmap-labels.py RQ1Heatmap_legacy.pdf  (the study's results/ PDF at commit 58d8e17d1)
How: the page's content stream is parsed for fills of rectangles with 7x53 geometry (the year blocks' clip
rectangles), text runs (q/Q, cm, Tf, Td, TJ) and the font widths; each label's centre is mapped to its block's
(weekday row, week column); the block's year is the bold year label beside it; the date is the study's
compute_calendar_week inverted.
"""
import datetime
import re
import sys
import zlib

data = open(sys.argv[1], 'rb').read()
objs = {int(m.group(1)): m.group(2) for m in re.finditer(rb'(\d+) 0 obj(.*?)endobj', data, re.S)}


def stream(body):
    m = re.search(rb'stream\r?\n(.*)endstream', body, re.S)
    raw = m.group(1)
    return zlib.decompress(raw) if b'FlateDecode' in body else raw


def ref(body, key):
    m = re.search(rb'/' + key + rb' (\d+) 0 R', body)
    return int(m.group(1)) if m else None


# fonts: resource name -> (base font, widths)
fonts = {}
for num, body in objs.items():
    if b'/Type /Page' in body and b'/Contents' in body:
        page = body
res_body = page
if b'/Resources' in page and re.search(rb'/Resources (\d+) 0 R', page):
    res_body = objs[int(re.search(rb'/Resources (\d+) 0 R', page).group(1))]
font_dict = re.search(rb'/Font (\d+) 0 R', res_body)
font_body = objs[int(font_dict.group(1))] if font_dict else res_body
for name, num in re.findall(rb'/(F\d+) (\d+) 0 R', font_body):
    body = objs[int(num)]
    base = re.search(rb'/BaseFont /(\S+)', body).group(1).decode()
    wref = ref(body, b'Widths')
    wtext = objs[wref] if wref else re.search(rb'/Widths \[(.*?)\]', body, re.S).group(1)
    widths = [float(x) for x in re.findall(rb'-?[\d.]+', wtext.replace(b'[', b' ').replace(b']', b' '))]
    first = int(re.search(rb'/FirstChar (\d+)', body).group(1))
    fonts[name.decode()] = (base, widths, first)

content = stream(objs[ref(page, b'Contents')])
tokens = re.findall(rb'\[[^\]]*\]|\([^)]*\)|/[^\s/\[\]()]+|[-\d.]+|[A-Za-z*\']+', content)


def mul(a, b):
    return [a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3], a[2] * b[0] + a[3] * b[2],
            a[2] * b[1] + a[3] * b[3], a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5]]


ctm = [1, 0, 0, 1, 0, 0]
stack = []
operands = []
clips = []
texts = []
font = None
size = 0
td = (0, 0)
pending_rect = None
for t in tokens:
    if re.fullmatch(rb'[-\d.]+', t) or t.startswith((b'[', b'(', b'/')):
        operands.append(t)
        continue
    op = t.decode()
    if op == 'q':
        stack.append(ctm[:])
    elif op == 'Q':
        ctm = stack.pop()
    elif op == 'cm':
        ctm = mul([float(x) for x in operands[-6:]], ctm)
    elif op == 're':
        pending_rect = [float(x) for x in operands[-4:]]
    elif op == 'W' and pending_rect:
        x, y, w, h = pending_rect
        clips.append((ctm[4] + x, ctm[5] + y, w, h))
    elif op == 'Tf':
        font, size = operands[-2].decode()[1:], float(operands[-1])
    elif op == 'Td':
        td = (float(operands[-2]), float(operands[-1]))
    elif op == 'TJ':
        arr = operands[-1]
        s = b''.join(re.findall(rb'\(([^)]*)\)', arr))
        base, widths, first = fonts[font]
        width = sum(widths[c - first] for c in s) * size / 1000
        x = ctm[0] * td[0] + ctm[2] * td[1] + ctm[4]
        y = ctm[1] * td[0] + ctm[3] * td[1] + ctm[5]
        texts.append((base, size, s.decode('latin1'), x, y, width, ctm[1] != 0))
    operands = []

# year blocks: clip rectangles whose aspect is 53:7
blocks = sorted({c for c in clips if abs(c[2] / c[3] - 53 / 7) < 0.05}, key=lambda c: -c[1])
years = [t for t in texts if 'Bold' in t[0] and re.fullmatch(r'20\d\d', t[2])]
out = []
for bx, by, bw, bh in blocks:
    year_label = min(years, key=lambda t: abs(t[4] - (by + bh / 2)) + abs(t[3] - bx))
    year = int(year_label[2])
    cw, ch = bw / 53, bh / 7
    for base, sz, s, x, y, w, rotated in texts:
        if 'Roboto' not in base or rotated or not s.isdigit() or abs(sz - 9.5) > 0.01:
            continue
        cx = x + w / 2
        cy = y + 0.35 * sz  # baseline to the middle of the digits
        if not (bx <= cx <= bx + bw and by <= cy <= by + bh):
            continue
        col = int((cx - bx) / cw)
        row = int((by + bh - cy) / ch)  # row 0 (Monday) at the top
        # invert the study's compute_calendar_week for (year, col, row)
        day = None
        d = datetime.date(year, 1, 1)
        while d.year == year:
            jan1 = datetime.date(year, 1, 1)
            dec31 = datetime.date(year, 12, 31)
            wk = d.isocalendar()[1]
            if jan1.isocalendar()[1] > 50:
                week = 0 if (d.month == 1 and wk > 50) else wk
            elif dec31.isocalendar()[1] == 1 and d.month == 12 and wk == 1:
                week = 52
            else:
                week = wk - 1
            if week == col and d.weekday() == row:
                day = d
                break
            d += datetime.timedelta(days=1)
        out.append((day.isoformat() if day else f'{year}?w{col}r{row}', int(s)))
print('date,count')
for d, n in sorted(out):
    print(f'{d},{n}')
