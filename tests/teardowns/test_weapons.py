"""The weapon knowledge base: aliases, unknown weapons, bad data files."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracewire.errors import InputError
from tracewire.teardowns.weapons import (
    UnknownWeapon,
    find_weapon,
    load_weapons,
    parse_weapons,
    resolve_weapon,
)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Geran-2", "shahed-136"),
        ("geran 2", "shahed-136"),
        ("Герань-2", "shahed-136"),
        ("SHAHED-136", "shahed-136"),
        ("Geran-1", "shahed-131"),
        ("Mohajer-6", "mohajer-6"),
        ("Орлан-10", "orlan-10"),
        ("Lancet-3", "lancet"),
        ("X-101", "kh-101"),
        ("9M723K5", "iskander-m"),
        ("kh-101", "kh-101"),
    ],
)
def test_aliases_resolve(name: str, expected: str) -> None:
    assert resolve_weapon(name).id == expected


def test_unknown_weapon_lists_known_ones() -> None:
    with pytest.raises(UnknownWeapon) as info:
        resolve_weapon("Shahed-999")
    assert "Shahed-999" in info.value.message
    assert "Shahed-136" in info.value.message and "Orlan-10" in info.value.message
    assert find_weapon("") is None


def test_knowledge_base_has_required_models_and_listed_makers() -> None:
    weapons = load_weapons()
    assert weapons["shahed-136"].listed_maker == "SHAHED AVIATION INDUSTRIES RESEARCH CENTER"
    assert weapons["mohajer-6"].listed_maker == "QODS AVIATION INDUSTRIES"
    assert weapons["lancet"].listed_maker == "ZALA AERO"
    assert weapons["shahed-136"].control_regime == "iran_uav"
    assert weapons["kh-101"].control_regime == "russia"
    for model in weapons.values():
        assert len(model.country) == 2


def test_bad_weapon_files_are_input_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="weapons"):
        parse_weapons("[]")
    bad_regime = "weapons:\n- {id: a, name: A, type: t, country: RU, maker: m, control_regime: x}\n"
    with pytest.raises(InputError, match="control regime"):
        parse_weapons(bad_regime)
    clash = (
        "weapons:\n"
        "- {id: a, name: A, aliases: [Z], type: t, country: RU, maker: m, control_regime: russia}\n"
        "- {id: b, name: B, aliases: [z], type: t, country: RU, maker: m, control_regime: russia}\n"
    )
    with pytest.raises(InputError, match="used by"):
        parse_weapons(clash)
    path = tmp_path / "w.yaml"
    path.write_text(": : :\n  - [", encoding="utf-8")
    with pytest.raises(InputError, match="YAML"):
        load_weapons(path)
