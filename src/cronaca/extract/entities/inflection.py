"""Spelling variants and inflection of names: person-name variants, Italian demonym forms,
Italian and English plurals of weapon names. Used by ``cronaca.extract.entities.registry`` to
expand the data files into every written form the automaton matches."""

from __future__ import annotations


def name_variants(name: str) -> list[str]:
    """Spelling variants of a person's name: "Kim Jong Un" → "Kim Jong-un", "Kim Jongun"."""
    parts = name.split()
    variants = [name, name.replace("-", " "), name.replace("-", "")]
    if len(parts) == 3 and "-" not in name:  # East Asian given names: "Jong Un" / "Jong-un" / "Jongun"
        variants += [f"{parts[0]} {parts[1]}{parts[2].lower()}"]
    return list(dict.fromkeys(v for v in variants if v.strip()))


def italian_forms(base: str) -> list[str]:
    """Inflected forms of an Italian demonym's masculine singular."""
    stem = base
    if base.endswith("co"):
        endings, stem = ("co", "ca", "ci", "chi", "che"), base[:-2]
    elif base.endswith("go"):
        endings, stem = ("go", "ga", "ghi", "ghe", "gi"), base[:-2]
    elif base.endswith("o"):
        endings, stem = ("o", "a", "i", "e"), base[:-1]
    elif base.endswith("e"):
        endings, stem = ("e", "i"), base[:-1]
    elif base.endswith("a"):
        endings, stem = ("a", "i", "e"), base[:-1]
    else:
        return [base]
    forms = [stem + ending for ending in endings]
    for prefix in ("nord", "sud"):
        if base.startswith(prefix) and len(base) > len(prefix) + 3:
            forms += [f"{prefix}-{f[len(prefix) :]}" for f in forms] + [
                f"{prefix} {f[len(prefix) :]}" for f in forms
            ]
    return forms


def english_forms(base: str) -> list[str]:
    if base.endswith(("ese", "sh", "ch", "ss")):
        return [base]
    return [base, base + "s"]


_LINKS = frozenset({"di", "da", "del", "della", "dello", "dei", "degli", "delle", "a", "ad", "per", "in"})


def italian_plural_word(word: str) -> list[str]:
    """Plurals of one Italian noun or adjective: missile → missili, balistico → balistici/balistichi."""
    if not word.isalpha() or word.isupper() or len(word) < 3:
        return [word]
    if word.endswith(("co", "go")):
        return [word[:-1] + "i", word[:-1] + "hi"]
    if word.endswith(("ca", "ga")):
        return [word[:-1] + "he"]
    if word.endswith("io"):
        return [word[:-1]]
    if word.endswith(("o", "e")):
        return [word[:-1] + "i"]
    if word.endswith("a"):
        return [word[:-1] + "e", word[:-1] + "i"]
    return [word]  # invariable: "radar", "caccia" is listed as written


def italian_plurals(phrase: str) -> list[str]:
    """Plurals of an Italian noun phrase: the words before the first linking word inflect."""
    words = phrase.split()
    head: list[list[str]] = []
    for i, word in enumerate(words):
        if word.lower() in _LINKS or "'" in word:
            tail = words[i:]
            break
        options = italian_plural_word(word)
        head.append(options if not head else [*options, word])  # "droni kamikaze": invariable adjectives
    else:
        tail = []
    forms = [[]]
    for options in head:
        forms = [f + [o] for f in forms for o in options]
    return [" ".join(f + tail) for f in forms]


def english_plurals(phrase: str) -> list[str]:
    """Plural of an English noun phrase: the last word before "of" takes -s/-es."""
    words = phrase.split()
    at = words.index("of") - 1 if "of" in words[1:] else len(words) - 1
    word = words[at]
    if word.isupper() or not word.isalpha():
        plural = word + "s"
    elif word.endswith(("s", "sh", "ch", "x")):
        plural = word + "es"
    elif word.endswith("y") and word[-2:-1] not in "aeiou":
        plural = word[:-1] + "ies"
    else:
        plural = word + "s"
    return [" ".join([*words[:at], plural, *words[at + 1 :]])]
