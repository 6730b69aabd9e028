"""Merge a .pot into a .po: keep existing translations, add new terms, drop obsolete ones."""

import sys

import polib


def merge(pot_path, po_path, lang="zh_CN"):
    pot = polib.pofile(pot_path)
    try:
        old = {(e.msgctxt, e.msgid): e for e in polib.pofile(po_path)}
    except OSError:
        old = {}
    po = polib.POFile(wrapwidth=0)
    po.header = pot.header
    po.metadata = dict(pot.metadata, Language=lang)
    po.metadata["Plural-Forms"] = "nplurals=1; plural=0;"
    for entry in pot:
        previous = old.get((entry.msgctxt, entry.msgid))
        entry.msgstr = previous.msgstr if previous else ""
        po.append(entry)
    po.save(po_path)
    return [e.msgid for e in po if not e.msgstr]


if __name__ == "__main__":
    missing = merge(sys.argv[1], sys.argv[2])
    print(f"{sys.argv[2]}: {len(missing)} untranslated")
    for msgid in missing:
        print("  -", msgid.replace("\n", "\\n")[:120])
