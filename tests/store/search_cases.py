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
