#!/usr/bin/env bash
# Builds the seed corpora from the fixtures (and, if present, a few generated records):
#   corpus/record/  one record per file (every line of every fixture)
#   corpus/jsonl/   every .jsonl fixture, with a first byte choosing the block size
#   corpus/json/    every .json fixture, and small arrays made of fixture lines
set -euo pipefail
cd "$(dirname "$0")"
rm -rf corpus/record corpus/jsonl corpus/json
mkdir -p corpus/record corpus/jsonl corpus/json
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
echo "seeded: $(ls corpus/record | wc -l) records, $(ls corpus/jsonl | wc -l) jsonl files, $(ls corpus/json | wc -l) json files"
