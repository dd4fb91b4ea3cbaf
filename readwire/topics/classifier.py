"""The section classifier for stories that arrive without usable subjects (RSS, pages, plain text).

TF-IDF over words (English stop words removed, sublinear term frequency) and one logistic regression
per section, trained by ``readwire train_classifier`` on ``data/labelled/`` and shipped as plain JSON
weights in ``data/classifier.json``: no pickle to trust, no download, and the file reads the same
under any scikit-learn version. A story gets every section whose probability reaches
``THRESHOLD``; when none does, its most likely section if that reaches ``MIN_CONFIDENCE``, and
otherwise none: a story the model cannot tell about is better among the latest stories only than
in a wrong desk, where it would mislead that desk's readers and alert its followers.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

MODEL_FILE = Path(__file__).resolve().parent / "data" / "classifier.json"
# Chosen by five-fold cross-validation on the training part only (docs/tagging.md).
THRESHOLD = 0.3
# Below this, the most likely section was more often wrong than right, on the training part's
# out-of-fold predictions and on the held-out stories alike (docs/tagging.md): the story is placed
# nowhere by the classifier.
MIN_CONFIDENCE = 0.25
REGULARISATION_C = 10.0
# Long stories are classified on their opening: the headline and lede carry the topic, and the
# labelled stories the model learnt from are that long.
MAX_WORDS = 250
VECTORIZER_OPTIONS = {"lowercase": True, "stop_words": "english", "token_pattern": r"(?u)\b\w\w+\b"}


@dataclass(frozen=True)
class Guess:
    section: str
    probability: float


def text_for(headline: str, standfirst: str = "", body: str = "") -> str:
    words = " ".join(part for part in (headline, standfirst, body) if part).split()
    return " ".join(words[:MAX_WORDS])


class SectionClassifier:
    def __init__(self, model: dict):
        from sklearn.feature_extraction.text import CountVectorizer

        self.sections: list[str] = model["sections"]
        self.threshold: float = model.get("threshold", THRESHOLD)
        self.min_confidence: float = model.get("min_confidence", MIN_CONFIDENCE)
        terms: list[str] = model["terms"]
        self._counter = CountVectorizer(vocabulary={term: i for i, term in enumerate(terms)}, **VECTORIZER_OPTIONS)
        self._idf: list[float] = model["idf"]
        # Sparse weights per section: {term index: weight}.
        self._weights: list[dict[int, float]] = [
            {int(index): weight for index, weight in weights.items()} for weights in model["weights"]
        ]
        self._intercepts: list[float] = model["intercepts"]

    def probabilities(self, text: str) -> dict[str, float]:
        """Each section's probability, computed exactly as scikit-learn's TfidfVectorizer and
        LogisticRegression would (sublinear tf, smooth idf, l2 norm), from the shipped weights."""
        counts = self._counter.transform([text])
        features = {
            int(index): (1.0 + math.log(count)) * self._idf[index]
            for index, count in zip(counts.indices, counts.data, strict=True)
        }
        norm = math.sqrt(sum(value * value for value in features.values())) or 1.0
        result = {}
        for section, weights, intercept in zip(self.sections, self._weights, self._intercepts, strict=True):
            score = intercept + sum(weights.get(index, 0.0) * value / norm for index, value in features.items())
            result[section] = 1.0 / (1.0 + math.exp(-score))
        return result

    def classify(self, text: str) -> list[Guess]:
        """The sections a story belongs to, most likely first; none when the model is unsure."""
        return choose(self.probabilities(text), self.threshold, self.min_confidence)


def choose(probabilities: dict[str, float], threshold: float, min_confidence: float) -> list[Guess]:
    """Every section reaching ``threshold``; else the most likely one if it reaches ``min_confidence``."""
    ranked = sorted(probabilities.items(), key=lambda item: -item[1])
    chosen = [Guess(section, p) for section, p in ranked if p >= threshold]
    if not chosen and ranked and ranked[0][1] >= min_confidence:
        chosen = [Guess(*ranked[0])]
    return chosen


@cache
def classifier() -> SectionClassifier:
    return SectionClassifier(json.loads(MODEL_FILE.read_text(encoding="utf-8")))


def train(texts: list[str], labels: list[list[str]], *, c: float = REGULARISATION_C) -> dict:
    """A model (as shipped in ``classifier.json``) learnt from ``texts`` and their section slugs."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = TfidfVectorizer(sublinear_tf=True, **VECTORIZER_OPTIONS)
    features = vectorizer.fit_transform(texts)
    terms = vectorizer.get_feature_names_out().tolist()
    sections = sorted({slug for slugs in labels for slug in slugs})
    weights, intercepts = [], []
    for section in sections:
        targets = [1 if section in slugs else 0 for slugs in labels]
        model = LogisticRegression(C=c, class_weight="balanced", max_iter=5000)
        model.fit(features, targets)
        weights.append({str(i): round(float(w), 4) for i, w in enumerate(model.coef_[0]) if abs(w) >= 5e-4})
        intercepts.append(round(float(model.intercept_[0]), 6))
    return {
        "about": "Readwire's section classifier: TF-IDF and one logistic regression per section (docs/tagging.md).",
        "threshold": THRESHOLD,
        "min_confidence": MIN_CONFIDENCE,
        "sections": sections,
        "terms": terms,
        "idf": [round(float(x), 6) for x in vectorizer.idf_],
        "weights": weights,
        "intercepts": intercepts,
    }
