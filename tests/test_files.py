"""Replacing an output another program holds (Excel, Word, OneDrive, a virus scanner): a short
retry, then a Dutch message, never "Onverwachte fout (PermissionError)".

Windows refuses to replace a file that is open; here the same refusal comes from the kernel for
an immutable file (`chattr +i`, root only), so the tests use the real os.replace."""

from __future__ import annotations

import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from werkboek import cli
from werkboek.errors import WerkboekError
from werkboek.files import replace_held, write_atomic


@pytest.fixture
def held(tmp_path: Path) -> Iterator[Path]:
    """An existing output that the system refuses to replace, as Windows does for an open file."""
    path = tmp_path / "Netwerkkaart.xlsm"
    path.write_bytes(b"oud")
    if not shutil.which("chattr") or subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode:
        pytest.skip("chattr +i is not available here (needs root and ext4)")
    yield path
    subprocess.run(["chattr", "-i", str(path)], check=False)


def test_a_held_file_gives_a_dutch_message_and_stays_as_it_was(held: Path) -> None:
    started = time.monotonic()
    with pytest.raises(WerkboekError) as err:
        write_atomic(held, b"nieuw")
    assert time.monotonic() - started >= 1.0  # it waited for the holder before giving up
    assert "geopend in een ander programma" in err.value.message and str(held) in err.value.message
    assert "Sluit het bestand" in err.value.todo
    assert held.read_bytes() == b"oud" and sorted(p.name for p in held.parent.iterdir()) == [held.name]


def test_the_command_says_so_with_exit_code_2(held: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["nieuw", str(held), "--overschrijf"]) == 2
    err = capsys.readouterr().err
    assert "geopend in een ander programma" in err and "Onverwachte fout" not in err


def test_a_holder_that_lets_go_in_time_is_waited_for(held: Path) -> None:
    release = threading.Timer(0.3, lambda: subprocess.run(["chattr", "-i", str(held)], check=True))
    release.start()
    try:
        write_atomic(held, b"nieuw")
    finally:
        release.join()
    assert held.read_bytes() == b"nieuw"


def test_only_a_refusal_is_retried(tmp_path: Path) -> None:
    calls: list[float] = []

    def missing_folder(src: Path, dst: Path) -> None:
        calls.append(time.monotonic())
        raise FileNotFoundError(dst)

    with pytest.raises(FileNotFoundError):
        replace_held(tmp_path / "a", tmp_path / "b", replace=missing_folder)
    assert len(calls) == 1
