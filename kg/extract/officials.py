"""Officials: a person's name in apposition with a title.

French news names officials in a few fixed shapes, all handled here from the lexicon spans:

- title then name: "la vice-ministre des Affaires étrangères, Le Thi Thu Hang", "le ministre
  des AE Bui Thanh Son", "son homologue kirghize, Abakirov Meder";
- name then title: "Nguyen Minh Trieu, commandant adjoint de la 9e zone militaire", stacked
  ("Phan Dinh Trac, membre du Bureau politique, secrétaire du Comité central, …");
- lists mixing both ("A, t1, B, t2, et le t3, C, l'ambassadeur …, D").

A title's complements give the country the official serves (first country, demonym or
national organisation in the title: "ambassadeur du Brésil au Vietnam" → BR), else the
delegation they lead ("une délégation du ministère cambodgien …, conduite par …"), else
another mention of the same person in the document, else the home country of the outlets.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from kg.extract.mentions import (DocIndex, LexSpan, NameRun, compound_countries, name_runs)
from kg.lexicon import load_lexicon
from kg.namespaces import fold

DETERMINERS = {"le", "la", "les", "l'", "l’", "son", "sa", "ses", "leur", "leurs", "un", "une",
               "cet", "cette", "ce", "notre", "votre"}
PREPOSITIONS = {"de", "du", "des", "d'", "d’", "en", "au", "aux", "à", "pour", "chargé", "chargée",
                "auprès", "sur"}
TITLE_MODIFIERS = {"adjoint", "adjointe", "général", "générale", "par", "intérim", "permanent",
                   "permanente", "délégué", "déléguée", "honoraire", "sortant", "sortante", "élu",
                   "élue", "nouveau", "nouvelle", "chargé", "chargée", "exécutif", "exécutive",
                   "principal", "principale", "spécial", "spéciale", "extraordinaire",
                   "plénipotentiaire", "en", "chef", "premier", "première"}
APPOINTED = {"élu", "élue", "réélu", "réélue", "nommé", "nommée", "désigné", "désignée",
             "poste", "fonction", "fonctions", "devenu", "devenue"}
RESPECTIVELY = "respectivement"
# "ambassadeurs … auprès de la Mauritanie", "ambassadeur … en Russie": the posting
POSTED = {"auprès", "près", "en"}
LEADS = {"conduite", "conduit", "conduites", "conduits", "dirigée", "dirigé", "menée", "mené",
         "présidée", "présidé"}


@dataclass
class TitleChain:
    start: int
    end: int
    head: LexSpan
    country: str | None
    determiner: bool

    @property
    def reference(self) -> bool:
        return self.head.ident == "reference"

    def role(self, doc: Doc) -> str:
        toks = [t for t in doc[self.start:self.end]]
        while toks and (toks[-1].is_punct or toks[-1].is_space) and toks[-1].text != ")":
            toks.pop()
        if not toks:
            return ""
        text = doc[toks[0].i:toks[-1].i + 1].text
        return " ".join(text.split())


@dataclass
class OfficialMention:
    name: str
    start: int              # token offsets of the name
    end: int
    sent: Span
    roles: list[str] = field(default_factory=list)
    country: str | None = None
    reference: bool = False   # introduced as a counterpart ("son homologue kirghize, X")

    @property
    def key(self) -> frozenset[str]:
        return frozenset(fold(self.name).replace("-", " ").split())


def _is_name_start(i: int, runs_by_start: dict[int, NameRun], idx: DocIndex) -> bool:
    run = runs_by_start.get(i)
    if run is None:
        return False
    if run.end - run.start >= 2:
        return True
    tok = idx.doc[i]
    prev = idx.doc[i - 1] if i > 0 else None
    return not idx.is_common_noun(tok) and not (prev is not None and prev.lower_ in PREPOSITIONS | DETERMINERS)


def title_chains(sent: Span, idx: DocIndex, runs: list[NameRun]) -> list[TitleChain]:
    """Each title head in ``sent`` extended over its modifiers and complements."""
    doc = sent.doc
    runs_by_start = {r.start: r for r in runs}
    heads = sorted(idx.in_sentence(sent, "TITLE"), key=lambda s: s.start)
    chains: list[TitleChain] = []
    consumed_until = -1
    for head in heads:
        if head.start < consumed_until:
            continue
        k = head.end
        while k < sent.end:
            t = doc[k]
            if _is_name_start(k, runs_by_start, idx) and k > head.end - 1:
                break
            low = t.lower_
            labels = idx.labels_at(k)
            if labels & {"DEMONYM", "COUNTRY", "ORG", "CAPITAL"}:
                k += 1
                continue
            if "TITLE" in labels and k > head.end:
                k += 1
                continue
            if t.text == "(":
                close = next((j for j in range(k + 1, min(sent.end, k + 14)) if doc[j].text == ")"), None)
                if close is not None:
                    k = close + 1
                    continue
                break
            if low == ",":
                nxt = doc[k + 1] if k + 1 < sent.end else None
                if nxt is not None and nxt.lower_ in {"des", "du", "de", "d'", "d’"}:
                    k += 1
                    continue
                break
            if low == "et":
                nxt = doc[k + 1] if k + 1 < sent.end else None
                if nxt is not None and (nxt.lower_ in PREPOSITIONS or nxt.lower_ in TITLE_MODIFIERS and nxt.lower_ not in ("par", "en", "chef")
                                        or "TITLE" in idx.labels_at(nxt.i)):
                    k += 1
                    continue
                break
            if low in PREPOSITIONS or low in DETERMINERS or low in TITLE_MODIFIERS:
                k += 1
                continue
            if t.pos_ in ("NOUN", "PROPN", "ADJ", "NUM", "DET") and not t.is_space:
                if t.pos_ == "ADJ" or t.text[:1].isupper() or t.like_num or low.endswith(("e", "er", "ème", "ᵉ")):
                    k += 1
                    continue
                # a lower-case noun continues a complement only right after a preposition/det
                prev = doc[k - 1]
                if prev.lower_ in PREPOSITIONS or prev.lower_ in DETERMINERS or prev.pos_ in ("NOUN", "ADJ", "PROPN"):
                    k += 1
                    continue
            if t.text in ("-", "–") and k + 1 < sent.end and idx.labels_at(k + 1) & {"COUNTRY"}:
                k += 1
                continue
            break
        end = k
        # a chain never ends on a preposition or determiner ("… de la" before a name)
        while end > head.end and (doc[end - 1].lower_ in PREPOSITIONS | DETERMINERS | {","}):
            end -= 1
        consumed_until = end
        country = None
        for j in range(head.start, end):
            s = idx.span_at(j, "DEMONYM", "COUNTRY", "ORG", "CAPITAL")
            if s is not None and s.label == "DEMONYM" and _portfolio(doc, s.start, idx):
                continue
            if s is not None and s.label != "CAPITAL":
                code = idx.place_code(s)
                if code:
                    country = code
                    break
            comp = compound_countries(doc[j], idx.lex)
            if comp:
                break
        det = head.start > sent.start and doc[head.start - 1].lower_ in DETERMINERS
        chains.append(TitleChain(head.start, end, head, country, det))
    return chains


def _portfolio(doc: Doc, i: int, idx: DocIndex) -> bool:
    """A demonym qualifying a portfolio ("directrice des affaires américaines")."""
    return i > 0 and doc[i - 1].lower_ in idx.lex.word_list("portfolio_nouns")


def _gap(doc: Doc, a: int, b: int) -> str:
    """The tokens between two items, as one normalised string ("", ",", "et", …); forms of
    address ("M.", "Son Excellence") are no gap ("le président, M. X")."""
    address = load_lexicon().word_list("honorifics")
    return " ".join(t.text for t in doc[a:b] if not t.is_space and t.text not in address)


def _skip_parenthesis(doc: Doc, i: int, limit: int) -> int:
    """If a parenthesis opens at ``i``, the index after it closes; else ``i``."""
    if i < limit and doc[i].text == "(":
        for j in range(i + 1, min(limit, i + 10)):
            if doc[j].text == ")":
                return j + 1
    return i


def _delegation_country(sent: Span, chain: TitleChain, idx: DocIndex) -> str | None:
    """"une délégation du ministère cambodgien …, conduite par son directeur, le général X"."""
    doc = sent.doc
    lo = max(sent.start, chain.start - 6)
    lead = next((j for j in range(chain.start - 1, lo - 1, -1) if doc[j].lower_ in LEADS), None)
    if lead is None:
        return None
    deleg = next((j for j in range(lead - 1, sent.start - 1, -1)
                  if doc[j].lower_.startswith("délégation")), None)
    if deleg is None:
        return None
    for j in range(lead - 1, deleg, -1):
        s = idx.span_at(j, "DEMONYM", "COUNTRY", "ORG")
        if s is not None:
            code = idx.place_code(s)
            if code:
                return code
    return None


def sentence_officials(sent: Span, idx: DocIndex) -> tuple[list[OfficialMention], list[NameRun]]:
    """Officials named with a title in ``sent``, and every name run (for later linking)."""
    doc = sent.doc
    runs = name_runs(sent, idx)
    chains = title_chains(sent, idx, runs)
    multi = [r for r in runs if r.end - r.start >= 2]
    singles = {r.start: r for r in runs if r.end - r.start == 1}
    items: list[tuple[int, str, object]] = [(c.start, "C", c) for c in chains]
    items += [(r.start, "N", r) for r in multi]
    # a single word right after a title is a short name ("le président Biden")
    for c in chains:
        r = singles.get(c.end)
        if r is not None and not c.reference:
            items.append((r.start, "N", r))
    items.sort(key=lambda x: x[0])
    mentions: dict[int, OfficialMention] = {}

    def mention(run: NameRun) -> OfficialMention:
        m = mentions.get(run.start)
        if m is None:
            m = OfficialMention(doc[run.start:run.end].text, run.start, run.end, sent)
            mentions[run.start] = m
        return m

    def attach(chain: TitleChain, run: NameRun) -> None:
        m = mention(run)
        if chain.reference:
            m.reference = True
        else:
            role = chain.role(doc)
            if role and role not in m.roles:
                m.roles.append(role)
        country = chain.country or _delegation_country(sent, chain, idx)
        if country and not m.country:
            m.country = country

    owner: dict[int, NameRun] = {}       # chain index → the name it was given to
    absorbed: set[int] = set()           # runs that are part of an institution's name
    for n, (pos, kind, obj) in enumerate(items):
        if kind != "C":
            continue
        chain: TitleChain = obj  # type: ignore[assignment]
        prev = items[n - 1] if n > 0 else None
        nxt = items[n + 1] if n + 1 < len(items) else None
        back: NameRun | None = None
        if prev is not None and not chain.determiner:
            pk, po = prev[1], prev[2]
            if pk == "N":
                after = _skip_parenthesis(doc, po.end, chain.start)  # type: ignore[union-attr]
                if _gap(doc, after, chain.start) == ",":
                    back = po  # type: ignore[assignment]
            elif pk == "C" and (n - 1) in owner and _gap(doc, po.end, chain.start) in (",", "et"):  # type: ignore[union-attr]
                back = owner[n - 1]
        if back is None and _appointed(doc, chain, sent):
            back = _nearest_run_before(multi, chain.start, sent.start)
        if nxt is not None and nxt[1] == "N":
            run: NameRun = nxt[2]  # type: ignore[assignment]
            gap = _gap(doc, chain.end, run.start)
            if gap == "" and _ends_in_institution(doc, chain, idx):
                # "président de l'Académie nationale de politique Hô Chi Minh": the name
                # belongs to the institution, not to a person
                absorbed.add(run.start)
            elif gap == "" or (gap == "," and back is None):
                owner[n] = run
                attach(chain, run)
                continue
        if nxt is not None and nxt[1] == "C" and back is None and \
                _gap(doc, chain.end, nxt[2].start).split(" ")[0] == "," and \
                all(w.lower() in DETERMINERS for w in _gap(doc, chain.end, nxt[2].start).split(" ")[1:]):  # type: ignore[union-attr]
            # "son directeur, le lieutenant-général X": stacked titles before one name
            m = n + 1
            while m < len(items) and items[m][1] == "C":
                m += 1
            if m < len(items) and items[m][1] == "N" and _gap(doc, items[m - 1][2].end, items[m][2].start) in ("", ","):  # type: ignore[union-attr]
                owner[n] = items[m][2]  # type: ignore[assignment]
                attach(chain, items[m][2])  # type: ignore[arg-type]
                continue
        if back is not None:
            owner[n] = back
            attach(chain, back)
    # a title cut short by a clause ("le vice-ministre …, vice-président du Comité … laissées par
    # la guerre (…), Bùi Hông Linh, et …"): the name right after a comma takes the nearest
    # earlier title that no one took, when no other name stands between them
    for r in multi:
        if r.start in mentions or r.start in absorbed:
            continue
        if r.start - 1 < sent.start or doc[r.start - 1].text != ",":
            continue
        for n in range(len(items) - 1, -1, -1):
            pos, kind, obj = items[n]
            if pos >= r.start:
                continue
            if kind == "N":
                break
            if n not in owner and obj.end <= r.start and r.start - obj.end <= 40:  # type: ignore[union-attr]
                owner[n] = r
                attach(obj, r)  # type: ignore[arg-type]
                break
    # "les ambassadeurs du Nigeria, A, et du Pérou, B": a coordinated complement of an
    # earlier title, with its own country, introduces the next name
    for r in multi:
        if r.start in mentions or r.start in absorbed or r.start - 1 <= sent.start:
            continue
        if doc[r.start - 1].text != ",":
            continue
        place = idx.span_at(r.start - 2, "COUNTRY", "DEMONYM")
        if place is None or idx.place_code(place) is None:
            continue
        j = place.start - 1
        while j > sent.start and doc[j].lower_ in PREPOSITIONS | DETERMINERS:
            j -= 1
        if doc[j].lower_ not in ("et", ",") or not chains or chains[0].start >= j:
            continue
        head = max((c for c in chains if c.end <= j), key=lambda c: c.end, default=None)
        if head is None:
            continue
        m = mention(r)
        m.roles.append(f"{doc[head.head.start:head.head.end].text} {doc[j + 1:place.end].text}")
        m.country = m.country or idx.place_code(place)
    for run, role, country in _respectively(sent, idx, chains, multi):
        if run.start not in mentions and run.start not in absorbed:
            m = mention(run)
            m.roles.append(role)
            m.country = m.country or country
    runs = [r for r in runs if r.start not in absorbed]
    return sorted(mentions.values(), key=lambda m: m.start), runs


def _respectively(sent: Span, idx: DocIndex, chains: list[TitleChain],
                  runs: list[NameRun]) -> list[tuple[NameRun, str, str]]:
    """"les ambassadeurs de France et des États-Unis, respectivement MM. A et B": the i-th
    name after "respectivement" holds the title for the i-th country before it."""
    doc = sent.doc
    at = next((t.i for t in sent if t.lower_ == RESPECTIVELY), None)
    if at is None:
        return []
    chain = max((c for c in chains if c.end <= at and at - c.end <= 3), key=lambda c: c.end,
                default=None)
    if chain is None:
        return []
    countries: list[str] = []
    for j in range(chain.head.end, chain.end):
        if doc[j].lower_ in POSTED:
            break           # "… auprès de la Mauritanie": where they serve, not whom
        s = idx.span_at(j, "COUNTRY", "DEMONYM")
        code = idx.place_code(s) if s is not None and s.start == j else None
        if code and code not in countries:
            countries.append(code)
    names = [r for r in runs if r.start > at]
    if len(countries) < 2 or len(names) < len(countries):
        return []
    head = doc[chain.head.start:chain.head.end].text
    role = head[:-1] if head.endswith("s") else head
    return [(names[i], role, countries[i]) for i in range(len(countries))]


def _ends_in_institution(doc: Doc, chain: TitleChain, idx: DocIndex) -> bool:
    last = doc[chain.end - 1]
    if chain.end <= chain.head.end:
        return False
    if idx.labels_at(last.i) & {"TITLE", "COUNTRY", "DEMONYM", "ORG", "CAPITAL"}:
        return False
    return last.text.islower() and last.pos_ == "NOUN"


def _appointed(doc: Doc, chain: TitleChain, sent: Span) -> bool:
    """"X a été élu secrétaire national …", "son élection au poste de secrétaire …"."""
    window = doc[max(sent.start, chain.start - 3):chain.start]
    return any(t.lower_ in APPOINTED for t in window)


def _nearest_run_before(runs: list[NameRun], at: int, lo: int) -> NameRun | None:
    before = [r for r in runs if r.end <= at and at - r.end <= 15 and r.start >= lo]
    return max(before, key=lambda r: r.end) if before else None
