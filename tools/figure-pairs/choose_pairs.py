#!/usr/bin/env python3
"""Chooses the figure pairs of gold/figure-pairs/pairs.jsonl (protocol: gold/figure-pairs/README.md).

Candidates are the figures the digest of main (commit given with --commit) lists for each story: the seeds (one
story), the samples (their six gold stories), the 30 gold stories of stories-dev and the Beirut explosion story of
fr-news (articles of 5-9 August 2020 naming Beyrouth and an explosion). A candidate pair is two figures of two
different articles of one story whose units measure the same dimension (counts with counts, money with money...).
Pairs are 'near' when their counted words share a stem (first five letters, folded) or both carry the same unit,
'far' otherwise. Within each story, pairs are ranked by the sha256 of their id and the first N near and M far are
kept (N, M below). The frozen third is every pair whose id, read as a hexadecimal number, is divisible by 3.

Writes the pairs without any article text (ids and offsets only) and, to a separate sheet outside the repository,
the two sentences of each pair for the annotator. Needs the CLI built from main (./recoupe, or RECOUPE_CLI) and ../shared.

usage: tools/figure-pairs/choose_pairs.py OUT_JSONL SHEET_TXT
"""
import hashlib, json, os, subprocess, sys, tempfile, unicodedata

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = os.path.join(os.path.dirname(REPO), 'shared')
NEAR, FAR = {'seeds': 24, 'samples': 8, 'beirut': 30, 'stories-dev': 2}, {'seeds': 6, 'samples': 2, 'beirut': 6, 'stories-dev': 1}
DIMENSION = {'s': 'duration', 'min': 'duration', 'h': 'duration', 'd': 'duration', 'week': 'duration', 'month': 'duration',
             'year': 'duration', 'decade': 'duration', 'century': 'duration', 'mm': 'distance', 'cm': 'distance',
             'm': 'distance', 'km': 'distance', 'mi': 'distance', 'g': 'weight', 'kg': 'weight', 't': 'weight',
             'ha': 'area', 'km2': 'area'}


CLI = os.environ.get('RECOUPE_CLI') or os.path.join(REPO, 'recoupe')
_articles = {}


def cli(*args):
    return subprocess.run([CLI, *args], check=True, capture_output=True, text=True).stdout


def article(i, db):
    if (db, i) not in _articles:
        _articles[(db, i)] = json.loads(cli('article', str(i), '--db', db, '--json'))
    return _articles[(db, i)]


def fold(s):
    return ''.join(c for c in unicodedata.normalize('NFD', s.lower()) if unicodedata.category(c) != 'Mn')


def nonspace(text):
    chars, index = [], []
    for i, c in enumerate(text):
        if not c.isspace():
            chars.append(c)
            index.append(i)
    return ''.join(chars), index


def to_raw(clean, start, end, raw):
    """Offsets of a cleaned-text span in the raw document, found by its non-space characters and some context."""
    cs, ci = nonspace(clean)
    rs, ri = nonspace(raw)
    a = next(k for k, i in enumerate(ci) if i >= start)
    b = max(k for k, i in enumerate(ci) if i < end) + 1
    for left, right in ((40, 15), (20, 8), (10, 4)):
        needle = cs[max(0, a - left):b + right]
        at = rs.find(needle)
        if at >= 0 and rs.find(needle, at + 1) < 0:
            k = at + (a - max(0, a - left))
            return ri[k], ri[k + (b - a) - 1] + 1
    return None


def ingest(inputs, db):
    if not os.path.exists(db):
        subprocess.run([CLI, 'ingest', *inputs, '--db', db], check=True, capture_output=True)


def groups(tmp):
    out = []
    # seeds
    db = os.path.join(tmp, 'seeds.db')
    seeds = sorted(os.path.join(SHARED, 'seeds', f) for f in os.listdir(os.path.join(SHARED, 'seeds')) if f.endswith('.txt'))
    ingest(seeds, db)
    docs = {}
    for a in json.loads(cli('articles', '--db', db, '--json', '--limit', '1000')):
        art = article(a['id'], db)
        name = os.path.basename(art['source'])
        docs[a['id']] = ('seeds:' + name, open(os.path.join(SHARED, 'seeds', name), encoding='utf-8').read())
    out.append(('seeds', 'seeds', db, docs))
    # samples: our own fiction, offsets into the cleaned text
    db = os.path.join(tmp, 'samples.db')
    ingest([os.path.join(REPO, 'samples', 'articles')], db)
    gold = json.load(open(os.path.join(REPO, 'samples', 'gold.json'), encoding='utf-8'))
    by_story = {}
    stored = json.loads(cli('articles', '--db', db, '--json', '--limit', '1000'))
    for a in stored:
        art = article(a['id'], db)
        for g in gold['articles']:
            suffix = g['file'] + (f":line {g['line']}" if g.get('line') else f"#item {g['item']}" if g.get('item') else '')
            if art['source'].endswith(suffix) and g.get('story'):
                by_story.setdefault(g['story'], {})[a['id']] = ('samples:' + g['id'], None)
    for story, docs in sorted(by_story.items()):
        out.append(('samples', 'samples:' + story, db, docs))
    # stories-dev
    path = os.path.join(SHARED, 'corpus', 'stories-dev', 'articles.jsonl')
    lines = [json.loads(l) for l in open(path, encoding='utf-8')]
    db = os.path.join(tmp, 'stories-dev.db')
    ingest([path], db)
    by_story = {}
    for a in json.loads(cli('articles', '--db', db, '--json', '--limit', '100000')):
        art = article(a['id'], db)
        line = int(art['source'].rsplit(' ', 1)[1])
        r = lines[line - 1]
        if r.get('story'):
            by_story.setdefault(r['story'], {})[a['id']] = ('stories-dev:' + str(r['id']), r['title'] + '\n\n' + r['heading'] + '\n\n' + r['text'])
    for story, docs in sorted(by_story.items()):
        out.append(('stories-dev', 'stories-dev:' + story, db, docs))
    # Beirut, fr-news
    rows = [json.loads(l) for l in open(os.path.join(SHARED, 'corpus', 'fr-news', 'articles.jsonl'), encoding='utf-8')]
    chosen = [r for r in rows if '2020-08-05' <= r['date'] <= '2020-08-09'
              and 'Beyrouth' in r['title'] + r['heading'] + r['text'] and 'explosion' in (r['title'] + r['heading'] + r['text']).lower()]
    path = os.path.join(tmp, 'beirut.jsonl')
    with open(path, 'w', encoding='utf-8') as f:
        for r in chosen:
            f.write(json.dumps(r, ensure_ascii=False) + '\n')
    db = os.path.join(tmp, 'beirut.db')
    ingest([path], db)
    docs = {}
    for a in json.loads(cli('articles', '--db', db, '--json', '--limit', '1000')):
        art = article(a['id'], db)
        r = chosen[int(art['source'].rsplit(' ', 1)[1]) - 1]
        docs[a['id']] = ('fr-news:' + str(r['id']), r['title'] + '\n\n' + r['heading'] + '\n\n' + r['text'])
    out.append(('beirut', 'fr-news:beirut-2020-08', db, docs))
    return out


def main():
    out_path, sheet_path = sys.argv[1], sys.argv[2]
    tmp = os.environ.get('FIGURE_PAIRS_TMP') or tempfile.mkdtemp(prefix='figure-pairs-')
    os.makedirs(tmp, exist_ok=True)
    pairs, sheet = [], []
    for kind, story, db, docs in groups(tmp):
        ids = sorted(docs)
        if len(ids) < 2:
            continue
        texts = {i: article(i, db)['text'] for i in ids}
        digest = json.loads(cli('digest', '--articles', ','.join(map(str, ids)), '--db', db, '--format', 'json'))
        items = [it for q in digest['figures'] for c in q['claims'] for it in c['items']]
        figs = []
        for it in items:
            e = it['evidence']
            doc, raw = docs[e['articleId']]
            if raw is None:
                ref = {'doc': doc, 'start': e['start'], 'end': e['end'], 'in': 'clean'}
            else:
                span = to_raw(texts[e['articleId']], e['start'], e['end'], raw)
                if span is None:
                    continue
                ref = {'doc': doc, 'start': span[0], 'end': span[1]}
            dim = DIMENSION.get(it['unit'] or '', it['unit'] or 'count')
            if dim in ('EUR', 'USD', 'GBP', 'CHF'):
                dim = 'money'
            stem = fold(it['counts'] or '')[:5]
            figs.append((ref, it, dim, stem))
        near, far = [], []
        for x in range(len(figs)):
            for y in range(x + 1, len(figs)):
                a, b = figs[x], figs[y]
                if a[0]['doc'] == b[0]['doc'] or a[2] != b[2]:
                    continue
                if (a[0]['doc'], a[0]['start']) > (b[0]['doc'], b[0]['start']):
                    a, b = b, a
                key = f"{a[0]['doc']}:{a[0]['start']}-{a[0]['end']}|{b[0]['doc']}:{b[0]['start']}-{b[0]['end']}"
                pid = hashlib.sha256(key.encode()).hexdigest()[:12]
                is_near = (a[3] and a[3] == b[3]) or (a[1]['unit'] and a[1]['unit'] == b[1]['unit'])
                (near if is_near else far).append((pid, a, b))
        chosen = sorted(near)[:NEAR[kind]] + sorted(far)[:FAR[kind]]
        for pid, a, b in chosen:
            pairs.append({'id': pid, 'story': story, 'stratum': 'near' if (pid, a, b) in near else 'far',
                          'split': 'frozen' if int(pid, 16) % 3 == 0 else 'dev', 'a': a[0], 'b': b[0], 'label': None})
            sheet.append(f"## {pid} {story}\nA {a[0]['doc']} {a[1]['evidence']['text']!r} [{a[1]['counts']}|{a[1]['unit']}|{a[1]['qualifier']}|{a[1]['scope']}] {a[1]['outlet']} {a[1]['date']}\n  {a[1]['sentence']['text']}\n"
                         f"B {b[0]['doc']} {b[1]['evidence']['text']!r} [{b[1]['counts']}|{b[1]['unit']}|{b[1]['qualifier']}|{b[1]['scope']}] {b[1]['outlet']} {b[1]['date']}\n  {b[1]['sentence']['text']}\n")
    write(out_path, sheet_path, pairs, sheet)


def write(out_path, sheet_path, pairs, sheet):
    """The pairs as JSON Lines (no article text) and, apart, the annotator's sheet."""
    with open(out_path, 'w', encoding='utf-8') as f:
        for p in pairs:
            f.write(json.dumps(p, ensure_ascii=False) + '\n')
    with open(sheet_path, 'w', encoding='utf-8') as f:
        f.write('\n'.join(sheet))
    print(f'{len(pairs)} pairs', file=sys.stderr)


if __name__ == '__main__':
    main()
