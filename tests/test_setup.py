"""
`make test` on a fresh machine: the browser tests' Chromium is installed when it
can be, or the run stops before anything else with the one command to run.

Nothing here installs or removes a real package: `id`, `apt-get` and pytest are
stand-ins on PATH; the real install is what CI's fresh machine goes through.
"""

import os
import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MAKE_VARIABLES = {"MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES"}
INSTALL = "apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium fonts-dejavu-core"


def executable(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    path.chmod(0o755)
    return path


@pytest.fixture
def machine(tmp_path):
    """
    Return a stand-in machine: a user id, a virtualenv whose pytest only leaves a
    mark, and a CHROMIUM path that does not exist yet.
    """

    class Machine:
        bin = tmp_path / "bin"
        venv = tmp_path / "venv"
        chromium = tmp_path / "chromium"
        pytest_ran = tmp_path / "pytest-ran"
        apt_log = tmp_path / "apt-get.log"

        def user(self, uid):
            executable(self.bin / "id", f"#!/bin/sh\necho {uid}\n")

        def env(self):
            # As typed in a shell, even when the suite itself runs under make (CI).
            outer = {name: value for name, value in os.environ.items() if name not in MAKE_VARIABLES}
            return {**outer, "PATH": f"{self.bin}:{os.environ['PATH']}", "CHROMIUM": str(self.chromium)}

        def make(self, target):
            return subprocess.run(  # noqa: S603 - our own Makefile, arguments from the tests
                ["make", "--no-print-directory", "-C", str(ROOT), target, f"VENV={self.venv}"],  # noqa: S607
                env=self.env(),
                capture_output=True,
                text=True,
                timeout=60,
            )

    machine = Machine()
    machine.user(1000)
    executable(machine.venv / "bin" / "pytest", f"#!/bin/sh\ntouch {machine.pytest_ran}\n")
    (machine.venv / ".installed").touch()  # newer than requirements.txt: nothing to install
    return machine


@pytest.mark.parametrize("target", ["test", "test-pg"])
def test_without_chromium_and_not_root_make_says_the_command_and_runs_nothing(machine, target):
    result = machine.make(target)

    assert result.returncode != 0
    assert not machine.pytest_ran.exists(), "pytest ran although the browser tests cannot"
    said = [line for line in result.stderr.splitlines() if not re.match(r"make(\[\d+\])?: \*\*\*", line)]
    assert said == [f"The browser tests need Debian's chromium; install it with: sudo sh -c '{INSTALL}'"]
    assert result.stdout == ""


@pytest.mark.parametrize("target", ["test", "test-pg"])
def test_with_chromium_make_runs_the_tests(machine, target):
    executable(machine.chromium, "#!/bin/sh\n")

    result = machine.make(target)

    assert result.returncode == 0, result.stderr
    assert machine.pytest_ran.exists()


def test_as_root_without_chromium_it_is_installed_with_apt_then_the_tests_run(machine):
    machine.user(0)
    executable(
        machine.bin / "apt-get",
        f'#!/bin/sh\necho "DEBIAN_FRONTEND=$DEBIAN_FRONTEND $*" >> {machine.apt_log}\n'
        f'case " $* " in *" install "*) printf "#!/bin/sh\\n" > {machine.chromium}; chmod +x {machine.chromium};; esac\n',
    )

    result = machine.make("test")

    assert result.returncode == 0, result.stderr
    update, install = (call.split() for call in machine.apt_log.read_text().splitlines())
    assert "update" in update
    assert install[0] == "DEBIAN_FRONTEND=noninteractive"
    assert {"install", "-y", "chromium", "fonts-dejavu-core"} <= set(install)
    assert machine.pytest_ran.exists()


def test_as_root_a_failed_install_shows_apt_and_runs_nothing(machine):
    machine.user(0)
    executable(machine.bin / "apt-get", "#!/bin/sh\necho 'E: Unable to locate package chromium' >&2\nexit 100\n")

    result = machine.make("test")

    assert result.returncode != 0
    assert not machine.pytest_ran.exists()
    assert "E: Unable to locate package chromium" in result.stderr
    assert f"Installing chromium failed (apt's output above); fix that, then run: {INSTALL}" in result.stderr
