#!/usr/bin/env bash
# Builds the seed corpora from the fixtures (and, if present, a few generated records):
#   corpus/record/  one record per file (every line of every fixture)
#   corpus/jsonl/   every .jsonl fixture, with a first byte choosing the block size
#   corpus/json/    every .json fixture, and small arrays made of fixture lines
#   corpus/csv/     every .csv fixture
#   corpus/xlsx/    every .xlsx fixture behind a 0 byte, and sheet XML behind a 1 byte
#   corpus/docx/    every .docx fixture behind a 0 byte, and the text of every minutes of
#                   fixtures/minutes/ behind a 1 byte
set -euo pipefail
cd "$(dirname "$0")"
rm -rf corpus/record corpus/jsonl corpus/json corpus/csv corpus/xlsx corpus/docx
mkdir -p corpus/record corpus/jsonl corpus/json corpus/csv corpus/xlsx corpus/docx
for f in $(find ../fixtures -name '*.docx' | sort); do
  { printf '\x00'; cat "$f"; } > "corpus/docx/$(basename "$f")"
done
for f in ../fixtures/minutes/*.txt; do
  { printf '\x01'; grep -v '^#' "$f" | sed 's/^| //; s/ |$//; s/ | /|/g'; } > "corpus/docx/$(basename "$f" .txt)"
done
n=0
for f in $(find ../fixtures -name '*.jsonl' | sort); do
  while IFS= read -r line || [ -n "$line" ]; do
    n=$((n + 1))
    printf '%s' "$line" > "corpus/record/$n"
  done < "$f"
  b=$(( $(cksum < "$f" | cut -d' ' -f1) % 256 ))
  { printf "\\x$(printf '%02x' "$b")"; cat "$f"; } > "corpus/jsonl/$(basename "$(dirname "$f")")-$(basename "$f")"
done
for f in $(find ../fixtures -name '*.json' | sort); do
  cp "$f" "corpus/json/$(basename "$f")"
done
for f in ../fixtures/rules/CD50*/fires.jsonl ../fixtures/bad/mixed.jsonl; do
  { echo '['; paste -sd, "$f"; echo ']'; } > "corpus/json/array-$(basename "$(dirname "$f")")-$(basename "$f" .jsonl).json"
done
for f in $(find ../fixtures -name '*.csv' | sort); do
  cp "$f" "corpus/csv/$(basename "$(dirname "$f")")-$(basename "$f")"
done
for f in $(find ../fixtures -name '*.xlsx' | sort); do
  { printf '\x00'; cat "$f"; } > "corpus/xlsx/$(basename "$f")"
done
is() { printf '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' "$1" "$2"; }
{ printf '\x01<row r="1">'; is A1 unit.code; is B1 date; is C1 kind; is D1 session.minutes
  printf '</row><row r="2">'; is A2 HC-01; printf '<c r="B2" s="0"><v>42740</v></c>'; is C2 'định kỳ'
  printf '<c r="D2"><v>40</v></c></row><row r="3"><c r="A3" t="s"><v>0</v></c>'; is B3 05/02/2017
  printf '<c r="C3" t="b"><v>1</v></c></row>\0<si><t>HC-02</t></si>'; } > corpus/xlsx/sheet-xml
echo "seeded: $(ls corpus/record | wc -l) records, $(ls corpus/jsonl | wc -l) jsonl files, $(ls corpus/json | wc -l) json files, $(ls corpus/csv | wc -l) csv, $(ls corpus/xlsx | wc -l) xlsx"
# corpus/docx/: every .docx fixture behind a 0 byte, and document XML behind a 1 byte.
rm -rf corpus/docx && mkdir -p corpus/docx
for f in $(find ../fixtures -name '*.docx' | sort); do
  { printf '\x00'; cat "$f"; } > "corpus/docx/$(basename "$f")"
  { printf '\x01'; unzip -p "$f" word/document.xml 2>/dev/null || true; } > "corpus/docx/xml-$(basename "$f")"
done
