#!/usr/bin/env bash
# Installs what PlanCast needs on a fresh Debian machine that has the Swift toolchain:
# OpenBLAS and LAPACKE (Debian packages). Idempotent: does nothing when they are present.
set -euo pipefail

need=()
for pkg in libopenblas-dev liblapacke-dev pkg-config; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done
if ((${#need[@]})); then
  echo "bootstrap: installing ${need[*]}" >&2
  sudo_cmd=""
  [[ $(id -u) -ne 0 ]] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need[@]}" >/dev/null
fi
