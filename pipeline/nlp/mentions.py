"""Turning candidate spans from the models and the lexicon into non-overlapping mentions."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.lexicon.match import Match
from pipeline.model import EntityType, LanguageAnalysis, Mention, OrgParts, RoleMention

# Where two candidates overlap, the higher rank wins; equal ranks go to the longer span.
RANK = {"session": 5, "composed": 4, "named": 4, "acronym": 4, "role": 3, "model": 1}
CONFIDENCE = {"session": 0.95, "composed": 0.9, "named": 0.95, "acronym": 0.9, "model": 0.7}


@dataclass(slots=True)
class Candidate:
    """A span that may become a mention (or a role mention when ``type`` is None)."""

    start: int
    end: int
    source: str
    type: EntityType | None
    key: str | None = None
    parts: OrgParts | None = None
    role: str | None = None
    nested_ok: bool = False
    confidence: float | None = None


def from_match(match: Match, type_of_named: dict[str, EntityType]) -> Candidate:
    """A lexicon match as a candidate."""
    if match.table == "session":
        return Candidate(match.start, match.end, "session", EntityType.SESSION, key=match.key)
    if match.table == "composed":
        return Candidate(match.start, match.end, "composed", EntityType.ORG, parts=match.parts)
    if match.table == "role":
        return Candidate(match.start, match.end, "role", None, role=match.key)
    return Candidate(match.start, match.end, "named", type_of_named[match.table], key=f"gaz/{match.key}")


def select(candidates: list[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates, best first; a candidate marked ``nested_ok`` may sit inside a session."""
    chosen: list[Candidate] = []
    ordered = sorted(candidates, key=lambda c: (-RANK[c.source], -(c.end - c.start), c.start))
    for candidate in ordered:
        clash = False
        for other in chosen:
            if other.start < candidate.end and candidate.start < other.end:
                inside_session = other.type is EntityType.SESSION and candidate.nested_ok
                if not inside_session:
                    clash = True
                    break
        if not clash:
            chosen.append(candidate)
    return sorted(chosen, key=lambda c: (c.start, c.end))


def add_to_analysis(analysis: LanguageAnalysis, text: str, names: str, chosen: list[Candidate]) -> None:
    """Write the chosen candidates into ``analysis`` as mentions and role mentions."""
    for candidate in chosen:
        if candidate.type is None:
            if candidate.role:
                analysis.roles.append(RoleMention(analysis.lang, candidate.start, candidate.end, candidate.role))
            continue
        analysis.mentions.append(
            Mention(
                id=f"{analysis.lang}-m{len(analysis.mentions)}",
                lang=analysis.lang,
                start=candidate.start,
                end=candidate.end,
                text=text[candidate.start : candidate.end],
                name=names[candidate.start : candidate.end],
                type=candidate.type,
                source=candidate.source,
                confidence=candidate.confidence or CONFIDENCE[candidate.source],
                key=candidate.key,
                parts=candidate.parts,
            )
        )
