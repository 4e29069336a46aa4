#!/usr/bin/env bash
# The main job: set up, build in release and report the probability of meeting every target of the embedded default model
# (Models/czt-2025, the Changsha–Zhuzhou–Xiangtan 2021–2025 plan).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
swift build -c release --product plancast
.build/release/plancast attain --scenario all "$@"
