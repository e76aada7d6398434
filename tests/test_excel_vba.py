"""The macros in the committed Netwerkkaart.xlsm, read back with oletools: every button runs a macro
that exists, and every Python call in the VBA is a function of werkboek.excel."""

from __future__ import annotations

import inspect
import re
import zipfile
from pathlib import Path

import pytest

from werkboek import excel, excel_check
from werkboek.workbook import schema

WORKBOOK = Path(__file__).resolve().parent.parent / "Netwerkkaart.xlsm"


@pytest.fixture(scope="module")
def vba() -> str:
    from oletools.olevba import VBA_Parser

    parser = VBA_Parser(str(WORKBOOK))
    try:
        return "\n".join(code for (_, _, _, code) in parser.extract_macros()).replace("\r\n", "\n")
    finally:
        parser.close()


def button_macros(path: Path) -> dict[str, list[str]]:
    """Macro names of the form-control buttons, per sheet name."""
    with zipfile.ZipFile(path) as z:
        names = re.findall(r'<sheet [^>]*name="([^"]+)"[^>]*r:id="(rId\d+)"', z.read("xl/workbook.xml").decode())
        rels = dict(re.findall(r'Id="(rId\d+)"[^>]*Target="([^"]+)"', z.read("xl/_rels/workbook.xml.rels").decode()))
        out: dict[str, list[str]] = {}
        for sheet, rid in names:
            part = "xl/" + rels[rid]
            rel_part = part.replace("worksheets/", "worksheets/_rels/") + ".rels"
            if rel_part not in z.namelist():
                continue
            for target in re.findall(r'Target="\.\./(drawings/[^"]+\.vml)"', z.read(rel_part).decode()):
                vml = z.read("xl/" + target).decode()
                out.setdefault(sheet, []).extend(re.findall(r"<x:FmlaMacro>(?:\[0\]!)?([^<]+)</x:FmlaMacro>", vml))
    return out


def test_every_button_runs_a_public_macro(vba: str) -> None:
    public = set(re.findall(r"^Public Sub (\w+)\(\)", vba, re.MULTILINE))
    buttons = button_macros(WORKBOOK)
    assert set(buttons) == {schema.DOSSIER.name}
    assert buttons[schema.DOSSIER.name] == ["Controleer", "VerslagNetwerkberaad", "Eindevaluatie", "Veiligheidsplan"]
    assert set(buttons[schema.DOSSIER.name]) <= public


def test_every_python_call_is_a_function_of_werkboek_excel(vba: str) -> None:
    called = re.findall(r"werkboek\.excel\.(\w+)", vba)
    assert set(called) == {"controleer", "verslag_netwerkberaad", "eindevaluatie", "veiligheidsplan"}
    for name in called:
        func = getattr(excel, name)
        inspect.signature(func).bind()  # the VBA calls it without arguments


def test_the_python_command_is_fixed_text(vba: str) -> None:
    """Nothing a worker typed goes into Python code, and no double quote breaks xlwings' cmd line."""
    [command] = re.findall(r"Application\.Run\(\"'\" & ADDIN & \"'!RunPython\", (.+)\)$", vba, re.MULTILINE)
    assert command == '"import werkboek.excel; " & functie & "()"'
    arguments = re.findall(r"^\s*RunWerkboek (.+)$", vba, re.MULTILINE)
    assert len(arguments) == 4
    assert all(re.fullmatch(r'"werkboek\.excel\.[a-z_]+"', a.strip()) for a in arguments)


def test_the_macros_call_the_addin_that_excel_check_looks_for(vba: str) -> None:
    assert f'Private Const ADDIN As String = "{excel_check.ADDIN}"' in vba
    assert "On Error GoTo Mislukt" in vba  # a missing add-in is a message, not a VBA error
