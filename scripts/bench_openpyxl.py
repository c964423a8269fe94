"""Baseline for `make bench`: the same B-I-007 workbook written with openpyxl.

Reads the ReportDocument JSON that `vigia-bench *-json` writes and lays it out as Vigía's XLSX
renderer does (header block, merged spans, widths, wrapped text, % as numbers with AVERAGE
formulas, conditional formatting, drop-downs), then prints the time (best of 5) and peak memory.
"""
import json, resource, sys, time
from openpyxl import Workbook
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

def build(doc, path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Seguimiento"
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    font = Font(name="Arial", size=9)
    table = doc["secciones"][0]["tabla"]
    cols = table["columnas"]
    for i, c in enumerate(cols):
        ws.column_dimensions[get_column_letter(i + 1)].width = c["ancho"]
    f = doc["formato"]
    last = len(cols)
    ws.merge_cells(start_row=1, start_column=1, end_row=3, end_column=2); ws.cell(1, 1, f["entidad"])
    ws.merge_cells(start_row=1, start_column=3, end_row=1, end_column=last); ws.cell(1, 3, "PROCESO " + f["proceso"])
    ws.merge_cells(start_row=2, start_column=3, end_row=2, end_column=last); ws.cell(2, 3, f["nombreFormato"])
    ws.cell(4, 1, doc["titulo"])
    row = 5
    for m in doc["metadatos"]:
        ws.cell(row, 1, m["etiqueta"]); ws.cell(row, 4, m["valor"]); row += 1
    row += 1
    col = 1
    for g in table["grupos"]:
        ws.merge_cells(start_row=row, start_column=col, end_row=row, end_column=col + g["columnas"] - 1)
        ws.cell(row, col, g["titulo"]).font = Font(bold=True)
        col += g["columnas"]
    row += 1
    for i, c in enumerate(cols):
        cell = ws.cell(row, i + 1, c["titulo"]); cell.font = Font(bold=True); cell.border = border; cell.alignment = wrap
    header = row
    row += 1
    first = row
    for r, fila in enumerate(table["filas"]):
        for k, c in enumerate(fila["celdas"]):
            if c.get("cubierta"):
                continue
            excel_row = first + r
            if c.get("filas", 1) > 1:
                ws.merge_cells(start_row=excel_row, start_column=k + 1, end_row=excel_row + c["filas"] - 1, end_column=k + 1)
            if cols[k]["tipo"] == "porcentaje" and (c.get("valor") is not None or c.get("formula")):
                formula = c.get("formula")
                if formula and "averageDown" in formula:
                    letter = get_column_letter(formula["averageDown"]["column"] + 1)
                    value = f'=IFERROR(AVERAGE({letter}{excel_row}:{letter}{excel_row + formula["averageDown"]["rows"] - 1}),"")'
                else:
                    value = (c.get("valor") or 0) / 100
                cell = ws.cell(excel_row, k + 1, value)
                cell.number_format = "0.0%"
            else:
                cell = ws.cell(excel_row, k + 1, c["texto"])
            cell.border = border; cell.alignment = wrap; cell.font = font
    lastrow = first + len(table["filas"]) - 1
    for k, c in enumerate(cols):
        rng = f"{get_column_letter(k + 1)}{first}:{get_column_letter(k + 1)}{lastrow}"
        if c.get("semaforo"):
            ws.conditional_formatting.add(rng, CellIsRule(operator="lessThan", formula=["0.5995"], fill=PatternFill("solid", fgColor="FDE7E5")))
            ws.conditional_formatting.add(rng, CellIsRule(operator="between", formula=["0.5995", "0.7995"], fill=PatternFill("solid", fgColor="FFF4CC")))
            ws.conditional_formatting.add(rng, CellIsRule(operator="greaterThanOrEqual", formula=["0.7995"], fill=PatternFill("solid", fgColor="E3F4E7")))
        if c.get("lista"):
            dv = DataValidation(type="list", formula1='"' + ",".join(c["lista"]) + '"')
            ws.add_data_validation(dv); dv.add(rng)
    ws.freeze_panes = ws.cell(header + 1, 1)
    ws.print_title_rows = f"{header - 1}:{header}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    wb.save(path)

doc = json.load(open(sys.argv[1], encoding="utf-8"))
best = float("inf")
for _ in range(5):
    start = time.perf_counter()
    build(doc, sys.argv[2])
    best = min(best, (time.perf_counter() - start) * 1000)
print(f"openpyxl tiempo_ms={best:.1f} memoria_pico_kb={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}")
