"""Every tuning constant of name alignment, in one place, read by both implementations.

The Python reference (:mod:`tracewire.match.align.reference`) imports these names; the
compiled core (``_core.cpp``) receives them once, through :func:`core_settings`, when
:mod:`tracewire.match.align.dispatch` loads it. Change a number here and both change
together (the tests check that they give bit-identical scores).

The spelling tables of the phonetic keys (rewrites, vowels, digraphs, frame readings)
and the numbers of reading a vowel-less token live in :mod:`tracewire.names.phonetic`,
because names know nothing of matching; they are listed at the end of this module so
that this is the one place a reader finds every constant the core is configured with.
"""

from __future__ import annotations

from typing import Any

from tracewire.names import phonetic

# --- token against token ---------------------------------------------------------------

#: a token pair less similar than this is not aligned at all
MIN_TOKEN_SIMILARITY = 0.6
#: share of the longer token's letters that may differ before spelling is not compared
MAX_EDIT_SHARE = 1.0 - MIN_TOKEN_SIMILARITY
#: edits a typo makes at most; each further edit lowers spelling similarity by the cost
TYPO_EDITS = 2
EXTRA_EDIT_COST = 0.2
#: similarity of an acronym and the words whose initials it spells
ACRONYM_SIMILARITY = 0.85
#: similarity of two different syllables that are readings of one character (Chen ~ Tan)
SYLLABLE_VARIANT_SIMILARITY = 0.8
#: a word and a run of the other side's words written apart agree from this spelling
#: similarity on ("goodwil" ~ "good will"), compared only when their lengths are within
#: this share of each other
COMPOUND_SIMILARITY = 0.85
COMPOUND_LENGTH_SHARE = 0.15

# --- name against name -----------------------------------------------------------------

#: how much a token of each kind (``names.prepared``) counts, relative to a distinctive
#: name token: a legal form nothing, a particle little, a given or family name fully
KIND_FACTORS: dict[str, float] = {
    "name": 1.0,
    "patronymic": 0.5,
    "number": 0.6,
    "initial": 0.35,
    "generic": 0.35,
    "particle": 0.15,
    "legal": 0.0,
}
#: kinds of part whose agreement is evidence of identity (not generic words, initials)
DISTINCTIVE_KINDS = frozenset({"name", "patronymic"})
#: cost factor of rarity mass that one side has and the other lacks (omission)
OMISSION_COST = {"person": 0.7, "other": 0.8}
#: omission cost when the shorter name is a single part ("Michaela" vs "Michelle Obama")
LONE_PART_OMISSION_COST = 1.5
#: omission cost when either name is in a syllabic script (a lost syllable changes the name)
SYLLABIC_OMISSION_COST = 2.0
#: cost factor of rarity mass both sides have but that does not align (conflict); an
#: aligned pair of similarity s costs (1 - s) of this on top of its own mass
CONFLICT_COST = 2.0
#: an aligned pair of similarity s costs (1 - s) × this of its mass on top
IMPERFECT_COST = 0.5
#: a person name pair where both sides keep a name part the other lacks scales by this
PERSON_CONFLICT_FACTOR = 0.85
#: an organisation name pair where each side keeps a generic word the other lacks
GENERIC_SWAP_FACTOR = 0.85
#: a part that is one side's own name and the other side's father's name counts this much
ROLE_SWAP_FACTOR = 0.5
#: words that say "son/daughter of": the name after them is the father's
FILIATION = frozenset({"bin", "ibn", "ben", "bint", "binti", "ould", "bn"})

# --- an entity's names against another's -----------------------------------------------

#: a name from ``weakAlias`` counts this much of a full name's similarity (passed to the
#: core with each call)
WEAK_ALIAS_FACTOR = 0.85

# --- read from names.phonetic (see the module doc) -------------------------------------

#: similarity of a Latin spelling that reads a vowel-less token, by its letter count
ABJAD_FIT = phonetic.ABJAD_FIT
#: a reading that needs an alef read as another vowel counts this much less
ABJAD_LOOSE_COST = phonetic.ABJAD_LOOSE_COST
#: reading frames kept per vowel-less token at most
MAX_FRAMES = phonetic.MAX_FRAMES


def core_settings(weights_type: type) -> dict[str, Any]:
    """What the compiled core's ``configure`` takes: the constants above, the phonetic
    tables, and the Python functions it calls back for what it does not compute itself
    (``weights_type``: the class of a weight table, read as a dict)."""
    return {
        "MIN_TOKEN_SIMILARITY": MIN_TOKEN_SIMILARITY,
        "MAX_EDIT_SHARE": MAX_EDIT_SHARE,
        "OMISSION_PERSON": OMISSION_COST["person"],
        "OMISSION_OTHER": OMISSION_COST["other"],
        "LONE_PART_OMISSION_COST": LONE_PART_OMISSION_COST,
        "CONFLICT_COST": CONFLICT_COST,
        "TYPO_EDITS": float(TYPO_EDITS),
        "EXTRA_EDIT_COST": EXTRA_EDIT_COST,
        "IMPERFECT_COST": IMPERFECT_COST,
        "PERSON_CONFLICT_FACTOR": PERSON_CONFLICT_FACTOR,
        "GENERIC_SWAP_FACTOR": GENERIC_SWAP_FACTOR,
        "ACRONYM_SIMILARITY": ACRONYM_SIMILARITY,
        "ROLE_SWAP_FACTOR": ROLE_SWAP_FACTOR,
        "SYLLABIC_OMISSION_COST": SYLLABIC_OMISSION_COST,
        "SYLLABLE_VARIANT_SIMILARITY": SYLLABLE_VARIANT_SIMILARITY,
        "COMPOUND_SIMILARITY": COMPOUND_SIMILARITY,
        "COMPOUND_LENGTH_SHARE": COMPOUND_LENGTH_SHARE,
        "FILIATION": sorted(FILIATION),
        "KIND_FACTORS": dict(KIND_FACTORS),
        "DISTINCTIVE_KINDS": sorted(DISTINCTIVE_KINDS),
        "ABJAD_FIT_TWO": ABJAD_FIT[2],
        "ABJAD_FIT_THREE": ABJAD_FIT[3],
        "ABJAD_LOOSE_COST": ABJAD_LOOSE_COST,
        "MAX_FRAMES": float(MAX_FRAMES),
        "SKELETON_REWRITES": [text for pair in phonetic.REWRITES for text in pair],
        "SKELETON_VOWELS": sorted(phonetic.VOWELS),
        "DIGRAPHS": sorted(phonetic.DIGRAPHS),
        "FRAME_READINGS": dict(phonetic.FRAME_READINGS),
        "skeleton": phonetic.skeleton,
        "abjad_reading": phonetic.abjad_reading,
        "abjad_fit": phonetic.abjad_fit,
        "weights_type": weights_type,
    }
