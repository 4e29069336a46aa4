#!/usr/bin/env bash
# Installs what PlanCast and its tests need on a fresh Debian machine that has the Swift
# toolchain and Python 3: OpenBLAS and LAPACKE; zlib (ZIPFoundation deflates the XLSX
# container); Chromium, LibreOffice Calc and CJK fonts (the report and spreadsheet tests render
# and open what PlanCast writes); the Python packages the notebooks and reference scripts use.
# Idempotent: installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

sudo_cmd=""
[[ $(id -u) -ne 0 ]] && sudo_cmd="sudo"

need=()
for pkg in libopenblas-dev liblapacke-dev zlib1g-dev pkg-config; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done
if [[ "${1:-}" == "--tests" ]]; then
  for pkg in chromium libreoffice-calc-nogui fonts-noto-cjk; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
  done
fi
if ((${#need[@]})); then
  echo "bootstrap: installing ${need[*]}" >&2
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need[@]}" >/dev/null
fi

if [[ "${1:-}" == "--tests" ]]; then
  python3 -c "import openpyxl, PIL, jsonschema" 2>/dev/null \
    || python3 -m pip install -q openpyxl pillow jsonschema
  python3 -m pip install -q -r Notebooks/requirements.txt
fi
