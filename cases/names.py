"""
Name keys (DESIGN.md §7): one folded spelling of a name however it is written.

The same person is written "Sevinc Vaqifqızı" in Azerbaijani, "Sevinj Vagifgizi"
or "Vagifgyzy" in English and "Севиндж Вагифгызы" in Russian. ``name_key``
folds each of these to the same string, so that a search compares keys:

1. Azerbaijani Latin letters are spelled out as English transliterations
   write them (ş → sh, ç → ch, c → j, x → kh, ə → e, ı → i ...).
2. Every other script, Russian Cyrillic first, is transliterated to ASCII by
   anyascii (a per-character table of every Unicode script, no dependencies).
3. A phonetic folding removes what the spellings disagree on: the throat
   sounds g, q, ğ, h, x and kh are one letter (Russian writes Azerbaijani h
   as г: Гасанлы is Həsənli), a/e/ə are one vowel and i/ı/y another, y
   between vowels is dropped (Aliyev, Алиев), dzh/dj/zh are j, and doubled
   letters are one (Mammadli, Мамедли).

The key is a search aid, never shown: it keeps the words of a name in their
order, without spaces, so "vagifqizi" finds "Vagif qizi" as well.
"""

import re

from anyascii import anyascii

# How English transliterations write the Azerbaijani letters (before anyascii,
# which would drop their marks: ş → s, ç → c).
_AZERBAIJANI = str.maketrans(
    {
        "ə": "e",
        "ı": "i",
        "ğ": "g",
        "ş": "sh",
        "ç": "ch",
        "x": "kh",
        "q": "g",
        "ö": "o",
        "ü": "u",
        "w": "v",
    }
)

# Digraphs, longest first, each to one letter; "w" and "c" stand for sh and ch
# (no Latin w or c is left at this point).
_DIGRAPHS = [("dzh", "j"), ("dj", "j"), ("zh", "j"), ("kh", "g"), ("gh", "g"), ("sh", "w"), ("ch", "c")]
_AZERBAIJANI_C = re.compile(r"c(?!h)")
_FOLD = str.maketrans({"h": "g", "e": "a", "y": "i"})
_GLIDE = re.compile(r"(?<=[aeiouy])y|y(?=[aeiou])")
# A doubled letter is one (Mammadli, Мамедли); a longer run is no name and is kept, so "aaaa" is not "a".
_DOUBLE = re.compile(r"(.)\1")
_WORD = re.compile(r"[^\W_]+")


def _fold_word(word):
    for digraph, letter in _DIGRAPHS:
        word = word.replace(digraph, letter)
    # yu, yo, ya: the Russian vowels ю, ё, я after a consonant are Azerbaijani ü, ö, a.
    word = _GLIDE.sub("", word)
    return word.translate(_FOLD)


def name_key(text):
    """Return the folded key of a name ("Sevinc Vaqifqızı" → "savinjvagifgizi"); "" for no letters."""
    # Lower-case the Turkic capitals first: "İ".lower() would leave a combining dot.
    text = (text or "").replace("İ", "i").replace("I", "i").lower()
    # Azerbaijani c is English j; an English "ch" keeps its c.
    text = anyascii(_AZERBAIJANI_C.sub("j", text).translate(_AZERBAIJANI)).lower()
    return _DOUBLE.sub(r"\1", "".join(_fold_word(word) for word in _WORD.findall(text)))


def name_keys(*names):
    """Return the distinct non-empty keys of ``names``, one per line (the form the key columns store)."""
    keys = []
    for name in names:
        key = name_key(name)
        if key and key not in keys:
            keys.append(key)
    return "\n".join(keys)


def search_keys(text):
    """Return the keys of the words of a search ``text``, each of which a matching name must contain."""
    return [key for key in (name_key(word) for word in (text or "").split()) if key]


def write_keys(journalists, aliases, versions=None):
    """
    Write the keys of every row of the journalist, alias and (optionally)
    journalist version models given, for rows saved without ``save()``: a
    fixture loaded raw, or the rows a migration finds. Version counters and
    history are left alone.
    """
    rows = [
        (journalists, lambda row: {"name_key": name_keys(row.name, row.name_original)}),
        (aliases, lambda row: {"name_key": name_key(row.name)}),
    ]
    if versions is not None:
        rows.append(
            (versions, lambda row: {"name_keys": name_keys(row.name, row.name_original, *row.aliases.splitlines())})
        )
    for model, keys in rows:
        for row in model._base_manager.iterator(chunk_size=2000):
            model._base_manager.filter(pk=row.pk).update(**keys(row))
