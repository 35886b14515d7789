#!/usr/bin/env bash
# The main job on the data at hand: load the official lists, show what was loaded and what
# changed between versions, scan the news article for what it names, then trace drone parts.
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

step "4. Scan the news article: the listed parties, weapons, parts and makers it names"
# the document is the input: names are found in the text (a fast pass over the listed
# names, then one screening batch), each finding with the sentences that name it
ARTICLE=${TRACEWIRE_ARTICLE:-${LISTS%/lists}/documents/news_ru_ir_drone_deal_2022-11.txt}
$TW scan "$ARTICLE"
echo "(the article as a page with every mention highlighted: $TW scan \"$ARTICLE\" --format html -o article.html)"

if $TW parts --help >/dev/null 2>&1; then
  step "5. Decode and resolve chip markings reported in recovered drones"
  printf '%s\n' "STM32F405RGT6 GH22U 93 CHN 318" "TSM 0505S 2413" "MAX3485ESA+ 2146" \
    "XC7Z020 CLG400ACX1812" | $TW parts resolve -
fi

if $TW teardowns --help >/dev/null 2>&1; then
  step "6. Load the demo teardowns and break down the Shahed-136"
  for f in src/tracewire/data/teardowns/*; do $TW teardowns load "$f" || true; done
  # beside it, GUR's public component record (War & Sanctions portal; CC BY 4.0, credit GUR
  # and the awesome-drone-warfare-osint repository), read in place
  GUR=${LISTS%/lists}/components/gur_components_2026-06-13.csv
  if [ -f "$GUR" ]; then $TW teardowns load --format gur "$GUR" || true; fi
  $TW teardowns list --weapon "Shahed-136"
  $TW report weapon "Shahed-136"
  step "7. Chokepoints across all weapons"
  $TW report chokepoints
fi
