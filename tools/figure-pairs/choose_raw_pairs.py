#!/usr/bin/env python3
"""Second draw of gold/figure-pairs (protocol: gold/figure-pairs/README.md): conflict candidates read from the raw
numbers of the text, not from what the digest or the figure extractor finds.

Every number written in a document (digits, or a number word of the list below), with its multiplier (million,
milliard...), is a candidate figure; the word that follows it (after "de"/"d'"/"of") is what it counts, unless that
word is a month, a weekday or a grammatical word (then the number is a date part or not a count, and is skipped);
four-digit years and numbers glued to letters (14h30, 1er) are skipped. A candidate pair is two such numbers of two
different articles of one story whose counted words share a stem (first five letters, accents and case folded) and
whose values differ: the pairs where a conflict can be. Within each story the pairs are ranked by their id (a
hash) and the first N kept (N below); a pair whose two spans overlap a pair already in the gold is skipped. The
frozen split is the same hash rule. Stratum "raw".

A second draw (stratum "raw-near") then takes, from the candidates the first did not keep, those where a conflict
is likelier on signals that do not depend on Recoupe either: the two articles are published at most two days apart
and the larger value is at most ten times the smaller; again ranked by id, the first N2 kept (N2 below).

Stories: the five seeds (one story), the six gold stories of the samples (offsets into the cleaned text: needs the
CLI), the 30 gold stories of stories-dev, the Beirut story of fr-news (same rule as choose_pairs.py).

usage: tools/figure-pairs/choose_raw_pairs.py GOLD_JSONL OUT_JSONL SHEET_TXT
"""
import datetime, hashlib, json, os, re, subprocess, sys, tempfile, unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from choose_pairs import cli, fold, write  # noqa: E402  (same folder)

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = os.path.join(os.path.dirname(REPO), 'shared')
CLI = os.environ.get('RECOUPE_CLI') or os.path.join(REPO, 'recoupe')
KEEP = {'seeds': 16, 'samples': 5, 'stories-dev': 2, 'beirut': 16}
KEEP_NEAR = {'seeds': 8, 'samples': 4, 'stories-dev': 3, 'beirut': 10}
WORDS = {'deux': 2, 'trois': 3, 'quatre': 4, 'cinq': 5, 'six': 6, 'sept': 7, 'huit': 8, 'neuf': 9, 'dix': 10,
         'onze': 11, 'douze': 12, 'treize': 13, 'quatorze': 14, 'quinze': 15, 'seize': 16, 'vingt': 20, 'trente': 30,
         'quarante': 40, 'cinquante': 50, 'soixante': 60, 'cent': 100, 'cents': 100, 'mille': 1000, 'dizaine': 10,
         'dizaines': 10, 'centaine': 100, 'centaines': 100, 'two': 2, 'three': 3, 'four': 4, 'five': 5, 'six': 6,
         'seven': 7, 'eight': 8, 'nine': 9, 'ten': 10, 'dozen': 12, 'hundred': 100, 'hundreds': 100}
MULTIPLIERS = {'million': 1e6, 'millions': 1e6, 'milliard': 1e9, 'milliards': 1e9, 'mille': 1e3, 'millier': 1e3,
               'milliers': 1e3, 'billion': 1e9, 'billions': 1e9, 'thousand': 1e3}
OF = {'de', "d'", 'of', 'des'}
SKIP = set('janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre january february march '
           'april may june july august september october november december lundi mardi mercredi jeudi vendredi samedi '
           'dimanche monday tuesday wednesday thursday friday saturday sunday le la les l et a au aux en du un une par pour '
           'sur dans avec sans qui que ou the and in on at to for from with by or'.split())
NUMBER = re.compile(r"(?<![\w.,])(?:\d{1,3}(?:[ \u00a0\u202f.]\d{3})+|\d+)(?:,\d+)?(?![\w])|\b(?:" + '|'.join(WORDS) + r")\b",
                    re.IGNORECASE)
WORD = re.compile(r"[^\W\d_]+'?|%|€|\$", re.UNICODE)


def value(token):
    t = fold(token)
    if t in WORDS:
        return WORDS[t]
    return float(re.sub(r"[ \u00a0\u202f.]", '', t).replace(',', '.'))


def numbers(text):
    """(start, end, value, counted stem, counted word) of every number that counts something."""
    out = []
    for m in NUMBER.finditer(text):
        raw = m.group(0)
        if re.fullmatch(r'(1[89]|20)\d\d', raw):
            continue  # a year
        v, end, at = value(raw), m.end(), m.end()
        counted = None
        while True:
            w = WORD.match(text, at + len(text[at:]) - len(text[at:].lstrip(' \u00a0\u202f')))
            if not w:
                break
            word, at = fold(w.group(0)), w.end()
            if word in MULTIPLIERS:
                v, end = v * MULTIPLIERS[word], at
                continue
            if word in OF or word.endswith("'") and word[:-1] in ('d',):
                continue
            counted = word
            break
        if counted is None or counted in SKIP or (len(counted) < 3 and counted not in ('%', '€', '$', 'km', 'mm', 't', 'kg', 'h')):
            continue
        out.append((m.start(), end, v, counted[:5], counted))
    return out


def days_apart(a, b):
    if len(a) < 10 or len(b) < 10:
        return 0
    return abs((datetime.date.fromisoformat(a[:10]) - datetime.date.fromisoformat(b[:10])).days)


def sentence(text, start, end):
    a = max(text.rfind(c, 0, start) for c in '.!?\n') + 1
    ends = [i for i in (text.find(c, end) for c in '.!?\n') if i >= 0]
    return ' '.join(text[a:min(ends) + 1 if ends else len(text)].split())


def stories(tmp):
    out = []
    docs = []
    for name in sorted(f for f in os.listdir(os.path.join(SHARED, 'seeds')) if f.endswith('.txt')):
        docs.append(({'doc': 'seeds:' + name}, open(os.path.join(SHARED, 'seeds', name), encoding='utf-8').read(), ''))
    out.append(('seeds', 'seeds', docs))
    db = os.path.join(tmp, 'samples.db')
    if not os.path.exists(db):
        subprocess.run([CLI, 'ingest', os.path.join(REPO, 'samples', 'articles'), '--db', db], check=True, capture_output=True)
    gold = json.load(open(os.path.join(REPO, 'samples', 'gold.json'), encoding='utf-8'))
    by_story = {}
    for a in json.loads(cli('articles', '--db', db, '--json', '--limit', '1000')):
        art = json.loads(cli('article', str(a['id']), '--db', db, '--json'))
        for g in gold['articles']:
            suffix = g['file'] + (f":line {g['line']}" if g.get('line') else f"#item {g['item']}" if g.get('item') else '')
            if art['source'].endswith(suffix) and g.get('story'):
                by_story.setdefault(g['story'], []).append(({'doc': 'samples:' + g['id'], 'in': 'clean'}, art['text'], art.get('published') or ''))
    for story, d in sorted(by_story.items()):
        out.append(('samples', 'samples:' + story, sorted(d, key=lambda x: x[0]['doc'])))
    by_story = {}
    for line in open(os.path.join(SHARED, 'corpus', 'stories-dev', 'articles.jsonl'), encoding='utf-8'):
        r = json.loads(line)
        if r.get('story'):
            by_story.setdefault(r['story'], []).append(({'doc': 'stories-dev:' + str(r['id'])},
                                                        r['title'] + '\n\n' + r['heading'] + '\n\n' + r['text'], r.get('date', '')))
    for story, d in sorted(by_story.items()):
        out.append(('stories-dev', 'stories-dev:' + story, d))
    d = []
    for line in open(os.path.join(SHARED, 'corpus', 'fr-news', 'articles.jsonl'), encoding='utf-8'):
        r = json.loads(line)
        t = r['title'] + r['heading'] + r['text']
        if '2020-08-05' <= r['date'] <= '2020-08-09' and 'Beyrouth' in t and 'explosion' in t.lower():
            d.append(({'doc': 'fr-news:' + str(r['id'])}, r['title'] + '\n\n' + r['heading'] + '\n\n' + r['text'], r['date']))
    out.append(('beirut', 'fr-news:beirut-2020-08', d))
    return out


def main():
    gold_path, out_path, sheet_path = sys.argv[1:4]
    gold = [json.loads(l) for l in open(gold_path, encoding='utf-8') if l.strip()]
    taken = {}
    for p in gold:
        taken.setdefault((p['a']['doc'], p['b']['doc']), []).append((p['a'], p['b']))

    def overlaps(a, b):
        for x, y in taken.get((a['doc'], b['doc']), []):
            if x['start'] < a['end'] and a['start'] < x['end'] and y['start'] < b['end'] and b['start'] < y['end']:
                return True
        return False

    tmp = os.environ.get('FIGURE_PAIRS_TMP') or tempfile.mkdtemp(prefix='figure-pairs-')
    pairs, sheet = [], []
    for kind, story, docs in stories(tmp):
        found = [(ref, text, date, numbers(text)) for ref, text, date in docs]
        candidates = []
        for i in range(len(found)):
            for j in range(i + 1, len(found)):
                (ra, ta, da, na), (rb, tb, db, nb) = found[i], found[j]
                if ra['doc'] == rb['doc']:
                    continue
                for (sa, ea, va, stem_a, wa) in na:
                    for (sb, eb, vb, stem_b, wb) in nb:
                        if stem_a != stem_b or va == vb:
                            continue
                        a, b = dict(ra, start=sa, end=ea), dict(rb, start=sb, end=eb)
                        if (a['doc'], a['start']) > (b['doc'], b['start']):
                            a, b = b, a
                        key = f"{a['doc']}:{a['start']}-{a['end']}|{b['doc']}:{b['start']}-{b['end']}"
                        pid = hashlib.sha256(key.encode()).hexdigest()[:12]
                        if overlaps(a, b):
                            continue
                        near = days_apart(da, db) <= 2 and max(va, vb) <= 10 * min(va, vb)
                        candidates.append((pid, a, b, near))
        texts = {r['doc']: (t, d) for r, t, d in docs}
        ranked = sorted(candidates, key=lambda c: c[0])
        first = ranked[:KEEP[kind]]
        second = [c for c in ranked[KEEP[kind]:] if c[3]][:KEEP_NEAR[kind]]
        for pid, a, b, _ in first + second:
            pairs.append({'id': pid, 'story': story, 'stratum': 'raw' if (pid, a, b, _) in first else 'raw-near',
                          'split': 'frozen' if int(pid, 16) % 3 == 0 else 'dev',
                          'a': a, 'b': b, 'label': None})
            lines = [f'## {pid} {story}']
            for tag, r in (('A', a), ('B', b)):
                t, d = texts[r['doc']]
                lines.append(f"{tag} {r['doc']} {d} [{t[r['start']:r['end']]}]  {sentence(t, r['start'], r['end'])}")
            sheet.append('\n'.join(lines) + '\n')
    write(out_path, sheet_path, pairs, sheet)


if __name__ == '__main__':
    main()
