#!/usr/bin/env bash
# The main job on the data at hand: load the official lists, show what was loaded and what
# changed between versions, screen the names of the news article, then trace drone parts.
# Run through `make demo` (which creates .venv and installs tracewire first).
set -euo pipefail
cd "$(dirname "$0")/.."
TW=".venv/bin/tracewire"
LISTS=${TRACEWIRE_LISTS:-../shared/data/lists}
export TRACEWIRE_DB=${TRACEWIRE_DB:-demo.db}

step() { printf '\n== %s\n' "$*"; }

step "1. Load every list in $LISTS into $TRACEWIRE_DB (unchanged files are skipped)"
$TW lists load "$LISTS"

step "2. What the store holds"
$TW lists status

step "3. Versions of the OFAC SDN list and what changed between the last two"
$TW lists versions us_ofac_sdn || true
echo "(the 2021 four-file set carries add.csv addresses; a lone sdn.csv has none, so many"
echo " 'changed' entities differ only by address and country)"
$TW lists diff us_ofac_sdn --summary || true

step "4. Screen the people and organisations the news article names (one index, batch mode)"
# names as the article (news_ru_ir_drone_deal_2022-11.txt) spells them, plus the drone makers
# it refers to: a Ukrainian transliteration, a Cyrillic form and an Iranian maker
$TW screen --input - --format csv --processes 1 --limit 3 <<'NAMES' > demo-hits.jsonl
name,schema
Mykola Patrushev,Person
Adrienne Watson,Person
Institute for Science and International Security,Organization
Shahed Aviation Industries,Company
Шахед Авиэйшн Индастриз,Company
Qods Aviation Industry Co.,Company
NAMES
.venv/bin/python scripts/show_hits.py demo-hits.jsonl

if $TW parts --help >/dev/null 2>&1; then
  step "5. Decode and resolve chip markings reported in recovered drones"
  printf '%s\n' "STM32F405RGT6 GH22U 93 CHN 318" "TSM 0505S 2413" "MAX3485ESA+ 2146" \
    "XC7Z020 CLG400ACX1812" | $TW parts resolve -
fi

if $TW teardowns --help >/dev/null 2>&1; then
  step "6. Load the demo teardowns and break down the Shahed-136"
  for f in src/tracewire/data/teardowns/*; do $TW teardowns load "$f" || true; done
  $TW teardowns list
  $TW report weapon "Shahed-136"
  step "7. Chokepoints across all weapons"
  $TW report chokepoints
fi
