"""`werkboek excel-check`: what IT sees on a PC, for Linux here and, with the platform given and a
Windows PC laid out in tmp_path (APPDATA, ProgramFiles, USERPROFILE), for Windows: every place
the add-in and xlwings' settings can be, the add-in's version, --json and the exit codes."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from werkboek import cli
from werkboek.excel_check import MISSING, NOT_HERE, PRESENT, TIP, Requirement, addin_version, diagnose, exit_code
from werkboek.workbook import xlwings_conf
from werkboek.workbook.builder import build


def package_addin() -> Path:
    import xlwings

    return Path(xlwings.__file__).parent / "addin" / "xlwings.xlam"


class Pc:
    """A Windows PC under tmp_path: the environment variables the checks read, and its folders."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.environ = {"APPDATA": str(root / "Users" / "an" / "AppData" / "Roaming"),
                        "USERPROFILE": str(root / "Users" / "an"),
                        "ProgramFiles": str(root / "Program Files"), "ProgramW6432": str(root / "Program Files"),
                        "ProgramFiles(x86)": str(root / "Program Files (x86)")}

    @property
    def personal_xlstart(self) -> Path:
        return Path(self.environ["APPDATA"]) / "Microsoft" / "Excel" / "XLSTART"

    @property
    def machine_xlstart(self) -> Path:  # Microsoft 365 (Click-to-Run), 64-bit
        return Path(self.environ["ProgramFiles"]) / "Microsoft Office" / "root" / "Office16" / "XLSTART"

    def put_addin(self, folder: Path, source: Path | None = None) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        return Path(shutil.copyfile(source or package_addin(), folder / "xlwings.xlam"))

    def user_config(self, **settings: str) -> None:
        path = Path(self.environ["USERPROFILE"]) / ".xlwings" / "xlwings.conf"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("".join(f'"{k}","{v}"\n' for k, v in settings.items()), encoding="utf-8")

    def check(self, werkmap: Path | None = None) -> dict[str, Requirement]:
        return {c.code: c for c in diagnose(werkmap, platform="win32", environ=self.environ)}


@pytest.fixture
def pc(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Pc:
    monkeypatch.delenv(xlwings_conf.ENV, raising=False)
    return Pc(tmp_path)


@pytest.fixture(scope="module")
def old_addin(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real xlwings add-in of another version: the package's, with its version constant changed."""
    from pyopenvba import ExcelFile

    out = tmp_path_factory.mktemp("oud") / "xlwings.xlam"
    with ExcelFile(str(package_addin())) as book:
        main = book.vba_modules()["Main"]
        book.set_module("Main", main.replace(f'XLWINGS_VERSION As String = "{version()}"',
                                             'XLWINGS_VERSION As String = "0.30.1"'))
        book.save(str(out), allow_protected=True)
    return out


def version() -> str:
    import importlib.metadata

    return importlib.metadata.version("xlwings")


def test_on_linux_the_excel_part_is_not_applicable(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["excel-check"]) == 0
    out = capsys.readouterr().out
    assert "IN ORDE    Python: versie" in out and "IN ORDE    xlwings: versie" in out
    assert f"{NOT_HERE.upper()}" in out and "alleen met Excel op Windows of Mac" in out
    assert "installatie-windows.md" in out and Path(out.rsplit("Uitleg: ", 1)[1].strip()).is_file()


def test_a_fresh_windows_pc_is_told_to_run_the_install_script(pc: Pc) -> None:
    checks = pc.check()
    addin = checks["invoegtoepassing"]
    assert addin.status == MISSING and "installeer.cmd" in addin.todo and str(pc.personal_xlstart) in addin.detail
    interpreter = checks["python-voor-excel"]  # what new workbooks carry: the bundle's Python, not there yet
    assert interpreter.status == MISSING and "bestaat niet" in interpreter.detail
    assert pc.environ["ProgramW6432"] + r"\werkboek\Scripts\pythonw.exe" in interpreter.detail
    assert checks["udf-server"].status == PRESENT and "nieuwe werkboek-werkmappen" in checks["udf-server"].detail


def test_the_install_scripts_layout_passes(pc: Pc) -> None:
    """The add-in in Excel's XLSTART for all users (as the install script and `addin install --glob`
    leave it) and the workbooks' own settings: nothing per user."""
    pc.put_addin(pc.machine_xlstart)
    checks = pc.check()
    assert checks["invoegtoepassing"].status == PRESENT and "voor alle gebruikers" in checks["invoegtoepassing"].detail
    assert checks["invoegtoepassing-versie"].status == PRESENT and version() in checks["invoegtoepassing-versie"].detail
    assert "invoegtoepassing-dubbel" not in checks


@pytest.mark.parametrize("where", [
    r"Program Files\Microsoft Office\Office16",  # MSI
    r"Program Files (x86)\Microsoft Office\root\Office16",  # 32-bit Office
    r"Program Files\Microsoft Office\root\Office15",  # Office 2013
])
def test_every_machine_wide_xlstart_counts(pc: Pc, where: str) -> None:
    pc.put_addin(pc.root.joinpath(*where.split("\\"), "XLSTART"))
    assert pc.check()["invoegtoepassing"].status == PRESENT


def test_an_add_in_of_another_version_is_missing(pc: Pc, old_addin: Path) -> None:
    assert addin_version(old_addin) == "0.30.1" and addin_version(package_addin()) == version()
    pc.put_addin(pc.personal_xlstart, old_addin)
    check = pc.check()["invoegtoepassing-versie"]
    assert check.status == MISSING and "0.30.1" in check.detail and version() in check.detail
    not_an_addin = pc.put_addin(pc.machine_xlstart, old_addin)
    not_an_addin.write_bytes(b"geen werkmap")
    assert addin_version(not_an_addin) is None


def test_two_copies_of_the_add_in_are_reported(pc: Pc) -> None:
    pc.put_addin(pc.machine_xlstart)
    personal = pc.put_addin(pc.personal_xlstart)
    double = pc.check()["invoegtoepassing-dubbel"]
    assert double.status == MISSING and str(personal) in double.todo  # the leftover personal copy goes


def test_the_workbooks_own_sheet_wins_over_the_users_config(pc: Pc, tmp_path: Path) -> None:
    pc.put_addin(pc.machine_xlstart)
    pc.user_config(INTERPRETER_WIN=str(tmp_path / "oud" / "python.exe"), **{"USE UDF SERVER": "False"})
    with xlwings_conf.interpreter_chosen(sys.executable):
        book = build(tmp_path / "Netwerkkaart.xlsm")
    checks = pc.check(book)
    interpreter = checks["python-voor-excel"]
    assert interpreter.status == PRESENT and "laadt werkboek" in interpreter.detail
    assert "het blad xlwings.conf van Netwerkkaart.xlsm" in interpreter.detail
    assert checks["udf-server"].status == PRESENT
    # The DLL the add-in loads sits beside a venv's Scripts folder; a per-user pip install lacks it.
    assert checks["xlwings-dll"].status == MISSING and "per gebruiker" in checks["xlwings-dll"].detail
    dll = Path(sys.executable).parent / f"xlwings64-{version()}.dll"
    if dll.parent.is_dir() and not dll.exists():
        try:
            dll.write_bytes(b"")
            assert pc.check(book)["xlwings-dll"].status == PRESENT
        finally:
            dll.unlink()


def test_an_older_workbook_falls_back_to_the_conf_file_beside_it_then_the_user(pc: Pc, tmp_path: Path) -> None:
    (tmp_path / "team").mkdir()
    with xlwings_conf.interpreter_chosen(""):  # no interpreter on its sheet
        book = build(tmp_path / "team" / "oud.xlsm")
    pc.user_config(INTERPRETER_WIN=str(tmp_path / "weg" / "python.exe"))
    user = pc.check(book)["python-voor-excel"]
    assert user.status == MISSING and str(Path(pc.environ["USERPROFILE"]) / ".xlwings" / "xlwings.conf") in user.detail
    (tmp_path / "team" / "xlwings.conf").write_text(f'"INTERPRETER_WIN","{sys.executable}"\n', encoding="utf-8")
    beside = pc.check(book)["python-voor-excel"]
    assert beside.status == PRESENT and str(tmp_path / "team" / "xlwings.conf") in beside.detail


def test_environment_variables_are_expanded_as_the_add_in_does(pc: Pc, tmp_path: Path) -> None:
    pc.environ["WERKBOEKPY"] = sys.executable
    pc.user_config(INTERPRETER_WIN="%werkboekpy%")  # Windows' names ignore case
    with xlwings_conf.interpreter_chosen(""):
        book = build(tmp_path / "a.xlsm")
    check = pc.check(book)["python-voor-excel"]
    assert check.status == PRESENT and f"%werkboekpy% = {sys.executable}" in check.detail


def test_an_interpreter_that_cannot_load_werkboek_is_missing(pc: Pc, tmp_path: Path) -> None:
    other = tmp_path / "andere-python"
    other.write_text("#!/bin/sh\nexit 1\n")
    other.chmod(0o755)
    with xlwings_conf.interpreter_chosen(str(other)):
        book = build(tmp_path / "a.xlsm")
    check = pc.check(book)["python-voor-excel"]
    assert check.status == MISSING and "kan werkboek of xlwings niet laden" in check.detail
    assert "pip install werkboek" not in check.todo and "installeer.cmd" in check.todo


def test_a_downloaded_workbook_is_reported_blocked(pc: Pc, template_path: Path) -> None:
    book = pc.root / "Netwerkkaart.xlsm"
    book.write_bytes(template_path.read_bytes())
    assert pc.check(book)["werkmap"].status == PRESENT
    # Windows keeps the Mark of the Web in an alternate stream "Netwerkkaart.xlsm:Zone.Identifier";
    # on Linux that name is an ordinary file, which is what the check opens.
    Path(f"{book}:Zone.Identifier").write_text("[ZoneTransfer]\r\nZoneId=3\r\n", encoding="utf-8")
    blocked = pc.check(book)["werkmap"]
    assert blocked.status == MISSING and "Blokkering opheffen" in blocked.todo and "> OK" in blocked.todo


def test_json_is_an_inventory_in_a_stable_shape(pc: Pc, capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch, template_path: Path) -> None:
    assert cli.main(["excel-check", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"versie", "werkboek", "xlwings", "platform", "python", "werkmap", "status", "exitcode",
                         "handleiding", "controles"}
    assert (data["versie"], data["status"], data["exitcode"], data["werkmap"]) == (1, "in-orde", 0, None)
    for check in data["controles"]:
        assert set(check) == {"code", "wat", "status", "detail", "oplossing", "pad", "probleem"}
        assert check["status"] in ("in-orde", "ontbreekt", "tip", "n.v.t.")
    assert [c["code"] for c in data["controles"]] == ["python", "werkboek", "xlwings", "excel-knoppen"]


def test_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str], pc: Pc) -> None:
    bad = tmp_path / "Netwerkkaart.xlsm"
    bad.write_text("geen werkmap")
    assert cli.main(["excel-check", str(bad)]) == 2  # the workbook given cannot be read
    assert "ONTBREEKT  Werkmap: dit is geen Excel-werkmap." in capsys.readouterr().out
    assert cli.main(["excel-check", "--json", str(bad)]) == 2
    data = json.loads(capsys.readouterr().out)
    assert data["status"] == "onleesbaar" and data["controles"][-1]["probleem"] == "geen-werkmap"
    assert exit_code(diagnose(platform="win32", environ=pc.environ)) == 1  # the fresh PC: things are missing
    assert exit_code([Requirement("UDF-server", TIP, "uit")]) == 0  # a tip never fails the check
