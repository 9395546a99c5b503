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

from spacy.tokens import Doc, Span, Token

from kg.extract.french import DETERMINERS, PREPOSITIONS, STATE_NOUNS
from kg.extract.mentions import (
    ADDRESS_POSSESSIVES,
    DocIndex,
    LexSpan,
    NameRun,
    compound_countries,
    name_runs,
)
from kg.lexicon import Lexicon, load_lexicon
from kg.text import fold, name_key

_LEX = load_lexicon()
TITLE_MODIFIERS = _LEX.required_words("title_modifiers")
APPOINTED = _LEX.required_words("appointed")
LEADS = _LEX.required_words("leads")
RESPECTIVELY = frozenset({"respectivement"})
# "ambassadeurs … auprès de la Mauritanie", "ambassadeur … en Russie": the posting
POSTED = {"auprès", "près", "en"}


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
        toks = [t for t in doc[self.start : self.end]]
        while toks and (toks[-1].is_punct or toks[-1].is_space) and toks[-1].text != ")":
            toks.pop()
        if not toks:
            return ""
        text = doc[toks[0].i : toks[-1].i + 1].text
        return " ".join(text.split())


def holds_title(role: str, held: str) -> bool:
    """Whether a bare title ("président", folded) names the office ``held`` (folded:
    "président de la République", "premier secrétaire … et président de la République").

    >>> holds_title("president", "president de la republique")
    True
    >>> holds_title("president", "vice-president")
    False
    """
    return held == role or held.startswith(role + " ") or f" et {role}" in held


@dataclass
class OfficialMention:
    name: str
    start: int  # token offsets of the name
    end: int
    sent: Span
    roles: list[str] = field(default_factory=list)
    country: str | None = None
    reference: bool = False  # introduced as a counterpart ("son homologue kirghize, X")

    @property
    def key(self) -> frozenset[str]:
        return name_key(self.name)


def _is_name_start(i: int, runs_by_start: dict[int, NameRun], idx: DocIndex) -> bool:
    run = runs_by_start.get(i)
    if run is None:
        return False
    tok = idx.doc[i]
    prev = idx.doc[i - 1] if i > 0 else None
    after_article = prev is not None and prev.lower_ in PREPOSITIONS | DETERMINERS
    if run.end - run.start >= 2:
        # "ministre de l'Intégration Régionale": a capitalised complement, not a name
        return not (run.end - run.start == 2 and after_article and idx.is_common_noun(tok))
    return not idx.is_common_noun(tok) and not after_article


def title_chains(sent: Span, idx: DocIndex) -> list[TitleChain]:
    """Each title head in ``sent`` extended over its modifiers and complements.

    Found once per sentence and kept in ``idx`` (the officials, the bare titles, the
    neighbours and the events all ask; no rule changes a chain)."""
    key = (sent.start, sent.end)
    chains = idx.chains.get(key)
    if chains is None:
        chains = idx.chains[key] = _title_chains(sent, idx, name_runs(sent, idx))
    return list(chains)


def _title_chains(sent: Span, idx: DocIndex, runs: list[NameRun]) -> list[TitleChain]:
    doc = sent.doc
    runs_by_start = {r.start: r for r in runs}
    heads = sorted(idx.in_sentence(sent, "TITLE"), key=lambda s: s.start)
    chains: list[TitleChain] = []
    consumed_until = -1
    for head in heads:
        if head.start < consumed_until:
            continue
        k = head.end
        while k < sent.end and not (_is_name_start(k, runs_by_start, idx) and k > head.end - 1):
            step = _chain_step(sent, idx, head, k)
            if step is None:
                break
            k = step
        end = k
        # a chain never ends on a preposition or determiner ("… de la" before a name)
        while end > head.end and (doc[end - 1].lower_ in PREPOSITIONS | DETERMINERS | {","}):
            end -= 1
        consumed_until = end
        det = head.start > sent.start and doc[head.start - 1].lower_ in DETERMINERS
        chains.append(
            TitleChain(head.start, end, head, _chain_country(doc, idx, head.start, end), det)
        )
    return chains


def _chain_step(sent: Span, idx: DocIndex, head: LexSpan, k: int) -> int | None:
    """Where a title chain goes on after token ``k`` (None: it ends before ``k``)."""
    doc = sent.doc
    t = doc[k]
    low = t.lower_
    labels = idx.labels_at(k)
    nxt = doc[k + 1] if k + 1 < sent.end else None
    if labels & {"DEMONYM", "COUNTRY", "ORG", "CAPITAL"} or ("TITLE" in labels and k > head.end):
        return k + 1
    if t.text == "(":
        close = next((j for j in range(k + 1, min(sent.end, k + 14)) if doc[j].text == ")"), None)
        return None if close is None else close + 1
    if low == ",":  # ", des Affaires étrangères": a complement goes on
        return k + 1 if nxt is not None and nxt.lower_ in {"des", "du", "de", "d'", "d’"} else None
    if low == "et":  # "et de la Coopération", "extraordinaire et plénipotentiaire"
        return k + 1 if nxt is not None and _coordinated(nxt, idx) else None
    if low in PREPOSITIONS or low in DETERMINERS or low in TITLE_MODIFIERS:
        return k + 1
    if _complement_word(t, doc[k - 1]):
        return k + 1
    if t.text in ("-", "–") and nxt is not None and idx.labels_at(k + 1) & {"COUNTRY"}:
        return k + 1
    return None


def _coordinated(nxt: Token, idx: DocIndex) -> bool:
    """After "et", does a title's complement or modifier go on?"""
    low = nxt.lower_
    return (
        low in PREPOSITIONS
        or (low in TITLE_MODIFIERS and low not in ("par", "en", "chef"))
        or "TITLE" in idx.labels_at(nxt.i)
    )


def _complement_word(t: Token, prev: Token) -> bool:
    """A word of a title's complement ("du Comité central", "de la 9e zone militaire")."""
    if t.pos_ not in ("NOUN", "PROPN", "ADJ", "NUM", "DET") or t.is_space:
        return False
    low = t.lower_
    if (
        t.pos_ == "ADJ"
        or t.text[:1].isupper()
        or t.like_num
        or low.endswith(("e", "er", "ème", "ᵉ"))
    ):
        return True
    # a lower-case noun continues a complement only right after a preposition/det
    return (
        prev.lower_ in PREPOSITIONS
        or prev.lower_ in DETERMINERS
        or prev.pos_ in ("NOUN", "ADJ", "PROPN")
    )


def _chain_country(doc: Doc, idx: DocIndex, start: int, end: int) -> str | None:
    """The country a title names: its first country, demonym or national organisation."""
    for j in range(start, end):
        s = idx.span_at(j, "DEMONYM", "COUNTRY", "ORG", "CAPITAL")
        if s is not None and s.label == "DEMONYM" and _portfolio(doc, s.start, idx):
            continue
        if (
            s is not None
            and s.label == "ORG"
            and _state_office(doc, start, idx)
            and idx.place_code(s) in idx.lex.organizations
        ):
            continue  # "ministre … de la Francophonie": a portfolio, not the body served
        if s is not None and s.label != "CAPITAL":
            code = idx.place_code(s)
            if code:
                return code
        if compound_countries(doc[j], idx.lex):
            return None
    return None


def _state_office(doc: Doc, start: int, idx: DocIndex) -> bool:
    """A title that serves a state, never an organisation ("ministre", "secrétaire d'État")."""
    return doc[start].lower_ in idx.lex.word_list("state_offices")


def _portfolio(doc: Doc, i: int, idx: DocIndex) -> bool:
    """A demonym qualifying a portfolio ("directrice des affaires américaines")."""
    return i > 0 and doc[i - 1].lower_ in idx.lex.word_list("portfolio_nouns")


def _gap(doc: Doc, a: int, b: int) -> str:
    """The tokens between two items, as one normalised string ("", ",", "et", …); forms of
    address ("M.", "Son Excellence") are no gap ("le président, M. X")."""
    address = load_lexicon().word_list("honorifics")
    toks = [t for t in doc[a:b] if not t.is_space]
    return " ".join(
        t.text
        for i, t in enumerate(toks)
        if t.text not in address and not _possessive_of_address(toks, i, address)
    )


def _possessive_of_address(toks: list[Token], i: int, address: frozenset[str]) -> bool:
    """ "Son" of "Son Excellence", "Sa" of "Sa Majesté": part of the form of address."""
    return (
        toks[i].lower_ in ADDRESS_POSSESSIVES and i + 1 < len(toks) and toks[i + 1].text in address
    )


def _skip_parenthesis(doc: Doc, i: int, limit: int) -> int:
    """If a parenthesis opens at ``i``, the index after it closes; else ``i``."""
    if i < limit and doc[i].text == "(":
        for j in range(i + 1, min(limit, i + 10)):
            if doc[j].text == ")":
                return j + 1
    return i


def _delegation_country(sent: Span, chain: TitleChain, idx: DocIndex) -> str | None:
    """ "une délégation du ministère cambodgien …, conduite par son directeur, le général X"."""
    doc = sent.doc
    lo = max(sent.start, chain.start - 6)
    lead = next((j for j in range(chain.start - 1, lo - 1, -1) if doc[j].lower_ in LEADS), None)
    if lead is None:
        return None
    deleg = next(
        (j for j in range(lead - 1, sent.start - 1, -1) if doc[j].lower_.startswith("délégation")),
        None,
    )
    if deleg is None:
        return None
    for j in range(lead - 1, deleg, -1):
        s = idx.span_at(j, "DEMONYM", "COUNTRY", "ORG")
        if s is not None:
            code = idx.place_code(s)
            if code:
                return code
    return None


APPOSITION_REACH = 12  # tokens of an apposition read past its title for a country


def _apposition_country(sent: Span, chain: TitleChain, idx: DocIndex) -> str | None:
    """ "X, coordinateur pour le Moyen-Orient et l'Afrique du Nord au Conseil américain de
    sécurité nationale": a title that names no country, after the name, may be followed in
    its apposition (up to the comma, a verb or the end) by a demonym or a national body
    that does."""
    doc = sent.doc
    for j in range(chain.end, min(sent.end, chain.end + APPOSITION_REACH)):
        if doc[j].text in (",", ";", "(") or doc[j].pos_ in ("VERB", "AUX"):
            return None
        s = idx.span_at(j, "DEMONYM", "ORG")
        if s is None or (s.label == "DEMONYM" and _portfolio(doc, s.start, idx)):
            continue
        org = idx.lex.organizations.get(s.ident) if s.label == "ORG" else None
        if s.label == "DEMONYM" or (org is not None and org.country):
            return idx.place_code(s)
    return None


@dataclass
class Item:
    """A title chain or a name run of a sentence, in reading order."""

    start: int
    chain: TitleChain | None = None
    run: NameRun | None = None

    @property
    def end(self) -> int:
        if self.chain is not None:
            return self.chain.end
        assert self.run is not None
        return self.run.end


@dataclass
class SentenceReading:
    """The state of reading one sentence's officials: which name each title went to.

    Each ``rule_*`` method is one way French news puts a title beside a name; they run in
    order, each on what the ones before left.
    """

    sent: Span
    idx: DocIndex
    runs: list[NameRun]
    chains: list[TitleChain]
    items: list[Item]
    mentions: dict[int, OfficialMention] = field(default_factory=dict)
    owner: dict[int, NameRun] = field(default_factory=dict)  # item index → its name
    absorbed: set[int] = field(default_factory=set)  # runs inside an institution

    @classmethod
    def of(cls, sent: Span, idx: DocIndex) -> "SentenceReading":
        runs = name_runs(sent, idx)
        chains = title_chains(sent, idx)
        singles = {r.start: r for r in runs if r.end - r.start == 1}
        items = [Item(c.start, chain=c) for c in chains]
        inside = {k for c in chains for k in range(c.start, c.end)}
        # a title's capitalised words ("ministre de l'Intégration Régionale") are no name; a
        # name in parentheses inside it is ("les dirigeants de la Jamaïque (A), …")
        runs = [r for r in runs if r.start not in inside or sent.doc[r.start - 1].text == "("]
        items += [Item(r.start, run=r) for r in runs if r.end - r.start >= 2]
        # a single word right after a title is a short name ("le président Biden")
        items += [
            Item(singles[c.end].start, run=singles[c.end])
            for c in chains
            if c.end in singles and not c.reference and not _state_name_goes_on(c, sent.doc, idx)
        ]
        items.sort(key=lambda x: x.start)
        return cls(sent, idx, runs, chains, items)

    @property
    def doc(self) -> Doc:
        return self.sent.doc

    @property
    def multi(self) -> list[NameRun]:
        return [r for r in self.runs if r.end - r.start >= 2]

    def mention(self, run: NameRun) -> OfficialMention:
        m = self.mentions.get(run.start)
        if m is None:
            m = OfficialMention(self.doc[run.start : run.end].text, run.start, run.end, self.sent)
            self.mentions[run.start] = m
        return m

    def attach(self, n: int, run: NameRun) -> None:
        """Give the title of item ``n`` to the name ``run``."""
        chain = self.items[n].chain
        assert chain is not None
        self.owner[n] = run
        m = self.mention(run)
        if chain.reference:
            m.reference = True
        else:
            role = chain.role(self.doc)
            if role and role not in m.roles:
                m.roles.append(role)
        country = chain.country or _delegation_country(self.sent, chain, self.idx)
        if country is None and run.end <= chain.start:
            country = _apposition_country(self.sent, chain, self.idx)
        if country and not m.country:
            m.country = country

    def free(self, run: NameRun) -> bool:
        return run.start not in self.mentions and run.start not in self.absorbed

    # -- rule 1: a title and the name beside it -------------------------------------------
    def rule_title_and_name(self) -> None:
        """ "le ministre X", "X, ministre …", "A, t1, t2" (stacked), "son directeur, le
        général X", "X a été élu secrétaire …"."""
        for n, item in enumerate(self.items):
            if item.chain is None:
                continue
            back = self._name_before(n, item.chain)
            if self._name_after(n, item.chain, back is None) or self._stacked(n, item.chain, back):
                continue
            if back is not None:
                self.attach(n, back)

    def _name_before(self, n: int, chain: TitleChain) -> NameRun | None:
        """ "X, ministre …" (or the name of the title just before: "X, t1, t2")."""
        doc = self.doc
        back: NameRun | None = None
        prev = self.items[n - 1] if n > 0 else None
        if prev is not None and not chain.determiner:
            if prev.run is not None:
                after = _skip_parenthesis(doc, prev.run.end, chain.start)
                if _gap(doc, after, chain.start) == ",":
                    back = prev.run
            elif (n - 1) in self.owner and _gap(doc, prev.end, chain.start) in (",", "et"):
                back = self.owner[n - 1]
        if back is None and _appointed(doc, chain, self.sent):
            back = _nearest_run_before(self.multi, chain.start, self.sent.start)
        return back

    def _name_after(self, n: int, chain: TitleChain, alone: bool) -> bool:
        """ "le ministre X", "le ministre, X" (when no name stands before the title)."""
        nxt = self.items[n + 1] if n + 1 < len(self.items) else None
        if nxt is None or nxt.run is None:
            return False
        gap = _gap(self.doc, chain.end, nxt.run.start)
        if gap == "" and _ends_in_institution(self.doc, chain, self.idx):
            # "président de l'Académie nationale de politique Hô Chi Minh": the name
            # belongs to the institution, not to a person
            self.absorbed.add(nxt.run.start)
            return False
        if gap == "" or (gap == "," and alone):
            self.attach(n, nxt.run)
            return True
        return False

    def _stacked(self, n: int, chain: TitleChain, back: NameRun | None) -> bool:
        """ "son directeur, le lieutenant-général X": stacked titles before one name."""
        nxt = self.items[n + 1] if n + 1 < len(self.items) else None
        if nxt is None or nxt.chain is None or back is not None:
            return False
        words = _gap(self.doc, chain.end, nxt.start).split(" ")
        if words[0] != "," or not all(w.lower() in DETERMINERS for w in words[1:]):
            return False
        m = n + 1
        while m < len(self.items) and self.items[m].chain is not None:
            m += 1
        run = self.items[m].run if m < len(self.items) else None
        if run is not None and _gap(self.doc, self.items[m - 1].end, run.start) in ("", ","):
            self.attach(n, run)
            return True
        return False

    # -- rule 1b: a name, then its title with an article -----------------------------------
    def rule_name_then_determined_title(self) -> None:
        """ "X, l'ambassadeur du Maroc, avec le président …" (a photo caption): a title with
        its article right after a name and a comma, that no one took and no name follows,
        is that name's ("X, le ministre Y" gives the title to Y: rule 1)."""
        doc = self.doc
        for n, item in enumerate(self.items):
            chain = item.chain
            if (
                chain is None
                or n == 0
                or n in self.owner
                or not chain.determiner
                or chain.reference
                or self._named_after(n)
            ):
                continue
            prev = self.items[n - 1].run
            if prev is None:
                continue
            after = _skip_parenthesis(doc, prev.end, chain.start)
            if _gap(doc, after, chain.start - 1) == ",":
                self.attach(n, prev)

    def _named_after(self, n: int) -> bool:
        """Does a name follow item ``n``'s title, right after it or after a comma?"""
        nxt = self.items[n + 1] if n + 1 < len(self.items) else None
        return (
            nxt is not None
            and nxt.run is not None
            and _gap(self.doc, self.items[n].end, nxt.start) in ("", ",")
        )

    # -- rule 2: a title cut short by a clause ---------------------------------------------
    def rule_cut_title(self) -> None:
        """ "le vice-ministre …, vice-président du Comité … laissées par la guerre (…), Bùi
        Hông Linh, et …": the name right after a comma takes the nearest earlier title that
        no one took, when no other name stands between them."""
        doc = self.doc
        for r in self.multi:
            if not self.free(r) or r.start - 1 < self.sent.start or doc[r.start - 1].text != ",":
                continue
            for n in range(len(self.items) - 1, -1, -1):
                item = self.items[n]
                if item.start >= r.start:
                    continue
                if item.run is not None:
                    break
                if n not in self.owner and item.end <= r.start and r.start - item.end <= 40:
                    self.attach(n, r)
                    break

    # -- rule 3: a coordinated complement with its own country -----------------------------
    def rule_coordinated_complement(self) -> None:
        """ "les ambassadeurs du Nigeria, A, et du Pérou, B": a coordinated complement of an
        earlier title, with its own country, introduces the next name."""
        doc, idx, sent = self.doc, self.idx, self.sent
        for r in self.multi:
            if not self.free(r) or r.start - 1 <= sent.start or doc[r.start - 1].text != ",":
                continue
            place = idx.span_at(r.start - 2, "COUNTRY", "DEMONYM")
            if place is None or idx.place_code(place) is None:
                continue
            j = place.start - 1
            while j > sent.start and doc[j].lower_ in PREPOSITIONS | DETERMINERS:
                j -= 1
            if doc[j].lower_ not in ("et", ",") or not self.chains or self.chains[0].start >= j:
                continue
            head = max((c for c in self.chains if c.end <= j), key=lambda c: c.end, default=None)
            if head is None:
                continue
            m = self.mention(r)
            m.roles.append(
                f"{doc[head.head.start : head.head.end].text} {doc[j + 1 : place.end].text}"
            )
            m.country = m.country or idx.place_code(place)

    # -- rule 3b: names in parentheses after the countries of a plural title ---------------
    def rule_parenthesised_holders(self) -> None:
        """ "les dirigeants de la Jamaïque (A), du Ghana (B) et du Togo (C)": each name in
        parentheses right after a country of a title's complements holds that title for
        that country."""
        doc, idx = self.doc, self.idx
        for r in self.multi:
            if not self.free(r) or r.start - 2 <= self.sent.start or doc[r.start - 1].text != "(":
                continue
            place = idx.span_at(r.start - 2, "COUNTRY")
            code = idx.place_code(place) if place is not None else None
            chain = next((c for c in self.chains if c.head.end <= r.start < c.end), None)
            if place is None or code is None or chain is None:
                continue
            j = place.start
            while j > chain.head.end and doc[j - 1].lower_ in PREPOSITIONS | DETERMINERS:
                j -= 1
            head = doc[chain.head.start : chain.head.end].text
            m = self.mention(r)
            m.roles.append(f"{singular_title(head, idx.lex) or head} {doc[j : place.end].text}")
            m.country = code

    # -- rule 4: "respectivement" ------------------------------------------------------------
    def rule_respectively(self) -> None:
        for run, role, country in _respectively(self.sent, self.idx, self.chains, self.multi):
            if self.free(run):
                m = self.mention(run)
                m.roles.append(role)
                m.country = m.country or country


RULES = (
    SentenceReading.rule_title_and_name,
    SentenceReading.rule_name_then_determined_title,
    SentenceReading.rule_cut_title,
    SentenceReading.rule_coordinated_complement,
    SentenceReading.rule_parenthesised_holders,
    SentenceReading.rule_respectively,
)


def sentence_officials(sent: Span, idx: DocIndex) -> tuple[list[OfficialMention], list[NameRun]]:
    """Officials named with a title in ``sent``, and every name run (for later linking)."""
    reading = SentenceReading.of(sent, idx)
    for rule in RULES:
        rule(reading)
    runs = [r for r in reading.runs if r.start not in reading.absorbed]
    return sorted(reading.mentions.values(), key=lambda m: m.start), runs


def _respectively(
    sent: Span, idx: DocIndex, chains: list[TitleChain], runs: list[NameRun]
) -> list[tuple[NameRun, str, str]]:
    """ "les ambassadeurs de France et des États-Unis, respectivement MM. A et B": the i-th
    name after "respectivement" holds the title for the i-th country before it."""
    doc = sent.doc
    found = idx.word_positions(RESPECTIVELY, sent)
    if not found:
        return []
    at = found[0]
    chain = max(
        (c for c in chains if c.end <= at and at - c.end <= 3), key=lambda c: c.end, default=None
    )
    if chain is None:
        return []
    countries: list[str] = []
    for j in range(chain.head.end, chain.end):
        if doc[j].lower_ in POSTED:
            break  # "… auprès de la Mauritanie": where they serve, not whom
        s = idx.span_at(j, "COUNTRY", "DEMONYM")
        code = idx.place_code(s) if s is not None and s.start == j else None
        if code and code not in countries:
            countries.append(code)
    names = [r for r in runs if r.start > at]
    if len(countries) < 2 or len(names) < len(countries):
        return []
    head = doc[chain.head.start : chain.head.end].text
    role = head[:-1] if head.endswith("s") else head
    return [(names[i], role, countries[i]) for i in range(len(countries))]


def _state_name_goes_on(chain: TitleChain, doc: Doc, idx: DocIndex) -> bool:
    """ "l'ambassadeur de la République Islami…" (a page cut short): a word after a title
    ending in "République", "Royaume" that is (the start of) a word of a state's name
    ("islamique", "démocratique") is the rest of that name, not a person's ("le président
    de la République Tebboune")."""
    if doc[chain.end - 1].lower_ not in STATE_NOUNS or chain.end >= len(doc):
        return False
    word = fold(doc[chain.end].text)
    return len(word) >= 4 and any(w.startswith(word) for w in _state_name_words(idx.lex))


_STATE_WORDS: dict[int, frozenset[str]] = {}


def _state_name_words(lex: Lexicon) -> frozenset[str]:
    """The words of the countries' names and official long names, folded (once per lexicon)."""
    if id(lex) not in _STATE_WORDS:
        _STATE_WORDS[id(lex)] = frozenset(
            w
            for c in lex.countries.values()
            for n in c.names
            for w in fold(n).replace("'", " ").replace("’", " ").split()
        )
    return _STATE_WORDS[id(lex)]


def singular_title(word: str, lex: Lexicon) -> str | None:
    """A title written in the plural ("ambassadeurs", "dirigeants"), in the singular; None
    when ``word`` is no plural of a title of the lexicon."""
    singular = {fold(t.phrase) for t in lex.titles}
    folded = fold(word)
    return word[:-1] if folded[-1:] in ("s", "x") and folded[:-1] in singular else None


def _ends_in_institution(doc: Doc, chain: TitleChain, idx: DocIndex) -> bool:
    last = doc[chain.end - 1]
    if chain.end <= chain.head.end:
        return False
    if idx.labels_at(last.i) & {"TITLE", "COUNTRY", "DEMONYM", "ORG", "CAPITAL"}:
        return False
    if last.lower_ in TITLE_MODIFIERS:
        return False  # "le président par intérim X": a word of the title, no institution
    return last.text.islower() and last.pos_ == "NOUN"


def _appointed(doc: Doc, chain: TitleChain, sent: Span) -> bool:
    """ "X a été élu secrétaire national …", "son élection au poste de secrétaire …"."""
    window = doc[max(sent.start, chain.start - 3) : chain.start]
    return any(t.lower_ in APPOINTED for t in window)


def _nearest_run_before(runs: list[NameRun], at: int, lo: int) -> NameRun | None:
    before = [r for r in runs if r.end <= at and at - r.end <= 15 and r.start >= lo]
    return max(before, key=lambda r: r.end) if before else None
