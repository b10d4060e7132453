"""Topics: a multi-label taxonomy of Kazakhstan news, and the classifier that assigns it.

The taxonomy (``data/topics.toml``, docs/TOPICS.md) names each label with a stable id, a
one-line definition and a seed lexicon of word beginnings in English, Russian and Kazakh
(Cyrillic and Latin script). An article gets 0 to :data:`MAX_TOPICS` labels, most likely
first, from one linear model per label (one-vs-rest logistic regression) over:

* the words of its title (counted twice) and the first :data:`BODY_WORDS` words of its body,
  lower-cased and folded (accents dropped; the Kazakh Latin alphabets of 2018 and 2021
  folded together), each as its first :data:`PREFIX_CHARS` letters and as its character
  n-grams: an inflected Russian or Kazakh word shares them with its other forms;
* the lexicon's evidence: for each label, how many of the text's words the label's
  lexicon matches. The model learns how far to trust each lexicon from labelled texts.

The model is fitted on the labelled seed texts we ship (``data/topics_seed.jsonl``) and on
the user's own labels (``qaznews topics label``), which count :data:`USER_LABEL_WEIGHT` times
as much. Fitting takes about a second; the fitted model is saved in the topics folder
(setting ``topics_dir``) and loaded from there, and refitted on first use when it is
missing or was fitted by another version of this module or of the seed data.

Classifying needs no scikit-learn: the fitted weights are kept as arrays, and an article
costs a few hundred dictionary look-ups and one small matrix product.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import tempfile
import threading
import time
import tomllib
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from qaznews.errors import QaznewsError
from qaznews.model import Article

__all__ = [
    "MAX_TOPICS",
    "LabelledText",
    "Topic",
    "TopicError",
    "TopicModel",
    "add_user_labels",
    "classify_topics",
    "cross_validate",
    "default_model",
    "read_labelled",
    "retag_store",
    "seed_examples",
    "taxonomy",
    "topic_ids",
    "train_model",
    "user_labels_path",
]

#: Bump when features, the model or its file change: saved models are then refitted.
MODEL_VERSION = "1"

#: At most this many topics per article.
MAX_TOPICS = 3
#: A topic is given when its probability reaches this. Chosen by 5-fold cross-validation
#: on the seed data (docs/TOPICS.md): micro F1 0.929 at 0.3, 0.940 at 0.5, 0.943 at 0.6,
#: 0.946 at 0.7; 0.6 keeps more recall for the real news, whose words differ from ours.
THRESHOLD = 0.6
#: ... and reaches this share of the most likely topic's probability, so that a weak
#: second topic does not ride along with a clear first one (same measurement).
RELATIVE_THRESHOLD = 0.4
#: Words of the body read; the title and the lead say what an article is about, and this
#: bounds the cost of a long article.
BODY_WORDS = 200
#: Letters of a word kept as its stem feature.
PREFIX_CHARS = 6
#: Lengths of the character n-grams taken inside each word: none. With 4-grams the
#: cross-validated F1 was the same (0.944 against 0.943) and fitting took 2.1 s, not 0.4 s:
#: the stems already join a word's inflected forms.
CHAR_NGRAMS: tuple[int, ...] = ()
#: Inverse regularisation strength of each label's logistic regression (cross-validated
#: among 1, 3, 10, 30: micro F1 0.929, 0.941, 0.943, 0.945).
REGULARISATION_C = 10.0
#: Weight of the lexicon features beside the unit-length TF-IDF vector (0.5 was worse
#: by 0.01 F1; 2.0 no better, and slow to fit).
LEXICON_WEIGHT = 1.0
#: Words whose features and lexicon matches are remembered (a few MB at most).
WORD_CACHE_SIZE = 1 << 17
#: A user's label counts this many times a seed example: it is about the user's own news.
USER_LABEL_WEIGHT = 2.0

_DATA = resources.files("qaznews") / "data"
TAXONOMY_FILE = "topics.toml"
SEED_FILE = "topics_seed.jsonl"
MODEL_FILE = "model.npz"
LABELS_FILE = "labels.jsonl"


class TopicError(QaznewsError):
    """A topic label, a labels file or a topic model the user must fix."""

    code = "Q500"


# -- taxonomy ------------------------------------------------------------------------------

#: The scripts a lexicon is written in, as keys of ``topics.toml``.
LEXICON_SCRIPTS = ("en", "ru", "kk", "kk_latn")


@dataclass(frozen=True, slots=True)
class Topic:
    id: str
    name: str
    definition: str
    #: Script ("en", "ru", "kk", "kk_latn") to lexicon entries, as written in the file.
    lexicon: dict[str, tuple[str, ...]]


@lru_cache(maxsize=1)
def taxonomy() -> tuple[Topic, ...]:
    """Every topic, in display order."""
    data = tomllib.loads((_DATA / TAXONOMY_FILE).read_text(encoding="utf-8"))
    return tuple(
        Topic(id=entry["id"], name=entry["name"], definition=entry["definition"],
              lexicon={script: tuple(entry.get(script, ())) for script in LEXICON_SCRIPTS})
        for entry in data["topic"]
    )


def topic_ids() -> tuple[str, ...]:
    return tuple(topic.id for topic in taxonomy())


def check_labels(labels: Iterable[str], where: str | None = None) -> tuple[str, ...]:
    """The labels, each checked against the taxonomy, duplicates dropped."""
    known = set(topic_ids())
    checked: list[str] = []
    for label in labels:
        if label not in known:
            raise TopicError(f"unknown topic {label!r}; `qaznews topics list` shows them all",
                             where=where)
        if label not in checked:
            checked.append(label)
    return tuple(checked)


# -- text ----------------------------------------------------------------------------------

# Kazakh Latin: "ý" is у in the 2018 alphabet ("u" in 2021), "ş"/"ç" are written "sh"/"ch"
# in 2018; "ı" is и (2018) or ы (2021). Folded so that both alphabets meet.
_FOLD = (("ý", "u"), ("ş", "sh"), ("ç", "ch"), ("ı", "i"), ("ё", "е"), ("\u00ad", ""))
_COMBINING = re.compile(r"[\u0300-\u036f\u0483-\u0489]")
_WORD = re.compile(r"[^\W_]+")


def fold(text: str) -> str:
    """Lower case, accents and other combining marks dropped, Kazakh Latin unified."""
    text = text.lower()
    if text.isascii():
        return text
    for letter, replacement in _FOLD:  # str.translate is several times slower here
        if letter in text:
            text = text.replace(letter, replacement)
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text))


def words(text: str | None, limit: int | None = None) -> list[str]:
    """The folded words of a text (numbers left out), at most ``limit`` of them."""
    if not text:
        return []
    found: list[str] = []
    for match in _WORD.finditer(fold(text)):
        word = match.group()
        if word.isdigit():
            continue
        found.append(word)
        if limit is not None and len(found) >= limit:
            break
    return found


# -- lexicon -------------------------------------------------------------------------------


class Lexicon:
    """The seed lexicons of every topic, compiled for matching words by their beginning.

    Every entry is folded like the text. A plain entry matches a word that starts with it;
    one ending in ``=`` only the whole word; one with spaces or hyphens matches consecutive
    words, all but the last whole and the last by its beginning (or whole, with ``=``).
    """

    def __init__(self, topics: Sequence[Topic]) -> None:
        self.labels = tuple(topic.id for topic in topics)
        self.prefixes: dict[str, set[int]] = {}
        self.exact: dict[str, set[int]] = {}
        #: First word of a phrase to (the words after it, the last whole?, topic index).
        self.phrases: dict[str, list[tuple[tuple[str, ...], bool, int]]] = {}
        for index, topic in enumerate(topics):
            for entries in topic.lexicon.values():
                for entry in entries:
                    self._add(entry, index)
        self.lengths = sorted({len(prefix) for prefix in self.prefixes})
        self._cache: dict[str, tuple[int, ...]] = {}

    def _add(self, entry: str, index: int) -> None:
        whole = entry.endswith("=")
        parts = words(entry.rstrip("="))
        if len(parts) > 1:
            self.phrases.setdefault(parts[0], []).append((tuple(parts[1:]), whole, index))
        elif parts:
            (self.exact if whole else self.prefixes).setdefault(parts[0], set()).add(index)

    def word_topics(self, word: str) -> tuple[int, ...]:
        """The topics whose lexicon matches this one word (cached: words repeat)."""
        found = self._cache.get(word)
        if found is None:
            matched = set(self.exact.get(word, ()))
            for length in self.lengths:
                if length > len(word):
                    break
                matched.update(self.prefixes.get(word[:length], ()))
            found = tuple(sorted(matched))
            if len(self._cache) >= WORD_CACHE_SIZE:
                self._cache.clear()
            self._cache[word] = found
        return found

    def counts(self, text_words: Sequence[str]) -> list[int]:
        """For each topic, how many of the words (and phrases) its lexicon matches."""
        counts = [0] * len(self.labels)
        phrases = self.phrases
        for position, word in enumerate(text_words):
            for index in self.word_topics(word):
                counts[index] += 1
            for rest, whole, index in phrases.get(word, ()):
                following = text_words[position + 1:position + 1 + len(rest)]
                if len(following) == len(rest) and _phrase_matches(rest, following, whole):
                    counts[index] += 1
        return counts


def _phrase_matches(rest: Sequence[str], following: Sequence[str], whole: bool) -> bool:
    last = len(rest) - 1
    return all(word == part if i < last or whole else word.startswith(part)
               for i, (part, word) in enumerate(zip(rest, following, strict=True)))


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    return Lexicon(taxonomy())


# -- labelled texts ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LabelledText:
    """A text and the topics it is about (none: it is about no topic of the taxonomy)."""

    title: str
    body: str
    labels: tuple[str, ...]
    language: str | None = None
    #: The article's id, for labels given to stored articles.
    id: str | None = None
    weight: float = 1.0

    def as_dict(self) -> dict[str, Any]:
        record: dict[str, Any] = {"id": self.id} if self.id else {}
        record.update(title=self.title, body=self.body, language=self.language,
                      labels=list(self.labels))
        return record


def _parse_record(line: str, where: str, weight: float) -> LabelledText:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise TopicError(f"not JSON: {exc.msg}", where=where) from exc
    if not isinstance(record, dict):
        raise TopicError("expected a JSON object with \"labels\" and \"title\", \"body\" or "
                         "\"text\"", where=where)
    labels = record.get("labels")
    if not isinstance(labels, list) or not all(isinstance(label, str) for label in labels):
        raise TopicError("\"labels\" must be a list of topic ids", where=where)
    texts = {key: record.get(key) for key in ("title", "body", "text")}
    if any(value is not None and not isinstance(value, str) for value in texts.values()):
        raise TopicError("\"title\", \"body\" and \"text\" must be strings", where=where)
    title = texts["title"] or ""
    body = texts["body"] or texts["text"] or ""
    if not (title.strip() or body.strip()):
        raise TopicError("no text: give \"title\", \"body\" or \"text\"", where=where)
    language, article_id = record.get("language"), record.get("id")
    return LabelledText(
        title=title, body=body, labels=check_labels(labels, where=where),
        language=language if isinstance(language, str) else None,
        id=article_id if isinstance(article_id, str) else None, weight=weight)


def read_labelled(path: Path, weight: float = USER_LABEL_WEIGHT) -> list[LabelledText]:
    """Labelled texts from a JSON Lines file; a later line for the same article id wins."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TopicError(f"cannot read labels: {exc}", where=str(path)) from exc
    by_id: dict[str, int] = {}
    found: list[LabelledText] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        example = _parse_record(line, f"{path}:{number}", weight)
        if example.id is not None and example.id in by_id:
            found[by_id[example.id]] = example
            continue
        if example.id is not None:
            by_id[example.id] = len(found)
        found.append(example)
    return found


def seed_examples() -> list[LabelledText]:
    """The labelled texts shipped with qaznews."""
    lines = (_DATA / SEED_FILE).read_text(encoding="utf-8").splitlines()
    return [_parse_record(line, f"{SEED_FILE}:{number}", 1.0)
            for number, line in enumerate(lines, 1) if line.strip()]


def _seed_fingerprint() -> str:
    digest = hashlib.sha256(MODEL_VERSION.encode())
    for name in (TAXONOMY_FILE, SEED_FILE):
        digest.update((_DATA / name).read_bytes())
    return digest.hexdigest()[:16]


# -- features ------------------------------------------------------------------------------


def _text_words(title: str | None, body: str | None) -> tuple[list[str], list[str]]:
    # Cut the body before folding it: only its first BODY_WORDS words are read.
    return (words(title, limit=BODY_WORDS),
            words(body[:BODY_WORDS * 16] if body else body, limit=BODY_WORDS))


@lru_cache(maxsize=WORD_CACHE_SIZE)
def word_features(word: str) -> tuple[str, ...]:
    """A word's features: its first PREFIX_CHARS letters and its character n-grams."""
    if len(word) < 2:
        return ()
    padded = f"<{word}>"
    return ("w" + word[:PREFIX_CHARS], *(
        "c" + padded[start:start + size]
        for size in CHAR_NGRAMS for start in range(len(padded) - size + 1)))


def _features(title_words: Sequence[str], body_words: Sequence[str]) -> Counter[str]:
    """Feature counts of a text; title words count twice."""
    counts: Counter[str] = Counter()
    for word in title_words:
        for feature in word_features(word):
            counts[feature] += 2
    for word in body_words:
        counts.update(word_features(word))
    return counts


def _lexicon_vector(title_words: Sequence[str],
                    body_words: Sequence[str]) -> npt.NDArray[np.float64]:
    counts = lexicon().counts([*title_words, *title_words, *body_words])
    return np.log1p(np.asarray(counts, dtype=np.float64)) * LEXICON_WEIGHT


# -- the model -----------------------------------------------------------------------------


@dataclass(slots=True)
class TopicModel:
    """One logistic regression per topic over TF-IDF features and lexicon evidence."""

    labels: tuple[str, ...]
    vocabulary: dict[str, int]
    idf: npt.NDArray[np.float64]
    #: Weights of the text features (features x labels) and of the lexicon (labels x labels).
    text_weights: npt.NDArray[np.float32]
    lexicon_weights: npt.NDArray[np.float64]
    intercepts: npt.NDArray[np.float64]
    info: dict[str, Any] = field(default_factory=dict)
    #: Topics the user gave stored articles: their word is final (article id to labels).
    user_labels: dict[str, tuple[str, ...]] = field(default_factory=dict)
    _word_columns: dict[str, tuple[int, ...]] = field(default_factory=dict, repr=False)

    # -- classifying

    def _columns(self, word: str) -> tuple[int, ...]:
        """The model's feature columns of one word (cached: words repeat across articles)."""
        found = self._word_columns.get(word)
        if found is None:
            vocabulary = self.vocabulary
            found = tuple(column for column in map(vocabulary.get, word_features(word))
                          if column is not None)
            if len(self._word_columns) >= WORD_CACHE_SIZE:
                self._word_columns.clear()
            self._word_columns[word] = found
        return found

    def probabilities(self, title: str | None, body: str | None) -> npt.NDArray[np.float64]:
        """Each topic's probability, in the order of :attr:`labels`."""
        title_words, body_words = _text_words(title, body)
        columns: list[int] = []
        for word in title_words:
            found = self._columns(word)
            columns += found
            columns += found  # the title counts twice
        for word in body_words:
            columns += self._columns(word)
        scores = self.intercepts + _lexicon_vector(title_words, body_words) @ self.lexicon_weights
        if columns:
            unique, counts = np.unique(np.asarray(columns), return_counts=True)
            values = (1.0 + np.log(counts)) * self.idf[unique]
            values /= np.sqrt(values @ values)
            scores = scores + values @ self.text_weights[unique]
        return np.asarray(1.0 / (1.0 + np.exp(-scores)), dtype=np.float64)

    def ranked(self, title: str | None, body: str | None) -> list[tuple[str, float]]:
        """The topics given, with their probabilities, most likely first."""
        chances = self.probabilities(title, body)
        order = np.argsort(-chances)[:MAX_TOPICS]
        best = float(chances[order[0]]) if len(order) else 0.0
        return [(self.labels[i], float(chances[i])) for i in order
                if chances[i] >= THRESHOLD and chances[i] >= RELATIVE_THRESHOLD * best]

    def classify(self, title: str | None, body: str | None) -> list[str]:
        return [label for label, _ in self.ranked(title, body)]

    def classify_article(self, article: Article) -> list[str]:
        given = self.user_labels.get(article.id)
        if given is not None:
            return list(given)
        return self.classify(article.title, article.body)

    # -- fitting

    @classmethod
    def fit(cls, examples: Sequence[LabelledText], info: dict[str, Any] | None = None
            ) -> TopicModel:
        """Fit on labelled texts (scikit-learn is needed here only)."""
        from scipy import sparse  # type: ignore[import-untyped]
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.feature_extraction.text import TfidfTransformer
        from sklearn.linear_model import LogisticRegression

        labels = topic_ids()
        if not examples:
            raise TopicError("no labelled texts to learn from")
        split = [_text_words(e.title, e.body) for e in examples]
        vectorizer = DictVectorizer()
        counts = vectorizer.fit_transform([_features(t, b) for t, b in split])
        tfidf = TfidfTransformer(sublinear_tf=True)
        text = tfidf.fit_transform(counts)
        lexical = np.vstack([_lexicon_vector(t, b) for t, b in split])
        design = sparse.hstack([text, sparse.csr_matrix(lexical)]).tocsr()
        weights = np.asarray([e.weight for e in examples])
        n_text = text.shape[1]
        coefficients = np.zeros((n_text + len(labels), len(labels)))
        intercepts = np.full(len(labels), -10.0)  # a topic nobody labelled is never given
        for column, label in enumerate(labels):
            target = np.asarray([label in e.labels for e in examples])
            if target.all() or not target.any():
                continue
            regression = LogisticRegression(C=REGULARISATION_C, class_weight="balanced",
                                            solver="liblinear", max_iter=1000)
            regression.fit(design, target, sample_weight=weights)
            coefficients[:, column] = regression.coef_[0]
            intercepts[column] = regression.intercept_[0]
        vocabulary = {str(name): int(i) for name, i in vectorizer.vocabulary_.items()}
        return cls(labels=labels, vocabulary=vocabulary,
                   idf=np.asarray(tfidf.idf_, dtype=np.float64),
                   text_weights=coefficients[:n_text].astype(np.float32),
                   lexicon_weights=coefficients[n_text:], intercepts=intercepts,
                   info=dict(info or {}, examples=len(examples)))

    # -- saving and loading: plain arrays and JSON, nothing unpickled

    def save(self, path: Path) -> None:
        """Write the model file atomically (a reader sees the old file or the new one)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        names = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".npz.part")
        try:
            with os.fdopen(handle, "wb") as stream:
                np.savez(stream, labels=np.asarray(self.labels), vocabulary=np.asarray(names),
                         idf=self.idf, text_weights=self.text_weights,
                         lexicon_weights=self.lexicon_weights, intercepts=self.intercepts,
                         info=np.asarray(json.dumps(self.info)))
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    @classmethod
    def load(cls, path: Path) -> TopicModel:
        try:
            with np.load(path, allow_pickle=False) as data:
                names = [str(name) for name in data["vocabulary"]]
                return cls(labels=tuple(str(label) for label in data["labels"]),
                           vocabulary={name: i for i, name in enumerate(names)},
                           idf=data["idf"], text_weights=data["text_weights"],
                           lexicon_weights=data["lexicon_weights"],
                           intercepts=data["intercepts"], info=json.loads(str(data["info"])))
        except (OSError, ValueError, KeyError) as exc:
            raise TopicError(f"cannot read topic model: {exc}", where=str(path)) from exc


# -- where the model and the user's labels live ---------------------------------------------


def topics_dir(settings: dict[str, Any] | None = None) -> Path:
    if settings is None:
        from qaznews.settings import load_settings

        settings = load_settings()
    return Path(settings["topics_dir"])


def user_labels_path(folder: Path) -> Path:
    return folder / LABELS_FILE


def _user_examples(folder: Path) -> list[LabelledText]:
    path = user_labels_path(folder)
    return read_labelled(path) if path.exists() else []


def train_model(folder: Path, extra: Sequence[Path] = (), save: bool = True) -> TopicModel:
    """Fit on the seed texts, the user's labels and any extra labels files; save it."""
    started = time.perf_counter()
    user = _user_examples(folder)
    more = [example for path in extra for example in read_labelled(path)]
    seed = seed_examples()
    model = TopicModel.fit([*seed, *user, *more], info={
        "version": MODEL_VERSION, "seed": _seed_fingerprint(), "seed_examples": len(seed),
        "user_examples": len(user), "extra_examples": len(more),
        "extra_files": [str(path) for path in extra],
        "trained": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    })
    model.info["seconds"] = round(time.perf_counter() - started, 2)
    model.user_labels = {e.id: e.labels for e in [*user, *more] if e.id}
    if save:
        model.save(folder / MODEL_FILE)
    return model


def load_or_train(folder: Path) -> TopicModel:
    """The saved model when it is current, else one fitted now (and saved when possible)."""
    path = folder / MODEL_FILE
    if path.exists():
        try:
            model = TopicModel.load(path)
        except TopicError:
            model = None
        if (model is not None and model.info.get("version") == MODEL_VERSION
                and model.info.get("seed") == _seed_fingerprint()
                and model.labels == topic_ids()):
            model.user_labels = {e.id: e.labels for e in _user_examples(folder) if e.id}
            return model
    try:
        return train_model(folder)
    except OSError:  # a read-only data folder: keep the model in memory
        return train_model(folder, save=False)


_default_lock = threading.Lock()
_default: dict[str, TopicModel] = {}


def default_model() -> TopicModel:
    """The model of the topics folder, loaded (or fitted) once per process."""
    folder = topics_dir()
    key = str(folder)
    with _default_lock:
        model = _default.get(key)
        if model is None:
            model = _default[key] = load_or_train(folder)
        return model


def forget_default_model() -> None:
    """Load the model afresh on next use (after training it in this process)."""
    with _default_lock:
        _default.clear()


def classify_topics(article: Article) -> list[str]:
    """The article's topics (0 to :data:`MAX_TOPICS` ids), most likely first; the user's
    own labels for a stored article win."""
    return default_model().classify_article(article)


# -- user labels on stored articles ---------------------------------------------------------


def add_user_labels(store: Any, key: str, labels: Sequence[str], folder: Path) -> LabelledText:
    """Label a stored article: the labels are appended to the user's labels file (with the
    article's text, so the file alone retrains the model) and set on the article."""
    from qaznews.store.stories import find_article_id

    checked = check_labels(labels)
    found = find_article_id(store, key)
    article = store.get_article(found) if found else None
    if article is None:
        raise TopicError(f"no article {key!r} in the store", where=str(store.path))
    example = LabelledText(title=article.title or "", body=article.body, labels=checked,
                           language=article.language, id=article.id)
    path = user_labels_path(folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    record = example.as_dict()
    record["labelled"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    with path.open("a", encoding="utf-8") as stream:
        stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    with store.transaction() as conn:
        conn.execute("UPDATE articles SET topics = ? WHERE id = ?",
                     (json.dumps(list(checked), ensure_ascii=False), article.id))
    return example


@dataclass(frozen=True, slots=True)
class RetagCounts:
    articles: int
    changed: int


def retag_store(store: Any, model: TopicModel) -> RetagCounts:
    """Set every stored article's topics with this model (user labels stay)."""
    rows = store.conn.execute("SELECT id, title, body, topics FROM articles").fetchall()
    changed: list[tuple[str, str]] = []
    for row in rows:
        given = model.user_labels.get(row["id"])
        topics = list(given) if given is not None else model.classify(row["title"], row["body"])
        encoded = json.dumps(topics, ensure_ascii=False)
        if json.loads(row["topics"] or "[]") != topics:
            changed.append((encoded, row["id"]))
    with store.transaction() as conn:
        conn.executemany("UPDATE articles SET topics = ? WHERE id = ?", changed)
    return RetagCounts(articles=len(rows), changed=len(changed))


# -- cross-validation ------------------------------------------------------------------------


@dataclass(slots=True)
class LabelScores:
    support: int = 0
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0

    @property
    def precision(self) -> float:
        predicted = self.true_positives + self.false_positives
        return self.true_positives / predicted if predicted else 0.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.support if self.support else 0.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


@dataclass(slots=True)
class CrossValidation:
    folds: int
    examples: int
    labels: dict[str, LabelScores]
    #: Share of texts whose set of topics was exactly right.
    exact: float
    #: Mean classification time per text, in milliseconds.
    ms_per_text: float

    @property
    def micro(self) -> LabelScores:
        total = LabelScores()
        for scores in self.labels.values():
            total.support += scores.support
            total.true_positives += scores.true_positives
            total.false_positives += scores.false_positives
            total.false_negatives += scores.false_negatives
        return total

    @property
    def macro_f1(self) -> float:
        scored = [s.f1 for s in self.labels.values() if s.support]
        return sum(scored) / len(scored) if scored else 0.0

    def as_dict(self) -> dict[str, Any]:
        def figures(scores: LabelScores) -> dict[str, Any]:
            return {"support": scores.support, "precision": round(scores.precision, 3),
                    "recall": round(scores.recall, 3), "f1": round(scores.f1, 3)}

        return {"folds": self.folds, "examples": self.examples,
                "labels": {label: figures(s) for label, s in self.labels.items()},
                "micro": figures(self.micro), "macro_f1": round(self.macro_f1, 3),
                "exact": round(self.exact, 3), "ms_per_text": round(self.ms_per_text, 3)}


def _folds(count: int, folds: int) -> Iterator[tuple[list[int], list[int]]]:
    order = np.random.default_rng(0).permutation(count)
    for fold_index in range(folds):
        test = sorted(int(i) for i in order[fold_index::folds])
        chosen = set(test)
        yield [i for i in range(count) if i not in chosen], test


def cross_validate(examples: Sequence[LabelledText], folds: int = 5) -> CrossValidation:
    """Per-topic precision, recall and F1 of models fitted on k-1 folds, tested on the
    k-th (texts shuffled with a fixed seed, so runs agree)."""
    if folds < 2 or folds > len(examples):
        raise TopicError(f"need 2 to {len(examples)} folds, got {folds}")
    scores = {label: LabelScores() for label in topic_ids()}
    exact, seconds = 0, 0.0
    for train, test in _folds(len(examples), folds):
        model = TopicModel.fit([examples[i] for i in train])
        for i in test:
            example = examples[i]
            started = time.perf_counter()
            predicted = set(model.classify(example.title, example.body))
            seconds += time.perf_counter() - started
            gold = set(example.labels)
            exact += predicted == gold
            for label in gold:
                scores[label].support += 1
                if label in predicted:
                    scores[label].true_positives += 1
                else:
                    scores[label].false_negatives += 1
            for label in predicted - gold:
                scores[label].false_positives += 1
    return CrossValidation(folds=folds, examples=len(examples), labels=scores,
                           exact=exact / len(examples),
                           ms_per_text=1000 * seconds / len(examples))


def training_examples(folder: Path, extra: Sequence[Path] = ()) -> list[LabelledText]:
    """Seed texts, the user's labels and the extra files' labels: what `train` fits on."""
    return [*seed_examples(), *_user_examples(folder),
            *(example for path in extra for example in read_labelled(path))]
