"""Write the small hostile inputs of this folder (run it to regenerate them; commit the result).

    python tests/hostile/generate.py

The big ones (a 50 MB page, a 5,000-line JSONL with a broken line) are made at test time
by tests/test_hostile_inputs.py, never committed. EXPECTED (below) is what a build must make
of each file: the identifiers of the articles that land in the graph, and the line numbers
of the problems reported (None: the whole file).
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent

ARTICLE = (
    "Le président Tô Lâm a reçu le 10 mars 2025 à Hanoï le président sud-africain "
    "Cyril Ramaphosa. Les deux dirigeants ont salué le partenariat stratégique entre le "
    "Vietnam et l'Afrique du Sud."
)

# hostile strings for titles, ids, names and texts
QUOTES = "Il a dit \"oui\" puis 'non' \\ et \\\\ encore"
MARKUP = '<script>alert("x")</script> & <b>gras</b> > < &amp;'
CONTROLS = "nul\x00 bell\x07 esc\x1b del\x7f c1\x85\x9f ff\x0c vt\x0b"
NEWLINES = "ligne 1\nligne 2\r\nligne 3\u2028ligne 4\u2029fin"
EMOJI = "Sommet 🇻🇳🤝🇫🇷 👍🏽 👨‍👩‍👧 😀"
RTL = "مرحبا שלום \u202eevil\u202c \u200fRLM\u200e"
ZERO_WIDTH = "zero\u200bwidth\u200cjoin\u200dword\ufeffbom\u2060"
ODD = "nonchar\ufffe\uffff private\ue000 astral\U0001d11e"


def jsonl(records: list[object | str]) -> str:
    """One line per record; a str is written as is (a broken line)."""
    return "".join(
        (r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in records
    )


def write() -> None:
    (HERE / "empty.txt").write_bytes(b"")
    (HERE / "whitespace.txt").write_bytes(b"  \n\t\r\n   \n\xc2\xa0\n")
    (HERE / "binary.txt").write_bytes(bytes(range(256)) * 4 + b"\x89PNG\r\n\x1a\n\x00\x00")
    (HERE / "broken.json").write_text('{"id": "broken", "text": "Le président\n', encoding="utf-8")
    (HERE / "not-records.json").write_text("[1, 2, 3]\n", encoding="utf-8")
    (HERE / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    (HERE / "utf16.txt").write_bytes(
        ("Visite au Vietnam\n\n" + ARTICLE + "\n").encode("utf-16")
    )  # with BOM
    (HERE / "cp1252.txt").write_bytes(
        ("Entretien à Hanoï\n\nL’ambassadeur a été reçu. " + ARTICLE + "\n").encode("cp1252")
    )
    (HERE / "latin1.txt").write_bytes(
        ("Réception à Hanoï\n\nDéjà été reçu. " + ARTICLE + "\n").encode("latin-1")
    )
    (HERE / "records.jsonl").write_text(
        jsonl(
            [
                {"id": "ok-1", "title": "Premier", "text": ARTICLE},  # 1
                {"id": "no-text", "title": "Sans texte"},  # 2
                {"id": "null-text", "text": None},  # 3
                {"id": "int-text", "text": 42},  # 4
                {"id": "list-text", "text": ["a", "b"]},  # 5
                {"id": "empty-text", "text": "   "},  # 6
                ["not", "an", "object"],  # 7
                '{"id": "broken-line", "text": "coupé',  # 8
                {"id": ["bad", "id"], "text": ARTICLE},  # 9
                {"id": "ok-2", "title": 7, "url": 3, "published": "hier", "text": ARTICLE},  # 10
                {"id": "ok-1", "text": "Doublon " + ARTICLE},  # 11 duplicate
                "",  # blank
                {"id": "ok-3", "published": "2025-02-30", "text": ARTICLE},  # 13
            ]
        ),
        encoding="utf-8",
    )
    hostile = [QUOTES, MARKUP, CONTROLS, NEWLINES, EMOJI, RTL, ZERO_WIDTH, ODD]
    records: list[object] = []
    for i, s in enumerate(hostile):
        records.append(
            {
                "id": f"h{i}-{s}",
                "title": s,
                "url": f"https://example.org/{s}",
                "published": "2025-03-11",
                "text": f"{s}\n\nLe président {s[:12].strip() or 'X'} Dupont a reçu le ministre "
                f'Jean "Le Grand" O\'Brien\\ le 10 mars. {s}\n\n{ARTICLE}',
            }
        )
    records.append({"id": "lone-surrogate", "title": "a\ud800b", "text": "x\udc00y " + ARTICLE})
    records.append({"id": "slash/and#hash", "title": "ids with / and #", "text": ARTICLE})
    records.append({"id": "slash", "title": "teaser-like id neighbour", "text": ARTICLE})
    records.append({"id": "..", "title": "dot segment", "text": ARTICLE})
    (HERE / "names.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=True) + "\n" for r in records), encoding="utf-8"
    )
    urls = [
        "http://x/a#b#c",
        "http://",
        "https://",
        "javascript:alert(1)",
        'http://exa mple.com/ü?q=<>"{}|^`',
        "ftp://[::1",
        "http://x:99999999/",
        "mailto:",
        "//no-scheme/x",
        "http://x/%zz%",
        "https://example.org/\n/x",
        "http://a b:c@d/",
        "https://例え.jp/パス",
        "urn:isbn:0451450523",
        "",
        "   ",
        "http://x/\x00\x01",
        "HTTP://EXAMPLE.ORG/A",
        "http://[fe80::1%25eth0]/",
        "https://example.org/a?b=c&d=e#frag",
    ]
    (HERE / "urls.jsonl").write_text(
        jsonl(
            [
                {"id": f"url-{i}", "title": f"URL {i}", "url": u, "text": ARTICLE}
                for i, u in enumerate(urls)
            ]
        ),
        encoding="utf-8",
    )


# what a build makes of each file: (ids in the graph, problem lines or None for the file)
EXPECTED: dict[str, tuple[set[str], list[int | None]]] = {
    "empty.txt": (set(), [None]),
    "whitespace.txt": (set(), [None]),
    "binary.txt": (set(), [None]),
    "broken.json": (set(), [1]),
    "not-records.json": (set(), [1, 1, 1]),
    "deep.json": (set(), [None]),
    "utf16.txt": ({"utf16"}, []),
    "cp1252.txt": ({"cp1252"}, []),
    "latin1.txt": ({"latin1"}, []),
    "records.jsonl": ({"ok-1", "ok-2", "ok-3"}, [2, 3, 4, 5, 6, 7, 8, 9, 11]),
    "urls.jsonl": ({f"url-{i}" for i in range(20)}, []),
}

if __name__ == "__main__":
    write()
