"""A sentence as an ordered list of items (mentions and titles) with the text between them."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.model import EntityType, LanguageAnalysis, Mention, RoleMention, TextVersion


@dataclass(slots=True)
class Item:
    """A mention or a title in sentence order."""

    start: int
    end: int
    mention: Mention | None = None
    role: RoleMention | None = None

    @property
    def type(self) -> EntityType | None:
        return self.mention.type if self.mention else None


def sentence_items(analysis: LanguageAnalysis, version: TextVersion) -> list[list[Item]]:
    """For each sentence, its top-level items (a name nested in a session is left out), in order."""
    items = [Item(m.start, m.end, mention=m) for m in analysis.mentions]
    items += [Item(r.start, r.end, role=r) for r in analysis.roles]
    items.sort(key=lambda i: (i.start, -i.end))
    top: list[Item] = []
    for item in items:
        if top and item.start < top[-1].end:
            continue
        top.append(item)
    per_sentence: list[list[Item]] = [[] for _ in version.sentences]
    for item in top:
        per_sentence[version.sentence_of(item.start)].append(item)
    return per_sentence


def gap(text: str, left: Item, right: Item) -> str:
    """The text between two items, stripped of spaces."""
    return text[left.end : right.start].strip()
