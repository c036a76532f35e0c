"""helpkit/processes.py: the workers of every pool helpkit starts end with the process that started them."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.test_serve import group

SCRIPT = """
import os, sys, time
from helpkit.processes import process_pool, worker_pool

def pid(_=None):
    return os.getpid()

if __name__ == "__main__":
    kind = sys.argv[1]
    if kind == "worker_pool":
        with worker_pool(1, pid, (None,)) as pool:
            print(pool.apply(pid), flush=True)
            time.sleep(600)
    else:
        pool = process_pool(1, start_method=None if kind == "default" else kind)
        print(pool.submit(pid).result(), flush=True)
        time.sleep(600)
"""


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process table from /proc")
@pytest.mark.parametrize("kind", ["default", "spawn", "worker_pool"])
def test_a_killed_parent_takes_its_workers_with_it(tmp_path: Path, kind: str) -> None:
    script = tmp_path / "pool.py"
    script.write_text(textwrap.dedent(SCRIPT))
    proc = subprocess.Popen([sys.executable, str(script), kind], cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)},
                            stdout=subprocess.PIPE, start_new_session=True)
    try:
        assert proc.stdout is not None
        worker = int(proc.stdout.readline())
        assert worker != proc.pid and alive(worker)
        proc.kill()  # SIGKILL: the parent runs no cleanup at all
        proc.wait(timeout=10)
        deadline = time.monotonic() + 10
        while alive(worker) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not alive(worker), f"worker {worker} outlived its parent"
    finally:
        if proc.poll() is None:
            proc.kill()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        if proc.stdout:
            proc.stdout.close()


CTRL_C_SCRIPT = """
import os, sys, tempfile, time
from pathlib import Path
from helpkit.processes import process_pool, worker_pool

def task(folder, busy):
    print(os.getpid(), flush=True)
    n = 0
    while busy:  # like a build's worker, writing pages into the parent's temporary folder (else computing)
        n += 1
        if folder:
            Path(folder, f"page{n % 50}.html").write_text("x" * 1000)

if __name__ == "__main__":
    kind, busy = sys.argv[1], sys.argv[2] == "busy"
    try:
        if kind == "worker_pool":
            with worker_pool(1, os.getpid, ()) as pool:  # deflection's workers compute, they write no files
                pool.apply_async(task, (None, busy))
                time.sleep(600)
        else:
            with process_pool(1, start_method=None if kind == "default" else kind) as pool, \\
                    tempfile.TemporaryDirectory() as tmp:
                pool.submit(task, tmp, busy)
                time.sleep(600)
    except KeyboardInterrupt:
        print("stopped", flush=True)
"""


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process table from /proc")
@pytest.mark.parametrize("busy", [False, True], ids=["idle", "busy"])
@pytest.mark.parametrize("kind", ["default", "spawn", "worker_pool"])
def test_ctrl_c_stops_workers_without_a_traceback(tmp_path: Path, kind: str, busy: bool) -> None:
    """A terminal's Ctrl-C (SIGINT to the whole process group) reaches the workers too: they end quietly (an idle
    one waiting for a task printed a traceback) and at once, even mid-task, so the parent's clean-up of the
    temporary folder they write to does not fail under them."""
    script = tmp_path / "pool.py"
    script.write_text(textwrap.dedent(CTRL_C_SCRIPT))
    proc = subprocess.Popen([sys.executable, str(script), kind, "busy" if busy else "idle"], cwd=REPO,
                            env={**os.environ, "PYTHONPATH": str(REPO)}, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        assert proc.stdout is not None
        worker = int(proc.stdout.readline())
        assert worker != proc.pid and alive(worker)
        time.sleep(0.3)  # an idle worker is back waiting for the next task
        os.killpg(proc.pid, signal.SIGINT)
        out, err = proc.communicate(timeout=20)
        assert "stopped" in out
        assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
        deadline = time.monotonic() + 10
        while group(proc.pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not group(proc.pid), "a worker outlived Ctrl-C"
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        if proc.poll() is None:
            proc.kill()
        proc.communicate(timeout=10)
