#!/usr/bin/env bash
# Long fuzz soak (not part of npm test): the same properties as test/fuzz, many more cases.
# Usage: benchmarks/fuzz-soak.sh [RUNS_PER_PROPERTY] [SEED]
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-3000}"
SEED="${2:-$(date +%s)}"
echo "fuzz soak: ${RUNS} cases per property, seed ${SEED}"
start=$(date +%s)
FUZZ_RUNS="$RUNS" FUZZ_SEED="$SEED" /usr/bin/time -v npx vitest run test/fuzz --testTimeout=0 2>&1 | grep -E "Tests|passed|failed|Counterexample|Maximum resident|Elapsed" || true
echo "elapsed: $(( $(date +%s) - start )) s"
