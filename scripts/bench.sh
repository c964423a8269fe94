#!/usr/bin/env bash
# make bench: XLSX and PDF of the seed plan and of a generated 500-finding × 4-action plan,
# with time (best of 5) and peak memory, next to the baselines: the same workbook written by
# Python openpyxl, and the PDF made by LibreOffice from our XLSX.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product vigia-bench >/dev/null
bin="$(swift build -c release --show-bin-path)/vigia-bench"
out="$(mktemp -d /tmp/vigia-bench.XXXXXX)"
trap 'rm -rf "$out"' EXIT
echo "Máquina: $(nproc) núcleos, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -srm)"
for size in seed big; do
  "$bin" "$size-xlsx" "$out/$size.xlsx"
  "$bin" "$size-pdf" "$out/$size.pdf"
  echo "$size-pdf páginas=$(pdfinfo "$out/$size.pdf" | awk '/Pages:/{print $2}')"
  "$bin" "$size-json" "$out/$size.json"
  python3 scripts/bench_openpyxl.py "$out/$size.json" "$out/$size-openpyxl.xlsx" | sed "s/^openpyxl/$size-openpyxl/"
  mkdir -p "$out/lo"
  best=""
  for _ in 1 2 3; do
    start=$(date +%s%N)
    /usr/bin/time -f "%M" -o "$out/lo.mem" soffice --headless --norestore "-env:UserInstallation=file://$out/lo/profile" \
      --convert-to pdf --outdir "$out/lo" "$out/$size.xlsx" >/dev/null 2>&1
    ms=$(( ($(date +%s%N) - start) / 1000000 ))
    if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
  done
  echo "$size-libreoffice-pdf tiempo_ms=$best memoria_pico_kb=$(cat "$out/lo.mem") páginas=$(pdfinfo "$out/lo/$size.pdf" | awk '/Pages:/{print $2}')"
done
