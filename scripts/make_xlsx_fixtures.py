"""Builds the workbooks the import tests read (Tests/Fixtures/xlsx), from the project's own
samples: one written by openpyxl (real dates, percentages as fractions with a % format, merged
finding cells, a second sheet), and the same re-saved by LibreOffice. Run from the project root:
    python3 scripts/make_xlsx_fixtures.py   (needs openpyxl and soffice)"""
import datetime, os, re, subprocess, tempfile
from openpyxl import Workbook

OUT = "Tests/Fixtures/xlsx"
DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
PCT = re.compile(r"^(\d{1,3}(?:,\d+)?)\s?%$")

def typed(cell, text):
    m = DATE.match(text)
    if m:
        cell.value = datetime.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        cell.number_format = "dd/mm/yyyy"
        return
    m = PCT.match(text)
    if m:
        cell.value = float(m.group(1).replace(",", ".")) / 100
        cell.number_format = "0%"
        return
    if re.fullmatch(r"\d+", text) and len(text) < 6:
        cell.value = int(text)
        return
    cell.value = text

def sheet_from(ws, path, merge_findings):
    rows = [line.rstrip("\n").split("\t") for line in open(path, encoding="utf-8")]
    for r, cells in enumerate(rows, start=1):
        for c, text in enumerate(cells, start=1):
            if text.strip():
                typed(ws.cell(row=r, column=c), text)
    if merge_findings:
        # A finding's No., description and cause span its action rows (blank there in the text).
        start = None
        for r, cells in enumerate(rows + [["x"]], start=1):
            first = cells[0].strip() if cells else ""
            continuation = not first and len(cells) > 3 and cells[3].strip()
            if start and not continuation:
                if r - 1 > start:
                    for col in (1, 2, 3):
                        ws.merge_cells(start_row=start, start_column=col, end_row=r - 1, end_column=col)
                start = None
            if first.isdigit():
                start = r

def build(name, source, merge):
    wb = Workbook()
    ws = wb.active
    ws.title = "B-I-007" if merge else "Seguimiento"
    sheet_from(ws, source, merge)
    notes = wb.create_sheet("Notas")
    notes["A1"] = "Hoja de notas: el importador lee la primera hoja o la que se elija."
    path = os.path.join(OUT, name + "-openpyxl.xlsx")
    wb.save(path)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["soffice", "--headless", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", tmp, path],
                       check=True, capture_output=True)
        os.replace(os.path.join(tmp, name + "-openpyxl.xlsx"), os.path.join(OUT, name + "-libreoffice.xlsx"))

os.makedirs(OUT, exist_ok=True)
build("plan", "Samples/plan-mejoramiento-demo.tsv", True)
build("programa", "Samples/seguimiento-paac-demo-2026-c1.txt", False)
print(sorted(os.listdir(OUT)))
