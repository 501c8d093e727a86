#!/usr/bin/env python3
"""Derives src/Recoupe.Core/Languages/en/lexicon.txt from the npm package an-array-of-english-words 2.0.0
(MIT licence, Copyright (c) 2014 Zeke Sikelianos; licence text in src/Recoupe.Core/Languages/en-lexicon.LICENSE.md; derived from the Letterpress word list): `npm pack an-array-of-english-words@2.0.0`.

Usage: derive.py INDEX_JSON LANG_DIR
Each lower-case word becomes one line; its classes (as in fr/lexicon.txt) are known only for the words our own
lists describe: f for function words, v/p/i/g for speech verb forms; other words keep an empty class (ordinary
words, class unknown).
"""
import json
import sys

index, lang = sys.argv[1], sys.argv[2]
words = json.load(open(index, encoding="utf-8"))
classes = {}
for line in open(f"{lang}/function-words.txt", encoding="utf-8"):
    if line.strip() and not line.startswith("#"):
        classes[line.strip()] = "f"
tense_class = {"P": "v", "J": "v", "K": "p", "W": "i", "G": "g"}
for line in open(f"{lang}/speech-verb-forms.txt", encoding="utf-8"):
    if line.strip() and not line.startswith("#"):
        form, _, tense = line.rstrip("\n").split("\t")
        c = tense_class.get(tense, "v")
        if c not in classes.get(form, ""):
            classes[form] = classes.get(form, "") + c
with open(f"{lang}/lexicon.txt", "w", encoding="utf-8") as out:
    out.write("# Ordinary English word forms, lower case <TAB> word classes when known (see fr/lexicon.txt).\n")
    out.write("# Derived from an-array-of-english-words 2.0.0 (MIT licence, Copyright (c) 2014 Zeke Sikelianos), itself from the\n")
    out.write("# Letterpress word list. Regenerate with tools/english-words/derive.py.\n")
    for w in sorted(set(words) | set(classes)):
        if w.islower() or not any(ch.isalpha() for ch in w):
            out.write(f"{w}\t{classes.get(w, '')}\n" if classes.get(w) else f"{w}\n")
