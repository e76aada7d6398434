"""LibreOffice's side of tests/office.py. Runs under the system Python (/usr/bin/python3), the only
one here with `uno`; it never imports werkboek or pytest.

One file, two roles:

- The relay: `/usr/bin/python3 office_driver.py PIPE` connects to the soffice that tests/office.py
  started (`--accept=pipe,name=PIPE;urp;`), loads this same file into soffice as a UNO component
  (`Core`, through LibreOffice's own Python loader), prints one JSON line, then passes each JSON
  line from stdin to `Core` and writes its answer as one line to stdout. It lives for the whole
  test session.
- `Core`, inside soffice: the work on the documents. Inside, a UNO call costs microseconds; over
  the pipe about 2 ms, which is what reading a sheet cell by cell costs (measured: the 540 cells
  of the demo's Personen read in 0.04 s inside against 1.2 s over the pipe; Keuzes, 1806 cells,
  in 0.09 s).

A request is `{"op": NAME, ...arguments}`; the answer is `{"ok": RESULT}` or `{"error": TEXT}`.
Cells are A1 references ("B7", "A2:T40"); rows are 1-based; columns are letters.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sys
import time
import traceback
from typing import ClassVar

import uno
import unohelper
from com.sun.star.beans import NamedValue, PropertyValue
from com.sun.star.task import XJob

IMPL = "werkboek.tests.OfficeCore"
SCRATCH = "werkboek_scratch"  # a sheet added for an evaluation and removed right after
FILTERS = {
    ".xlsm": "Calc MS Excel 2007 VBA XML",  # keeps the VBA project
    ".xlsx": "Calc MS Excel 2007 XML",
    ".ods": "calc8",
}
_CELL = re.compile(r"^\$?([A-Z]{1,3})\$?([1-9]\d{0,6})$")
_COLUMN = re.compile(r"^[A-Z]{1,3}$")
_INLINE_LIST = re.compile(r'"((?:[^"]|"")*)"')
# com.sun.star.sheet.CellFlags: what the Delete key clears (contents, not formats or comments).
_CONTENTS = 1 | 2 | 4 | 16  # VALUE | DATETIME | STRING | FORMULA
# com.sun.star.util.NumberFormat: type bits of a number format.
_DATE, _TIME = 2, 4
_MAX_EVALUATED = 100_000  # cells an evaluated formula may fill


class DriverError(Exception):
    """A request that cannot be done as asked; its text goes back to the test."""


def _props(**values: object) -> tuple:
    out = []
    for name, value in values.items():
        p = PropertyValue()
        p.Name, p.Value = name, value
        out.append(p)
    return tuple(out)


def _column_index(letters: str) -> int:
    if not _COLUMN.match(letters or ""):
        raise DriverError(f"not a column: {letters!r} (use letters, like 'C')")
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def _letters(index: int) -> str:
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(65 + rest) + out
    return out


def _a1(col: int, row: int) -> str:
    return f"{_letters(col)}{row + 1}"


def _range_a1(addr) -> str:  # a CellRangeAddress
    return f"{_a1(addr.StartColumn, addr.StartRow)}:{_a1(addr.EndColumn, addr.EndRow)}"


# --- inside soffice ------------------------------------------------------------------------------


class Core(unohelper.Base, XJob):
    """The documents this session opened, and what a test does with them."""

    # Class level: one registry per soffice, whichever relay asks.
    _docs: ClassVar[dict[int, object]] = {}
    _next: ClassVar[list[int]] = [1]

    def __init__(self, ctx):
        self.ctx = ctx
        self.desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)

    # XJob: the one entry point, a JSON text in and out.
    def execute(self, arguments):
        request = next((a.Value for a in arguments if a.Name == "request"), "{}")
        try:
            req = json.loads(request)
            op = req.pop("op")
            handler = getattr(self, "op_" + str(op), None)
            if handler is None:
                raise DriverError(f"unknown operation {op!r}")
            return json.dumps({"ok": handler(**req)}, ensure_ascii=False)
        except DriverError as exc:
            return json.dumps({"error": str(exc)}, ensure_ascii=False)
        except Exception as exc:  # noqa: BLE001 - any UNO or Python error: the test sees its text and where
            message = getattr(exc, "Message", "") or str(exc)
            where = traceback.format_exc(limit=-3)
            return json.dumps({"error": f"{type(exc).__name__}: {message}\n{where}"}, ensure_ascii=False)

    # --- documents -------------------------------------------------------------------------------

    def _doc(self, doc: int):
        try:
            return self._docs[doc]
        except KeyError:
            raise DriverError(f"document {doc} is not open (closed, or opened by an earlier soffice)") from None

    def _sheet(self, doc: int, sheet: str):
        sheets = self._doc(doc).Sheets
        if not sheets.hasByName(sheet):
            raise DriverError(f"no sheet {sheet!r}; the sheets are {', '.join(sheets.ElementNames)}")
        return sheets.getByName(sheet)

    def _cell(self, doc: int, sheet: str, cell: str):
        m = _CELL.match(cell or "")
        if not m:
            raise DriverError(f"not a cell: {cell!r} (use A1 style, like 'B7')")
        return self._sheet(doc, sheet).getCellByPosition(_column_index(m.group(1)), int(m.group(2)) - 1)

    def _range(self, doc: int, sheet: str, ref: str | None):
        """A range by A1 reference, or the sheet's used area (from A1) when `ref` is None."""
        ws = self._sheet(doc, sheet)
        if ref is None:
            cursor = ws.createCursor()
            cursor.gotoEndOfUsedArea(False)
            end = cursor.RangeAddress
            return ws.getCellRangeByPosition(0, 0, end.EndColumn, end.EndRow)
        parts = ref.split(":")
        if len(parts) > 2 or not all(_CELL.match(p) for p in parts):
            raise DriverError(f"not a range: {ref!r} (use A1 style, like 'A2:T40')")
        return ws.getCellRangeByName(ref.replace("$", ""))

    def op_open(self, path: str) -> int:
        url = uno.systemPathToFileUrl(path)
        doc = self.desktop.loadComponentFromURL(
            url, "_blank", 0, _props(Hidden=True, MacroExecutionMode=0, UpdateDocMode=0)  # never run macros
        )
        if doc is None or not hasattr(doc, "Sheets"):
            if doc is not None:
                doc.close(True)
            raise DriverError(f"LibreOffice could not open {path} as a spreadsheet")
        key = self._next[0]
        self._next[0] += 1
        self._docs[key] = doc
        return key

    def op_close(self, doc: int) -> None:
        d = self._docs.pop(doc, None)
        if d is not None:
            d.close(True)

    def op_save_as(self, doc: int, path: str, calculate: bool = True) -> str:
        ext = os.path.splitext(path)[1].lower()
        if ext not in FILTERS:
            raise DriverError(f"cannot save as {ext!r}; use one of {', '.join(FILTERS)}")
        if os.path.exists(path):
            raise DriverError(f"{path} exists; the driver never overwrites a file")
        d = self._doc(doc)
        if calculate:
            d.calculateAll()
        d.storeToURL(uno.systemPathToFileUrl(path), _props(FilterName=FILTERS[ext], Overwrite=False))
        return FILTERS[ext]

    def op_sleep(self, seconds: float) -> None:
        """Hold soffice busy: how the harness's own test makes LibreOffice hang."""
        time.sleep(seconds)

    def op_calculate_all(self, doc: int) -> None:
        self._doc(doc).calculateAll()

    # --- typing ------------------------------------------------------------------------------------

    def op_set_text(self, doc: int, sheet: str, cell: str, text: str) -> None:
        self._cell(doc, sheet, cell).setString(text)

    def op_set_comment(self, doc: int, sheet: str, cell: str, text: str) -> None:
        """A cell comment (Insert > Comment), as a worker adds one."""
        target = self._cell(doc, sheet, cell)
        self._sheet(doc, sheet).getAnnotations().insertNew(target.getCellAddress(), text)

    def op_set_fill(self, doc: int, sheet: str, cell: str, rgb: str) -> None:
        """A cell's background colour ("#RRGGBB"), as a worker colours a cell."""
        self._cell(doc, sheet, cell).CellBackColor = int(rgb.lstrip("#"), 16)

    def op_set_number(self, doc: int, sheet: str, cell: str, number: float) -> None:
        self._cell(doc, sheet, cell).setValue(number)

    def op_set_date(self, doc: int, sheet: str, cell: str, date: str) -> str:
        """A real date value, as typing a date gives: the cell keeps its date format, and a cell
        without one gets the standard date format. Returns what the cell shows."""
        d = self._doc(doc)
        c = self._cell(doc, sheet, cell)
        null = d.NullDate  # 1899-12-30, or 1904-01-01 in a 1904 workbook
        serial = (dt.date.fromisoformat(date) - dt.date(null.Year, null.Month, null.Day)).days
        formats = d.NumberFormats
        if not formats.getByKey(c.NumberFormat).Type & _DATE:
            from com.sun.star.lang import Locale

            c.NumberFormat = formats.getStandardFormat(_DATE, Locale())
        c.setValue(serial)
        return c.getString()

    def op_set_formula(self, doc: int, sheet: str, cell: str, formula: str) -> str:
        """An Excel formula ("=IF(A2="",...)", English names, commas). Returns what the cell shows."""
        c = self._cell(doc, sheet, cell)
        c.setFormula(self._native(self._doc(doc), formula, c.CellAddress))
        return c.getString()

    def op_clear(self, doc: int, sheet: str, ref: str) -> None:
        """What the Delete key does on a selection: contents go, formats and comments stay."""
        self._range(doc, sheet, ref).clearContents(_CONTENTS)

    def op_clear_row(self, doc: int, sheet: str, row: int) -> None:
        self._sheet(doc, sheet).Rows.getByIndex(self._row(row)).clearContents(_CONTENTS)

    # --- rows, columns, sheets -------------------------------------------------------------------

    @staticmethod
    def _row(row: int) -> int:
        if not isinstance(row, int) or row < 1:
            raise DriverError(f"not a row number: {row!r} (rows count from 1)")
        return row - 1

    def op_delete_rows(self, doc: int, sheet: str, row: int, count: int = 1) -> None:
        self._sheet(doc, sheet).Rows.removeByIndex(self._row(row), count)

    def op_insert_rows(self, doc: int, sheet: str, row: int, count: int = 1) -> None:
        self._sheet(doc, sheet).Rows.insertByIndex(self._row(row), count)

    def op_insert_columns(self, doc: int, sheet: str, column: str, count: int = 1) -> None:
        self._sheet(doc, sheet).Columns.insertByIndex(_column_index(column), count)

    def op_delete_columns(self, doc: int, sheet: str, column: str, count: int = 1) -> None:
        self._sheet(doc, sheet).Columns.removeByIndex(_column_index(column), count)

    def op_rename_sheet(self, doc: int, sheet: str, name: str) -> None:
        self._sheet(doc, sheet).setName(name)

    def op_show_sheet(self, doc: int, sheet: str, visible: bool = True) -> None:
        self._sheet(doc, sheet).IsVisible = visible

    def op_sort(self, doc: int, sheet: str, ref: str, by: str, descending: bool = False, header: bool = True) -> str:
        """Sort `ref` (A1 range or the name of a table on `sheet`) by sheet column `by`. Returns the range."""
        d = self._doc(doc)
        if _CELL.match(ref.split(":")[0]):
            rng = self._range(doc, sheet, ref)
        elif d.DatabaseRanges.hasByName(ref):
            rng = d.DatabaseRanges.getByName(ref).getReferredCells()
            if rng.Spreadsheet.Name != sheet:
                raise DriverError(f"table {ref} is on sheet {rng.Spreadsheet.Name}, not {sheet}")
        else:
            raise DriverError(f"no range or table {ref!r}; the tables are {', '.join(d.DatabaseRanges.ElementNames)}")
        addr = rng.RangeAddress
        field_index = _column_index(by) - addr.StartColumn
        if not 0 <= field_index <= addr.EndColumn - addr.StartColumn:
            raise DriverError(f"column {by} is outside {_range_a1(addr)}")
        field = uno.createUnoStruct("com.sun.star.table.TableSortField")
        field.Field, field.IsAscending, field.IsCaseSensitive = field_index, not descending, False
        fields = uno.Any("[]com.sun.star.table.TableSortField", (field,))
        desc = _props(ContainsHeader=header, SortFields=fields, BindFormatsToContent=True)
        uno.invoke(rng, "sort", (desc,))
        return _range_a1(addr)

    # --- reading -----------------------------------------------------------------------------------

    def op_read(self, doc: int, sheet: str, ref: str | None = None, calculate: bool = True,
                formulas: bool = False) -> dict:
        """Shown text and value of every cell of a range (the used area by default), after a
        recalculation. Values: number, text, {"date": ISO}, {"datetime": ISO}, {"error": "#REF!"},
        or None for an empty cell."""
        d = self._doc(doc)
        if calculate:
            d.calculateAll()
        return self._grid(d, self._range(doc, sheet, ref), formulas)

    def _grid(self, d, rng, formulas: bool = False) -> dict:
        from com.sun.star.table.CellContentType import EMPTY, FORMULA, TEXT, VALUE

        addr = rng.RangeAddress
        data = rng.getDataArray()
        formats = d.NumberFormats
        kinds: dict[int, int] = {}
        null = d.NullDate
        epoch = dt.datetime(null.Year, null.Month, null.Day)
        texts, values, forms = [], [], []
        for r, row in enumerate(data):
            trow, vrow, frow = [], [], []
            for c, raw in enumerate(row):
                cell = rng.getCellByPosition(c, r)
                kind = cell.Type
                text = cell.getString()
                if kind == EMPTY:
                    value = None
                elif kind == TEXT or (kind == FORMULA and cell.FormulaResultType2 == 2):
                    value = raw
                elif kind == FORMULA and cell.getError():
                    value = {"error": text}
                elif kind in (VALUE, FORMULA) and isinstance(raw, float):
                    key = cell.NumberFormat
                    if key not in kinds:
                        kinds[key] = formats.getByKey(key).Type
                    value = raw
                    if kinds[key] & _DATE:
                        moment = epoch + dt.timedelta(days=raw)
                        timed = kinds[key] & _TIME and moment.time() != dt.time()
                        value = {"datetime": moment.isoformat()} if timed else {"date": moment.date().isoformat()}
                else:
                    value = raw
                trow.append(text)
                vrow.append(value)
                if formulas:
                    frow.append(self._excel(d, cell.getFormula(), cell.CellAddress) if kind == FORMULA else None)
            texts.append(trow)
            values.append(vrow)
            forms.append(frow)
        out = {"ref": _range_a1(addr), "texts": texts, "values": values}
        if formulas:
            out["formulas"] = forms
        return out

    def op_layout(self, doc: int, sheet: str, cell: str) -> dict:
        """How a cell is laid out: its row's height and column's width (1/100 mm), whether the
        row fits its height to the content, and whether the cell wraps its text."""
        c = self._cell(doc, sheet, cell)
        addr = c.CellAddress
        ws = self._sheet(doc, sheet)
        row, col = ws.Rows.getByIndex(addr.Row), ws.Columns.getByIndex(addr.Column)
        return {"row_height": int(row.Height), "optimal_height": bool(row.OptimalHeight),
                "column_width": int(col.Width), "wrapped": bool(c.IsTextWrapped)}

    def op_sheets(self, doc: int) -> list:
        return [{"name": s.Name, "visible": bool(s.IsVisible)} for s in self._doc(doc).Sheets]

    def op_used_range(self, doc: int, sheet: str) -> str:
        return _range_a1(self._range(doc, sheet, None).RangeAddress)

    def op_tables(self, doc: int) -> dict:
        """The tables (Excel ListObjects; database ranges to LibreOffice): name -> Sheet!A1:B9."""
        out = {}
        for name in self._doc(doc).DatabaseRanges.ElementNames:
            rng = self._doc(doc).DatabaseRanges.getByName(name).getReferredCells()
            out[name] = f"{rng.Spreadsheet.Name}!{_range_a1(rng.RangeAddress)}"
        return out

    def op_names(self, doc: int) -> dict:
        """Defined names -> their formula in Excel syntax."""
        from com.sun.star.table import CellAddress

        d = self._doc(doc)
        return {n: self._excel(d, "=" + d.NamedRanges.getByName(n).getContent(), CellAddress(0, 0, 0))[1:]
                for n in d.NamedRanges.ElementNames}

    def op_validation(self, doc: int, sheet: str, cell: str) -> dict:
        v = self._cell(doc, sheet, cell).Validation
        return {
            "type": v.Type.value,  # ANY, LIST, WHOLE, DECIMAL, DATE, TEXT_LEN, CUSTOM
            "formula1": v.Formula1,  # LibreOffice's own syntax ($Sheet.$A$1, ';')
            "formula2": v.Formula2,
            "error_style": v.ErrorAlertStyle.value,  # STOP, WARNING, INFO, MACRO
            "show_error": bool(v.ShowErrorMessage),
            "show_list": int(v.ShowList),  # 0 no dropdown, 1 unsorted, 2 sorted
            "ignore_blank": bool(v.IgnoreBlankCells),
        }

    def op_dropdown(self, doc: int, sheet: str, cell: str) -> list:
        """What the list validation of `cell` offers, in order, after a recalculation."""
        c = self._cell(doc, sheet, cell)
        v = c.Validation
        if v.Type.value != "LIST":
            raise DriverError(f"{sheet}!{cell} has no list validation (its validation: {v.Type.value})")
        source = v.Formula1.strip()
        if source.startswith('"'):  # an inline list: "ja";"nee"
            return [m.replace('""', '"') for m in _INLINE_LIST.findall(source)]
        # The source in LibreOffice's own syntax (the validation's formula tokens come back empty).
        grid = self._evaluate(self._doc(doc), source, native=True)
        entries = [t for row in grid["texts"] for t in row]
        return sorted(entries) if int(v.ShowList) == 2 else entries

    def op_evaluate(self, doc: int, formula: str) -> dict:
        """An Excel formula evaluated in the document (a scratch sheet, removed afterwards)."""
        return self._evaluate(self._doc(doc), formula)

    def _evaluate(self, d, formula: str, native: bool = False) -> dict:
        """`formula` in Excel syntax, or with `native` in LibreOffice's own ($Sheet.$A$1, ';')."""
        body = formula.removeprefix("=")

        def put(cell, text: str, array: bool = False) -> None:
            if not native:
                text = self._native(d, text, (cell.getCellByPosition(0, 0) if array else cell).CellAddress)
            cell.setArrayFormula(text) if array else cell.setFormula(text)

        sheets = d.Sheets
        if sheets.hasByName(SCRATCH):
            raise DriverError(f"the document already has a sheet {SCRATCH}")
        modified = d.isModified()
        index = sheets.Count
        sheets.insertNewByName(SCRATCH, index)
        try:
            ws = sheets.getByName(SCRATCH)
            rows_cell, cols_cell = ws.getCellByPosition(0, 0), ws.getCellByPosition(1, 0)
            put(rows_cell, f"=ROWS({body})")
            put(cols_cell, f"=COLUMNS({body})")
            d.calculateAll()
            # A single value (or an error) has no rows: one cell.
            rows = 1 if rows_cell.getError() else max(1, int(rows_cell.getValue()))
            cols = 1 if cols_cell.getError() else max(1, int(cols_cell.getValue()))
            if rows * cols > _MAX_EVALUATED:
                raise DriverError(f"{formula} gives {rows} x {cols} cells; at most {_MAX_EVALUATED} are read")
            ws.getCellRangeByPosition(0, 0, 1, 0).clearContents(_CONTENTS)
            target = ws.getCellRangeByPosition(0, 0, cols - 1, rows - 1)
            put(target, "=" + body, array=True)
            d.calculateAll()
            return self._grid(d, target)
        finally:
            sheets.removeByName(SCRATCH)
            d.setModified(modified)

    # --- formulas in Excel syntax ------------------------------------------------------------------

    def _parser(self, d, native: bool = False):
        """LibreOffice's formula parser for Excel syntax (OOXML names, A1, ','), or for its own."""
        from com.sun.star.sheet.AddressConvention import OOO, XL_OOX
        from com.sun.star.sheet.FormulaLanguage import API, OOXML
        from com.sun.star.sheet.FormulaMapGroup import ALL_EXCEPT_SPECIAL, SPECIAL

        language = API if native else OOXML
        parser = d.createInstance("com.sun.star.sheet.FormulaParser")
        mapper = d.createInstance("com.sun.star.sheet.FormulaOpCodeMapper")
        parser.OpCodeMap = (mapper.getAvailableMappings(language, SPECIAL)
                            + mapper.getAvailableMappings(language, ALL_EXCEPT_SPECIAL))
        parser.FormulaConvention = OOO if native else XL_OOX
        parser.CompileEnglish = True
        return parser

    def _native(self, d, formula: str, address) -> str:
        """An Excel formula in LibreOffice's own syntax, what `setFormula` takes."""
        if not formula.startswith("="):
            raise DriverError(f"a formula starts with '=': {formula!r}")
        return self._translate(d, formula, address, to_native=True)

    def _excel(self, d, formula: str, address) -> str:
        """A formula in LibreOffice's own syntax (`getFormula`) in Excel's."""
        return self._translate(d, formula, address, to_native=False)

    def _translate(self, d, formula: str, address, to_native: bool) -> str:
        # The formula parser reads table references wrongly (it lowercases `tblPersonen[ID]`
        # into an error, and prints them as ",ID"): they are set aside and put back in the other
        # spelling: Excel `[@ID]` is LibreOffice `[[#This Row];[ID]]`, and ',' is ';' between items.
        tables: list[str] = []

        def aside(m: re.Match) -> str:
            tables.append(m.group(1) + _table_ref(m.group(2), to_native))
            return f"werkboek_tableref_{len(tables) - 1}"

        parts = re.split(r'("(?:[^"]|"")*")', formula[1:])  # string literals stay as they are
        body = "".join(part if i % 2 else _TABLE_REF.sub(aside, part) for i, part in enumerate(parts))
        tokens = self._parser(d, native=not to_native).parseFormula(body, address)
        text = self._parser(d, native=to_native).printFormula(tokens, address)
        for i, ref in enumerate(tables):
            text = text.replace(f"werkboek_tableref_{i}", ref)
        return "=" + text


# A table reference: Name[Column], Name[[#Data],[Column]], Name[@Column], Name[@[Column]].
_TABLE_REF = re.compile(r"(?<![\w.!$])([A-Za-z_][\w.]*)(\[(?:[^\[\]]|\[[^\[\]]*\])*\])")


def _table_ref(brackets: str, to_native: bool) -> str:
    inner = brackets[1:-1]
    if not to_native:
        return "[" + re.sub(r"\]\s*;\s*\[", "],[", inner) + "]"
    if inner.startswith("@"):
        column = inner[1:]
        return f"[[#This Row];{column if column.startswith('[') else f'[{column}]'}]"
    if inner.startswith("["):
        return "[" + re.sub(r"\]\s*,\s*\[", "];[", inner) + "]"
    return brackets


g_ImplementationHelper = unohelper.ImplementationHelper()
g_ImplementationHelper.addImplementation(Core, IMPL, (IMPL,))


# --- the relay: the system Python, outside soffice ---------------------------------------------


def _connect(pipe: str, wait: float):
    from com.sun.star.connection import NoConnectException

    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + wait
    while True:
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except NoConnectException:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def main(argv: list[str]) -> int:
    pipe, wait = argv[1], float(argv[2]) if len(argv) > 2 else 60.0
    # stdout is the answer channel; anything else that prints (UNO, Python warnings) goes to stderr.
    answers = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    started = time.monotonic()
    try:
        ctx = _connect(pipe, wait)
        loader = ctx.ServiceManager.createInstanceWithContext("com.sun.star.loader.Python", ctx)
        factory = loader.activate(IMPL, "", uno.systemPathToFileUrl(os.path.abspath(__file__)), None)
        core = factory.createInstanceWithContext(ctx)
    except Exception as exc:  # noqa: BLE001 - whatever failed, the harness gets the reason
        answers.write(json.dumps({"error": f"no connection to LibreOffice: {type(exc).__name__}: {exc}"}) + "\n")
        return 1
    answers.write(json.dumps({"ok": {"connected_after": round(time.monotonic() - started, 3)}}) + "\n")
    for line in sys.stdin:
        if not line.strip():
            continue
        arg = NamedValue()
        arg.Name, arg.Value = "request", line
        try:
            answer = core.execute((arg,))
        except Exception as exc:  # noqa: BLE001 - the bridge itself failed: soffice is gone
            answers.write(json.dumps({"error": f"LibreOffice stopped answering: {type(exc).__name__}: {exc}",
                                      "fatal": True}) + "\n")
            return 1
        answers.write(answer + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
