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
