#!/usr/bin/env python3
"""Chooses the candidate article pairs of gold/story-pairs.jsonl (see gold/story-pairs.md for the protocol).

Deterministic: reads ../shared/corpus/{stories-dev,fr-news}/articles.jsonl, scores pairs by a plain TF-IDF cosine
(folded words of 3+ letters, the clustering stop words of Languages/fr) and draws from fixed strata by a hash of the
pair key. Prints one JSON object per pair (ids, source, stratum, cosine, split) -- never article text.
Usage: python3 tools/story-pairs/select.py [SHARED_DIR] > candidates.jsonl
"""
import json, math, os, re, sys, unicodedata
from collections import Counter
from datetime import date

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared")


def fnv1a(text):
    h = 0x811C9DC5
    for b in text.encode("utf-8"):
        h = ((h ^ b) * 0x01000193) & 0xFFFFFFFF
    return h


def fold(word):
    return "".join(c for c in unicodedata.normalize("NFD", word.lower()) if unicodedata.category(c) != "Mn")


def read(name, prefix):
    rows = []
    with open(os.path.join(SHARED, "corpus", name, "articles.jsonl"), encoding="utf-8") as f:
        for line in f:
            if line.strip():
                r = json.loads(line)
                r["id"] = str(r["id"])
                r["uid"] = prefix + ":" + r["id"]
                rows.append(r)
    return rows


stop = set()
with open(os.path.join(ROOT, "src", "Recoupe.Core", "Languages", "fr", "cluster-stopwords.txt"), encoding="utf-8") as f:
    for line in f:
        line = line.strip()
        if line and not line.startswith("#"):
            stop.add(fold(line))

dev = read("stories-dev", "stories-dev")
news = read("fr-news", "fr-news")
# The two sets number their articles apart (the same number may be two articles): ids are kept with their set.
docs = {r["uid"]: r for r in news + dev}
words = re.compile(r"[^\W\d_]{3,}")
tf = {}
df = Counter()
for i, r in docs.items():
    c = Counter(w for w in map(fold, words.findall(r["title"] + " " + r.get("heading", "") + " " + r["text"])) if w not in stop)
    tf[i] = c
    df.update(c.keys())
n = len(docs)
vec = {}
for i, c in tf.items():
    v = {w: (1 + math.log(k)) * math.log((n + 1) / (df[w] + 1)) for w, k in c.items()}
    norm = math.sqrt(sum(x * x for x in v.values())) or 1
    vec[i] = {w: x / norm for w, x in v.items()}


def cosine(a, b):
    va, vb = vec[a["uid"]], vec[b["uid"]]
    if len(va) > len(vb):
        va, vb = vb, va
    return sum(x * vb.get(w, 0) for w, x in va.items())


def day(r):
    return date.fromisoformat(r["date"]).toordinal()


def pairs_within(rows, days):
    rows = sorted(rows, key=lambda r: (day(r), int(r["id"])))
    for x in range(len(rows)):
        for y in range(x + 1, len(rows)):
            if day(rows[y]) - day(rows[x]) > days:
                break
            yield rows[x], rows[y]


def key(a, b):
    """source:low-high, e.g. stories-dev:9162-30761."""
    x, y = sorted([a["id"], b["id"]], key=int)
    return f"{a['uid'].split(':')[0]}:{x}-{y}"


chosen = {}


def take(a, b, source, stratum, cos):
    k = key(a, b)
    if k in chosen:
        return
    chosen[k] = {"key": k, "a": min(a["id"], b["id"], key=int), "b": max(a["id"], b["id"], key=int), "source": source,
                 "stratum": stratum, "cosine": round(cos, 3), "split": "frozen" if fnv1a(k) % 3 == 0 else "dev"}


# A. stories-dev, same gold story: the least alike pair of each story (rewordings) and its second least alike.
stories = {}
for r in dev:
    if r.get("story"):
        stories.setdefault(r["story"], []).append(r)
for label in sorted(stories):
    members = stories[label]
    ranked = sorted(((cosine(a, b), a, b) for i, a in enumerate(members) for b in members[i + 1:]),
                    key=lambda t: (t[0], key(t[1], t[2])))
    for cos, a, b in ranked[:2]:
        take(a, b, "stories-dev", "gold-same-story-least-alike", cos)

# B. stories-dev, not the same gold story, within 20 days: the most alike pairs (hard negatives or missed links).
cross = [(cosine(a, b), a, b) for a, b in pairs_within(dev, 20)
         if not (a.get("story") and a.get("story") == b.get("story"))]
cross.sort(key=lambda t: (-t[0], key(t[1], t[2])))
for cos, a, b in cross[:35]:
    take(a, b, "stories-dev", "not-gold-same-story-most-alike", cos)

# C. fr-news, within 10 days, by cosine band, drawn by hash of the pair key.
bands = [(0.30, 1.01, 25), (0.18, 0.30, 25), (0.08, 0.18, 15)]
pool = {b: [] for b in bands}
for a, b in pairs_within(news, 10):
    cos = cosine(a, b)
    for band in bands:
        if band[0] <= cos < band[1]:
            pool[band].append((fnv1a("draw:" + key(a, b)), cos, a, b))
for band, items in pool.items():
    items.sort(key=lambda t: t[0])
    for _, cos, a, b in items[:band[2]]:
        take(a, b, "fr-news", f"within-10-days-cosine-{band[0]:.2f}-{band[1]:.2f}", cos)

for row in chosen.values():
    print(json.dumps(row, ensure_ascii=False))
