#!/usr/bin/env python3
"""Derives Recoupe's compact thesaurus lists from the LibreOffice thesauri that Debian packages as mythes-fr and
mythes-en-us (MyThes format: /usr/share/mythes/th_fr_FR_v2.dat, th_en_US_v2.dat).

Licences (Debian copyright files of the packages, version 1:7.5.0-1): the French thesaurus (thes_fr.dat, Kevin Hendricks,
Frédéric Labbé, Laurent Godard) is under the LGPL-2.1 or later; the English one (th_en_US_v2, built from Princeton
WordNet) is under the permissive dictionaries/en licence of LibreOffice's dictionaries (Kevin Atkinson, "permission to
use, copy, modify, distribute and sell"), WordNet's own licence being permissive too. The derived lists keep them.

What is kept, so the digest can meet rewordings without drifting: single lower-case words only; plain synonyms only
(entries annotated "(generic term)", "(similar term)", "(related term)" or "(antonym)" are dropped: a broader word or an
opposite is not the same fact); at most MAX_MEANINGS meanings per headword (WordNet lists the commonest first) and
MAX_SYNONYMS synonyms per meaning (the French thesaurus lists the closest first).

Usage: derive.py DAT OUT MAX_MEANINGS MAX_SYNONYMS
  tools/mythes/derive.py /usr/share/mythes/th_fr_FR_v2.dat src/Recoupe.Core/Languages/fr/thesaurus.txt 3 40
  tools/mythes/derive.py /usr/share/mythes/th_en_US_v2.dat src/Recoupe.Core/Languages/en/thesaurus.txt 3 12
"""
import re
import sys

WORD = re.compile(r"^[a-zàâäçéèêëîïôöùûüÿœæ][a-zàâäçéèêëîïôöùûüÿœæ'’\-]*[a-zàâäçéèêëîïôöùûüÿœæ]$")


def main(dat: str, out: str, max_meanings: int, max_synonyms: int) -> None:
    entries: dict[str, set[str]] = {}
    with open(dat, encoding="utf-8", errors="replace") as f:
        f.readline()  # encoding line
        while True:
            head = f.readline()
            if not head:
                break
            word, _, count = head.rstrip("\n").rpartition("|")
            meanings = [f.readline().rstrip("\n") for _ in range(int(count))]
            if not WORD.match(word):
                continue
            synonyms = entries.setdefault(word, set())
            for meaning in meanings[:max_meanings]:
                kept = [s for s in meaning.split("|")[1:] if WORD.match(s) and s != word]
                synonyms.update(kept[:max_synonyms])
    with open(out, "w", encoding="utf-8") as f:
        f.write("# Derived from the LibreOffice thesaurus packaged by Debian (" + dat.rsplit("/", 1)[-1] + "); licence and\n")
        f.write(f"# selection in tools/mythes/derive.py (regenerate with it: {max_meanings} meanings, {max_synonyms} synonyms each).\n")
        f.write("# headword <TAB> synonyms separated by |\n")
        for word in sorted(entries):
            if entries[word]:
                f.write(word + "\t" + "|".join(sorted(entries[word])) + "\n")


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
