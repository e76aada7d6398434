"""The Windows install script, as far as Linux can judge it.

PSScriptAnalyzer needs PowerShell (pwsh), which cannot be had here: Debian does not package it,
npm's `pwsh` downloads it from GitHub while installing, and PyPI's `pwsh` is a Windows-only
wrapper. So the script is parsed with tree-sitter's PowerShell grammar (every syntax error is a
parse error), and the facts other parts rely on are held to it: Windows PowerShell 5.1 reads it
right, it installs offline with hashes, and its paths are those the workbooks start."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from werkboek.workbook import xlwings_conf

FOLDER = Path(__file__).resolve().parent.parent / "packaging" / "windows"
SCRIPT = FOLDER / "installeer.ps1"


def source() -> str:
    return SCRIPT.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")


def parse_errors(code: bytes) -> list[str]:
    ts = pytest.importorskip("tree_sitter")
    grammar = pytest.importorskip("tree_sitter_powershell")
    tree = ts.Parser(ts.Language(grammar.language())).parse(code)
    errors = []

    def walk(node: object) -> None:
        if node.type == "ERROR" or node.is_missing:  # type: ignore[attr-defined]
            row, col = node.start_point  # type: ignore[attr-defined]
            text = code[node.start_byte:node.end_byte][:60]  # type: ignore[attr-defined]
            errors.append(f"line {row + 1}, column {col + 1}: {text!r}")
        for child in node.children:  # type: ignore[attr-defined]
            walk(child)

    walk(tree.root_node)
    return errors


def test_the_script_parses_as_powershell() -> None:
    assert parse_errors(source().encode("utf-8")) == []


def test_the_parse_check_can_fail() -> None:
    assert parse_errors(b'if ($a -eq 1 { Write-Output "x" }\nfunction f( { }\n')


def test_windows_powershell_51_reads_it_right() -> None:
    raw = SCRIPT.read_bytes()
    # Without a BOM, Windows PowerShell 5.1 reads a script as ANSI: "geïnstalleerd" would break.
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    code = source()
    for newer in ("??", "?.", "&&", "||", "-Parallel", "ternary"):  # PowerShell 7 only
        assert newer not in code.replace("'", " "), newer
    assert "Set-StrictMode" in code and "$ErrorActionPreference = 'Stop'" in code


def test_it_installs_offline_with_every_hash_checked() -> None:
    code = source()
    pip = code[code.index("-m pip install"):code.index("-r $lock") + 8]
    for option in ("--no-index", "--find-links $wheelhouse", "--require-hashes", "'--only-binary=:all:'"):
        assert option in pip, option
    assert "$env:PIP_CONFIG_FILE = 'NUL'" in code  # no pip.ini on the PC points elsewhere


def test_its_paths_are_the_ones_the_workbooks_start() -> None:
    code = source()
    assert xlwings_conf.DEFAULT_INTERPRETER == r"%ProgramW6432%\werkboek\Scripts\pythonw.exe"
    assert "$Bit64 = $env:ProgramW6432" in code and "$Doelmap = Join-Path $Bit64 'werkboek'" in code
    # The add-in comes from the xlwings just installed: package and add-in are one version.
    assert r"Lib\site-packages\xlwings\addin\xlwings.xlam" in code
    assert r"Microsoft Office\root\Office16\XLSTART" in code and r"App Paths\excel.exe" in code


def test_exit_codes_are_documented_as_the_script_has_them() -> None:
    code = source()
    codes = {name: int(n) for name, n in re.findall(r"^\$(EXIT_\w+) = (\d+)$", code, re.M)}
    assert codes == {"EXIT_OK": 0, "EXIT_FAILED": 1, "EXIT_NOT_ADMIN": 2, "EXIT_NO_PYTHON": 3, "EXIT_IN_USE": 4}
    guide = (FOLDER.parent.parent / "docs" / "installatie-windows.md").read_text(encoding="utf-8")
    for n in codes.values():
        assert re.search(rf"^\| {n} \|", guide, re.M), n


def test_the_cmd_wrapper_passes_everything_on() -> None:
    cmd = (FOLDER / "installeer.cmd").read_bytes()
    assert b"\r\n" in cmd and b'-File "%~dp0installeer.ps1" %*' in cmd and b"exit /b %ERRORLEVEL%" in cmd
