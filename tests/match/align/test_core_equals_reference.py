"""The compiled alignment core gives exactly what the Python reference gives.

``tracewire.match.align.reference`` is the algorithm; ``_core`` is the same algorithm compiled.
Every number (scores, phonetic shares, similarities) must be the same float, every
explanation the same pairs in the same order: on the benchmark's name pairs, on names
drawn from the real lists, and on names Hypothesis makes from every kind of token
(compounds, acronyms, particles, initials, numbers, syllabic and abjad scripts).
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracewire.match.align import dispatch, reference
from tracewire.match.align.weights import Weights
from tracewire.names.phonetic import skeleton
from tracewire.names.prepared import PreparedName, make_token, prepare_name

# (whether the core is built at all is test_core_is_built.py's question, outside this skip)
pytestmark = pytest.mark.skipif(not dispatch.COMPILED, reason="compiled core not built")


def _weights(names: list[PreparedName], seed: int) -> Weights:
    rnd = random.Random(seed)
    weights = Weights(9.5)
    for name in names:
        for token in name.tokens:
            if rnd.random() < 0.9:  # some tokens stay unseen: the missing weight
                weights.setdefault(token.text, rnd.choice([1.0, 1.7, 2.25, 4.0, 7.3]))
    return weights


def _assert_same(a: PreparedName, b: PreparedName, weights: Weights) -> None:
    python = reference.compare_names(a, b, weights)
    compiled = dispatch.compare_names(a, b, weights)
    assert compiled == python, (a.original, b.original)
    expected = (python.score, python.phonetic, dispatch.generic_agreement(python))
    assert dispatch.name_score(a, b, weights) == expected


def _bench_pairs(shared_data: Path) -> list[tuple[PreparedName, PreparedName]]:
    path = shared_data / "bench" / "name_bench" / "cases.csv"
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return [
        (
            prepare_name(r["name1"], r["schema"] == "Person"),
            prepare_name(r["name2"], r["schema"] == "Person"),
        )
        for r in rows
    ]


def test_same_on_the_benchmark_pairs(shared_data: Path) -> None:
    pairs = _bench_pairs(shared_data)
    weights = _weights([n for pair in pairs for n in pair], 1)
    for a, b in pairs:
        _assert_same(a, b, weights)
        _assert_same(b, a, weights)


def test_same_on_names_from_the_lists(shared_data: Path) -> None:
    # real query names against each other, mixed so that they share some tokens
    names: list[str] = []
    for file in ("negatives_global.csv", "positives_un_treated.csv"):
        with (shared_data / "bench" / "candidates" / file).open(encoding="utf-8") as handle:
            rows = csv.DictReader(handle)
            names += [r["full_name"] for _, r in zip(range(1500), rows, strict=False)]
    rnd = random.Random(7)
    pairs = []
    for _ in range(4000):
        a, b = rnd.choice(names), rnd.choice(names)
        if rnd.random() < 0.5:
            words_a, words_b = a.split(), b.split()
            b = " ".join(words_a[: rnd.randint(0, len(words_a))] + words_b[: rnd.randint(0, 2)])
        person = rnd.random() < 0.6
        pa, pb = prepare_name(a, person), prepare_name(b or a, person)
        if pa.tokens and pb.tokens:
            pairs.append((pa, pb))
    weights = _weights([n for pair in pairs for n in pair], 2)
    for a, b in pairs:
        _assert_same(a, b, weights)


WORDS = [
    "al", "bin", "ibn", "abu", "van", "der", "de", "of", "the", "and", "mc",
    "hizb", "allah", "hizballah", "hezbollah", "good", "will", "goodwill", "abd", "abdul",
    "rahman", "abdulrahman", "mohammad", "muhammad", "mhmd", "hsyn", "hussein", "hassan",
    "mousavi", "mwswy", "nikolai", "mykola", "patrushev", "platonovich", "ivanovna",
    "shahed", "aviation", "industries", "industry", "research", "center", "trading",
    "company", "llc", "ooo", "ltd", "gmbh", "bank", "international", "first", "1st",
    "people", "liberation", "army", "pla", "united", "states", "us", "usa", "iri",
    "islamic", "republic", "iran", "a", "b", "m", "j", "x", "ii", "44", "2", "forty",
    "xiao", "ming", "xiaoming", "chen", "tan", "kim", "lynn", "glynn", "byrd",
    "Шахед", "Патрушев", "Николай", "محمد", "حسین", "موسوی", "王", "小明", "김",
    "ahmad", "ahmed", "tarq", "tariq", "jmal", "jamal", "sltan", "sultan", "kmal", "kamal",
    "kamel", "frank", "karl", "hidayatullah", "hdayt", "allh", "عبد", "الله", "طارق", "جمال",
]  # fmt: skip
NAME_TEXT = st.lists(
    st.one_of(st.sampled_from(WORDS), st.text(alphabet="abcdehiklmnorsuyz", max_size=9)),
    min_size=1,
    max_size=7,
).map(" ".join)


@settings(max_examples=1500, deadline=None)
@given(NAME_TEXT, NAME_TEXT, st.booleans(), st.integers(0, 3))
def test_same_on_generated_names(a: str, b: str, person: bool, seed: int) -> None:
    pa, pb = prepare_name(a, person), prepare_name(b, person)
    weights = _weights([pa, pb], seed)
    _assert_same(pa, pb, weights)
    _assert_same(pb, pa, weights)


@settings(max_examples=400, deadline=None)
@given(NAME_TEXT, NAME_TEXT, st.booleans())
def test_same_with_a_weight_function(a: str, b: str, person: bool) -> None:
    pa, pb = prepare_name(a, person), prepare_name(b, person)

    def weight(text: str) -> float:
        return 1.0 + len(text) % 4 / 3

    assert dispatch.compare_names(pa, pb, weight) == reference.compare_names(pa, pb, weight)


@settings(max_examples=800, deadline=None)
@given(
    st.one_of(st.sampled_from(WORDS), st.text(alphabet="abcdehikmnorsuwyz0", min_size=1)),
    st.one_of(st.sampled_from(WORDS), st.text(alphabet="abcdehikmnorsuwyz0", min_size=1)),
    st.sampled_from(["name", "patronymic", "initial", "number", "generic", "particle"]),
    st.sampled_from(["name", "patronymic", "initial", "number", "generic", "particle"]),
)
def test_token_similarity_same(a: str, b: str, kind_a: str, kind_b: str) -> None:
    ta, tb = make_token(a.lower(), kind_a), make_token(b.lower(), kind_b)
    assert dispatch.token_similarity(ta, tb) == reference.token_similarity(ta, tb)
    assert dispatch.similarities(ta, [tb, ta]) == [reference.token_similarity(ta, tb)[0], 1.0]


@settings(max_examples=800, deadline=None)
@given(st.one_of(st.sampled_from(WORDS), st.text(max_size=20)))
def test_skeleton_same(text: str) -> None:
    assert dispatch.skeleton(text) == skeleton(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(NAME_TEXT, min_size=0, max_size=3), st.lists(NAME_TEXT, min_size=0, max_size=4))
def test_best_names_is_the_first_best_pair(query: list[str], candidate: list[str]) -> None:
    qs = tuple(prepare_name(n, False) for n in query)
    cs = tuple(prepare_name(n, False) for n in candidate)
    weights = _weights([*qs, *cs], 3)
    weak = frozenset(candidate[:1])
    found = dispatch.best_names(qs, cs, weights, frozenset(), weak, 0.85)
    best: tuple[float, float, bool, int, int] = (0.0, 0.0, False, -1, -1)
    for i, qn in enumerate(qs):
        for j, cn in enumerate(cs):
            ref = reference.compare_names(qn, cn, weights)
            # a weak name on either side (the weak sets name names of either side)
            score = ref.score * 0.85 if weak & {qn.original, cn.original} else ref.score
            if best[3] < 0 or score > best[0]:
                best = (score, ref.phonetic, dispatch.generic_agreement(ref), i, j)
    assert found == best


def test_caches_hold_for_a_weights_object_only() -> None:
    a, b = prepare_name("Shahed Aviation", False), prepare_name("Shahed Industries", False)
    light, heavy = Weights(1.0), Weights(1.0)
    heavy["aviation"] = 50.0
    first = dispatch.name_score(a, b, light)[0]
    # another weights object: the numbers are computed afresh, not taken from the cache
    assert dispatch.name_score(a, b, heavy)[0] != first
    assert dispatch.name_score(a, b, light)[0] == first
    dispatch.clear_caches()
    assert dispatch.name_score(a, b, light)[0] == first


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="abcdeé", max_size=8),
    st.dictionaries(st.text(alphabet="abcdeé", max_size=7), st.lists(st.integers(0, 9))),
)
def test_one_edit_lookup_same(text: str, table: dict[str, list[int]]) -> None:
    compiled: set[int] = set()
    dispatch.one_edit(table, text, compiled)
    keys = {text} | {text[:i] + text[i + 1 :] for i in range(len(text))}
    assert compiled == {item for key in keys for item in table.get(key, ())}


ABJAD_WORDS = [
    "mhmd", "hsyn", "tarq", "jmal", "kmal", "sltan", "abdallh", "abd", "allh", "mwswy",
    "shkh", "alrhmn", "rbya", "rbyay", "hdayt", "zrqawy", "yzdy", "chr", "thayr", "arsh",
    "عبد", "الله", "محمد", "حسين", "هدايت", "زرقاوي", "עמוס", "אברהם",
]  # fmt: skip
LATIN_WORDS = st.one_of(
    st.sampled_from(
        [
            "muhammad",
            "mohamed",
            "mahmoud",
            "mohammadi",
            "hussein",
            "hassan",
            "tariq",
            "tarek",
            "jamal",
            "djamel",
            "kamal",
            "kamel",
            "sultan",
            "abdallah",
            "abdullah",
            "mousavi",
            "sheikh",
            "cheikh",
            "abdelrahman",
            "rabia",
            "rabii",
            "hidayat",
            "zarqawi",
            "zarkaoui",
            "yazdi",
            "amos",
            "avraham",
        ]
    ),
    st.text(alphabet="abdeghijklmnorstuwyz", min_size=1, max_size=10),
)


@settings(max_examples=1500, deadline=None)
@given(
    st.one_of(
        st.sampled_from(ABJAD_WORDS), st.text(alphabet="bdhjklmnqrstwyz", min_size=2, max_size=7)
    ),
    LATIN_WORDS,
)
def test_abjad_fit_same(written: str, spelled: str) -> None:
    from tracewire.names.phonetic import abjad_fit, abjad_frames
    from tracewire.names.text import normalize

    written = normalize(written).replace(" ", "") or "mhmd"
    frame = skeleton(spelled)
    assert dispatch.abjad_fit(written, spelled, frame) == abjad_fit(written, spelled, frame)
    assert dispatch.abjad_frames(written) == abjad_frames(written)
    # and as tokens, through the token similarity
    ta, tb = make_token(written, "name"), make_token(spelled, "name")
    assert dispatch.token_similarity(ta, tb) == reference.token_similarity(ta, tb)


def test_best_names_many_is_best_names_of_each() -> None:
    query = (prepare_name("Ali Hassan", True), prepare_name("Hassan Ali Musa", True))
    candidates = [
        (prepare_name("HASSAN, Ali", True),),
        (prepare_name("Musa", True), prepare_name("Ali bin Hassan", True)),
        (),
    ]
    weak = [frozenset(), frozenset({"Musa"}), frozenset()]
    weights = _weights([*query, *(n for names in candidates for n in names)], 5)
    many = dispatch.best_names_many(query, candidates, weights, frozenset(), weak, 0.85)
    assert many == [
        dispatch.best_names(query, names, weights, frozenset(), w, 0.85)
        for names, w in zip(candidates, weak, strict=True)
    ]
    assert many[2] == (0.0, 0.0, False, -1, -1)
