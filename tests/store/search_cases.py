"""Articles and queries that pin down what ``articles(q=...)`` finds, on any database."""

from __future__ import annotations

from cronaca.model import Article
from cronaca.store import Store

TEXTS = {
    "nord": ("Corea del Nord", "Secondo l'intelligence di Seul, Kim Jong-un ha inviato 12.000 soldati."),
    "missili": ("Missili su Kiev", "La Russia ha lanciato MISSILI e droni sulla città."),
    "citta": ("Notizie", "Il sindaco della citta ha parlato. 50% dei voti."),
    "mali": ("Bamako", "Il Mali e la giunta: dell'Unione africana si parla poco."),
}
# q → the keys of TEXTS it finds (in any order)
CASES = {
    "Corea": {"nord"},
    "corea nord": {"nord"},  # every word, anywhere, any case
    "nord corea": {"nord"},
    "kim jong": {"nord"},
    "un": {"nord", "mali"},  # "Jong-un", "Unione": a word begins with it
    "intelligence": {"nord"},  # after an apostrophe
    "missil": {"missili"},  # a prefix
    "issili": set(),  # inside a word: no
    "città": {"missili"},  # accents count
    "citta": {"citta"},
    "sindaco Kiev": set(),
    "12": {"nord"},
    "50%": {"citta"},  # "50" is the word; "%" separates
    "%": {"citta"},  # no word at all: the characters, literally
    "_": set(),
    '"': set(),
    'missili" "droni': {"missili"},  # no query syntax gets through: words only
    "missili OR sindaco": set(),  # "or" is one more word
    "kim (corea) -seul*": {"nord"},
    "NEAR(kim, corea)": set(),
    "AND": set(),
    "*": set(),
    "giunta: dell'Unione": {"mali"},
    "it": set(),  # every article is in Italian: its language is no word of it
    "pt": set(),
    "6974": set(),  # nor are the hex digits SQLite's index writes it with (0008)
}


def fill(store: Store) -> dict[str, str]:
    """Store the articles; their ids by key."""
    ids = {}
    for key, (title, text) in TEXTS.items():
        article = Article(id=Article.make_id(title, text), text=text, language="it", title=title)
        store.add_article(article)
        ids[key] = article.id
    return ids


def found(store: Store, ids: dict[str, str], q: str) -> set[str]:
    by_id = {v: k for k, v in ids.items()}
    return {by_id[row["id"]] for row in store.articles(q=q, limit=None)}


def _event(event_id: str, article: Article, sentence: str):
    from cronaca.model import EventMention, Span

    return EventMention(
        id=event_id,
        article_id=article.id,
        type="AID",
        mode="",
        start=0,
        end=len(article.text),
        text=sentence,
        trigger=Span(0, 1, sentence[:1]),
        rule="test@1",
        component="test@1",
    )


def fill_claims(store: Store) -> None:
    """For each text, an article with two events, one whose sentence is the text's title and
    text, and two claims: ``s:KEY``, whose summary is that sentence (its event says something
    else), and ``e:KEY``, whose summary says nothing of it (its event is that sentence)."""
    from cronaca.model import Annotations

    claims, links = [], []
    for n, (key, (title, text)) in enumerate(TEXTS.items()):
        sentence = f"{title} {text}"
        article = Article(id=Article.make_id(title, text), text=text, language="it", title=title)
        store.add_article(article)
        events = [
            _event(f"{key}-said", article, sentence),
            _event(f"{key}-other", article, "Nessuna parola qui."),
        ]
        store.save_annotations(Annotations(article, [], events), {"events": "test@1"})
        for kind, summary, event in (("s", sentence, "other"), ("e", "AID: nessuno", "said")):
            claims.append(
                {
                    "id": f"{kind}:{key}",
                    "type": "AID",
                    "source_actors": [],
                    "target_actors": [],
                    "n_events": 1,
                    "n_articles": n + 1,
                    "summary": summary,
                    "component": "test@1",
                }
            )
            links.append((f"{kind}:{key}", f"{key}-{event}"))
    store.replace_claims(claims, links)


def found_claims(store: Store, q: str) -> set[str]:
    """The ids of the claims the search page lists for q."""
    from cronaca.store import explore

    return {c["id"] for c in explore.search(store, q, limit=100)["claims"]}


def expected_claims(q: str) -> set[str]:
    """What the claim search finds for q: what the article search finds, by summary and by
    sentence; nothing for a q without words (the article search's literal scan is theirs alone)."""
    from cronaca.store import search

    if not search.words(q):
        return set()
    return {f"{kind}:{key}" for key in CASES[q] for kind in "se"}


def claim_links_agree(store: Store) -> int:
    """Check that ``event_actors.claim_id`` is, for every row, its event's ``claim_events``
    claim (NULL without one): the store keeps it as it replaces claims (0007). Returns how many
    rows hold a claim."""
    with store.engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT ea.event_id, ea.claim_id, ce.claim_id FROM event_actors ea "
            "LEFT JOIN claim_events ce ON ce.event_id = ea.event_id"
        ).all()
    wrong = [r for r in rows if r[1] != r[2]]
    assert not wrong, wrong[:5]
    return sum(1 for r in rows if r[1] is not None)
