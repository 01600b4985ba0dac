"""Real Arabic sentences for synthetic content, taken from the repository's own sample content.

Benchmarks should measure pages of the size and script the site really serves, so the synthetic
generator writes text assembled from sentences that people wrote for the sample site, not Latin
filler. The corpus grows as the sample content does; for a given repository state it is fixed.
"""
from __future__ import annotations

import random
import re
from pathlib import Path
from typing import Iterator

import yaml

REPO = Path(__file__).resolve().parent.parent
_ARABIC = re.compile(r"[\u0600-\u06FF]")
# Sentence ends: full stop, Arabic question mark, exclamation; keep the mark with its sentence.
_SENTENCE_END = re.compile(r"(?<=[.؟!])\s+")
# Markup that could turn a sentence into a link, a heading or raw HTML somewhere else.
_UNSAFE = re.compile(r"\]\(|<|>|`|\||\{|\}|^\s*[#*>\-]|\*\*")
_MIN_CHARS = 40  # shorter strings are names and labels, not sentences


def _strings(value) -> list[str]:
    """Every string inside a parsed YAML document."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _markdown_lines(text: str) -> Iterator[str]:
    """Prose lines of a Markdown body: headings, lists markers and front matter dropped."""
    if text.startswith("---\n"):
        head, _, text = text[4:].partition("\n---\n")
        yield from _strings(yaml.safe_load(head) or {})
    for line in text.splitlines():
        line = re.sub(r"^\s*(?:[-*]|\d+\.)\s+", "", line)
        if line and not line.startswith("#"):
            yield line


def _source_texts(repo: Path) -> list[str]:
    texts = []
    for folder in ("content", "campaigns", "events"):
        for path in sorted((repo / folder).rglob("*")):
            if path.suffix in (".yml", ".yaml"):
                texts.extend(_strings(yaml.safe_load(path.read_text(encoding="utf-8"))))
            elif path.suffix == ".md":
                texts.extend(_markdown_lines(path.read_text(encoding="utf-8")))
    return texts


def _sentences(texts: list[str]) -> list[str]:
    found = set()
    for text in texts:
        for sentence in _SENTENCE_END.split(" ".join(text.split())):
            sentence = sentence.strip()
            if len(sentence) >= _MIN_CHARS and _ARABIC.search(sentence) and not _UNSAFE.search(sentence):
                found.add(sentence if sentence[-1] in ".؟!" else sentence + ".")
    return sorted(found)


class Corpus:
    """Draws sentences, paragraphs and short phrases deterministically from one random source."""

    def __init__(self, rng: random.Random, repo: Path = REPO):
        self.rng = rng
        self.sentences = _sentences(_source_texts(repo))
        if len(self.sentences) < 5:
            raise RuntimeError(f"too few Arabic sentences in {repo} to build a corpus")

    def sentence(self) -> str:
        return self.rng.choice(self.sentences)

    def sentences_text(self, low: int, high: int) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(low, high)))

    def paragraphs(self, count: int, low: int = 2, high: int = 4) -> str:
        return "\n\n".join(self.sentences_text(low, high) for _ in range(count))

    def phrase(self, low: int = 3, high: int = 6) -> str:
        """A title-like fragment: the first few words of a sentence, without its punctuation."""
        words = self.sentence().rstrip(".؟!").split()
        phrase = " ".join(words[: self.rng.randint(low, high)])
        return re.sub(r"[«»\"()]", "", phrase).strip("،:؛.–- ")
