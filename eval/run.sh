#!/bin/sh
# make eval: score tally on the external data in ../shared/data (see eval/eval.js).
cd "$(dirname "$0")/.." || exit 2
if [ ! -d ../shared/data ]; then
  echo "eval: ../shared/data is absent; nothing to score (skipped)."
  exit 0
fi
if ! command -v node >/dev/null 2>&1; then
  echo "eval: node (18+) is needed to run the harness" >&2
  exit 2
fi
exec node eval/eval.js "$@"
