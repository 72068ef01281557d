"""Independent re-implementation of the study's RQ3 preparation in plain Python (no pandas),
used by Rq3SyntheticEndToEndTest as a cross-check of the Java code. Prints metric,value lines
in the layout of rq3_dataset_stats.csv, then 'label,<figure row>,<label>,<count>' lines and
'relevant,<count code>,<count stated>'.
usage: python3 rq3_reference.py sfconvertbot_pr_metadata.csv.zip
"""
import csv, io, json, sys, zipfile
from collections import Counter
from datetime import date

NA = {"", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN", "<NA>",
      "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null"}
csv.field_size_limit(1 << 30)
zf = zipfile.ZipFile(sys.argv[1])
reader = csv.reader(io.TextIOWrapper(zf.open("sfconvertbot_pr_metadata.csv"), encoding="utf-8", newline=""))
header = next(reader)
rows = [[None if v in NA else v for v in r] for r in reader if r]

def day(t):
    try:
        return date.fromisoformat(t.split("T")[0].split(" ")[0])
    except Exception:
        return None

rows = [r for r in rows if r[4] is not None and day(r[4]) is not None and day(r[4]) <= date(2024, 8, 31)]
print("Number of collected PRs,%s" % float(len(rows)))
rows = [r for r in rows if all(v is not None for v in r)]
print("Number of PRs after removing missing values,%s" % float(len(rows)))
rows = [r for r in rows if r[1].startswith("{")]
print("Number of PRs after removing invalid JSONs,%s" % float(len(rows)))
rows = [r for r in rows if "/spaces/safetensors/convert/discussions" not in r[0]]
print("Number of PRs after filtering by URL,%s" % float(len(rows)))
models = Counter(r[3] for r in rows)
print("Number of repositories,%s" % float(len(models)))
print("Average number of PRs per repository,%r" % (sum(models.values()) / len(models)))
print("First commit time,%s" % min(r[4] for r in rows))
print("Last commit time,%s" % max(r[4] for r in rows))
hf = 0
labels = Counter()
code = stated = 0
for r in rows:
    d = json.loads(r[1])["discussion"]
    first = None
    for e in d["events"]:
        if e["type"] == "status-change":
            a = e.get("author", {"name": "UNKNOWN (likely a deleted account)", "isHf": False})
            if first is None and a["name"].lower() != "sfconvertbot":
                first = a
    staff = bool(first and first.get("isHf"))
    hf += staff
    h = json.loads(r[2])["discussion"]
    label = h["status"] + (" (has conflicts)" if ";".join(h.get("filesWithConflicts", [])) else "")
    year = str(day(r[4]).year)
    for figure, member in (("RQ3StatusDistribution.pdf", True),
                           ("RQ3StatusDistribution-Hugging Face Staff.pdf", staff),
                           ("RQ3StatusDistribution-Non-Hugging Face Staff.pdf", not staff)):
        if member:
            labels[(figure, year, label)] += 1
            labels[(figure, "All years", label)] += 1
    names, comments, words = set(), 0, 0
    if d["author"]["name"].lower() != "sfconvertbot":
        names.add(d["author"]["name"])
    for e in d["events"]:
        if e["type"] == "comment" and not e["data"]["hidden"] and e.get("author", {}).get("name", "").lower() != "sfconvertbot":
            comments += 1
            words += len(e["data"]["latest"]["raw"].split())
            if "author" in e:
                names.add(e["author"]["name"])
    if comments >= 2 and len(names) >= 2:
        code += words / comments > 0
        stated += words / comments > 4
print("Number of PRs made by HF staff,%d" % hf)
print("Number of PRs made by non-HF staff,%d" % (len(rows) - hf))
for (figure, row, label), n in sorted(labels.items()):
    print("label,%s,%s,%s,%d" % (figure, row, label, n))
print("relevant,%d,%d" % (code, stated))
