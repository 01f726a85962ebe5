"""The second process of a parallel screen: it runs the column engine over gathered batches.

The runner's process reads, gathers and writes; this one only evaluates (`columns.evaluate`),
so it never opens the database: encrypted files, PostgreSQL and the runner's consistency
checks stay in the runner. Batches and results go as pickles over two pipes of its own. It
dies with the runner: an end of file on its pipe (the runner closed it, or was killed) ends it,
and it sits in a session of its own so a Ctrl+C in the terminal reaches only the runner.

    python -m sociaalhuis.screening.worker READ_FD WRITE_FD
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import signal
import subprocess
import sys
import threading
import traceback
from datetime import date
from pathlib import Path
from typing import IO, Any

import numpy as np

import sociaalhuis
from sociaalhuis.catalog.model import Catalog
from sociaalhuis.collector import gc_paused
from sociaalhuis.screening.columns import Shape
from sociaalhuis.screening.missing import MissingTable
from sociaalhuis.screening.vector.caseload import Values

# Seconds the runner waits for the worker to end after closing its pipe, before killing it.
END_WAIT_S = 5.0
# Households the engine takes at once: its memory grows with it, its time per household
# falls (each operation's cost is partly per call). Since the engine keeps only the parts of
# conditions that recur, 10,000 take the worker to about 195 MB (250 MB before).
PIECE = 10_000

# Verdicts, missing-fact codes, the rows to screen exactly, the table of missing facts and
# the digest of each row, when made already (what `columns.settle` takes).
Codes = tuple[np.ndarray, np.ndarray, np.ndarray, MissingTable, list[bytes] | None]


class WorkerFailed(Exception):
    """The worker refused the catalog, failed on a batch or went away; the reason says which."""


class Worker:
    """The runner's side: start the worker, hand it batches in order, take the results back."""

    def __init__(self, catalog: Catalog, on: date) -> None:
        to_child_read, to_child_write = os.pipe()
        from_child_read, from_child_write = os.pipe()
        root = str(Path(sociaalhuis.__file__).resolve().parent.parent)
        paths = [root, *filter(None, [os.environ.get("PYTHONPATH")])]
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}
        command = [sys.executable, "-m", __name__, str(to_child_read), str(from_child_write)]
        try:
            self.process = subprocess.Popen(
                command,
                pass_fds=(to_child_read, from_child_write),
                stdin=subprocess.DEVNULL,
                env=env,
                start_new_session=True,  # Ctrl+C is the runner's to handle
            )
        except OSError as exc:
            os.close(to_child_write)
            os.close(from_child_read)
            raise WorkerFailed(f"the screening worker could not start ({exc})") from None
        finally:
            os.close(to_child_read)
            os.close(from_child_write)
        self._out: IO[bytes] = os.fdopen(to_child_write, "wb")
        self._in: IO[bytes] = os.fdopen(from_child_read, "rb")
        # A batch goes down the pipe from a thread of its own: the worker takes it in as
        # fast as it unpickles, and the runner need not wait for that (it did, 0.7 s per
        # 100,000 households, its own work standing still).
        self._writing: threading.Thread | None = None
        self._write_failed: OSError | ValueError | None = None
        self.peak_mb: float | None = None  # once closed: its peak resident memory
        self.cpu_s: float | None = None  # and the processor time it used
        rights = [right.id for right in catalog.rights]
        self._send((catalog.folder, catalog.version, rights, on))
        self._ready = False

    def send(self, shape: Shape) -> None:
        """Hand over the next batch; its result comes back from `receive`, in order."""
        self._send(shape)

    def receive(self) -> Codes:
        """The result of the oldest batch handed over and not yet received."""
        if not self._ready:
            self._expect("ready")
            self._ready = True
        answer = self._expect("done")
        verdicts, missing, doubtful, lists, digests = answer[1:]
        table = MissingTable()
        table.lists = lists
        table.index = {names: code for code, names in enumerate(lists)}
        return verdicts, missing, doubtful, table, digests

    def close(self) -> None:
        """Ask the worker to end and note its peak memory; killed if it does not end in time."""
        try:
            self._send(None)
            self._written()
            if not self._ready:
                self._expect("ready")
            _, self.peak_mb, self.cpu_s = self._expect("peak")
        except WorkerFailed:
            pass
        finally:
            self.stop()

    def stop(self) -> None:
        """End the worker now (after an interruption); never leaves it running."""
        if self._writing is not None and self._writing.is_alive():
            # A batch still going down the pipe: the worker will not end on an end of file
            # it cannot yet see, and the writer ends only once nobody reads.
            self.process.kill()
            self._writing.join()
        for stream in (self._out, self._in):
            with contextlib.suppress(OSError):
                stream.close()
        try:
            self.process.wait(timeout=END_WAIT_S)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def _send(self, message: Any) -> None:
        blob = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        self._written()  # messages go in order, one writer at a time
        self._writing = threading.Thread(
            target=self._write, args=(blob,), name="screening-worker-pipe", daemon=True
        )
        self._writing.start()

    def _write(self, blob: bytes) -> None:
        try:
            self._out.write(blob)
            self._out.flush()
        except (OSError, ValueError) as exc:  # ValueError: the pipe was closed meanwhile
            self._write_failed = exc

    def _written(self) -> None:
        """Wait until the message being sent is in the pipe; WorkerFailed if it could not."""
        if self._writing is not None:
            self._writing.join()
            self._writing = None
        if self._write_failed is not None:
            raise WorkerFailed(f"the screening worker went away ({self._write_failed})")

    def _expect(self, kind: str) -> tuple[Any, ...]:
        try:
            answer = pickle.load(self._in)
        except (EOFError, OSError, pickle.UnpicklingError) as exc:
            code = self.process.poll()
            raise WorkerFailed(f"the screening worker went away (exit {code}): {exc!r}") from None
        if answer[0] != kind:
            raise WorkerFailed(str(answer[1]) if len(answer) > 1 else answer[0])
        return tuple(answer)


def serve(inbox: IO[bytes], outbox: IO[bytes]) -> None:
    """The worker's loop: the catalog's folder first, then batches until None."""
    # Imported here: the runner's side needs none of the engine's start-up.
    from sociaalhuis.catalog import loader
    from sociaalhuis.eligibility.engine import Evaluator
    from sociaalhuis.screening.columns import evaluate
    from sociaalhuis.screening.engine import Screened

    def send(message: tuple[Any, ...]) -> None:
        pickle.dump(message, outbox, protocol=pickle.HIGHEST_PROTOCOL)
        outbox.flush()

    folder, version, rights, on = pickle.load(inbox)
    try:
        catalog = loader.load(folder, today=on)
    except Exception as exc:  # any reason the catalog will not load is the runner's to show
        send(("refused", f"the screening worker could not load the catalog in {folder}: {exc}"))
        return
    if catalog.version != version or [right.id for right in catalog.rights] != rights:
        send(("refused", f"the catalog in {folder} changed since it was loaded"))
        return
    evaluator = Evaluator(catalog)
    gc.freeze()  # as the runner: the catalog and engine stay for the whole run
    send(("ready",))
    while True:
        with gc_paused():  # as the runner's reads: a batch is a million small objects
            shape = pickle.load(inbox)
        if shape is None:
            break
        try:
            table = MissingTable()
            with gc_paused():
                found = [evaluate(evaluator, p, on, table) for p in pieces(shape, PIECE)]
            verdicts, missing, doubtful = (np.concatenate([f[i] for f in found]) for i in range(3))
            # Here, not in the runner: its reads are the longer half of a parallel screen.
            digests = Screened(catalog.rights, verdicts, missing, table).digests()
        except Exception:
            send(("failed", f"the screening worker failed: {traceback.format_exc(limit=3)}"))
            return
        del shape, found
        send(("done", verdicts, missing, doubtful, table.lists, digests))
    times = os.times()
    send(("peak", own_peak_mb(), round(times.user + times.system, 3)))


def own_peak_mb() -> float | None:
    """This process's peak resident memory in MB (MiB), its own only.

    Linux keeps `ru_maxrss` across fork and exec, so a worker started by a runner of 330 MB
    would report at least that; `VmHWM` belongs to the process's own memory since its exec.
    """
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        status = ""
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    try:
        import resource
    except ImportError:
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


def pieces(shape: Shape, size: int) -> list[Shape]:
    """The batch cut into parts of at most `size` households, rows renumbered in each."""
    counts, household, members, exact = shape
    if len(counts) <= size:
        return [shape]
    member_starts = np.concatenate(([0], np.cumsum(counts, dtype=np.int64))).tolist()
    cut: list[Shape] = []
    for low in range(0, len(counts), size):
        high = min(len(counts), low + size)
        cut.append(
            (
                counts[low:high],
                _rows_between(household, low, high),
                _rows_between(members, member_starts[low], member_starts[high]),
                [row - low for row in exact if low <= row < high],
            )
        )
    return cut


def _rows_between(values: Values, low: int, high: int) -> Values:
    """The values of rows low..high-1, numbered from 0, in the order given (the last of a
    fact given twice still holds)."""
    cut: Values = {}
    for key, (rows, given) in values.items():
        numbers = np.asarray(rows, dtype=np.int64)
        kept = np.flatnonzero((numbers >= low) & (numbers < high))
        if len(kept):
            picked = [given[i] for i in kept.tolist()]
            cut[key] = ((numbers[kept] - low).tolist(), picked)
    return cut


def main(argv: list[str]) -> int:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    inbox = os.fdopen(int(argv[0]), "rb")
    outbox = os.fdopen(int(argv[1]), "wb")
    try:
        serve(inbox, outbox)
    except (EOFError, BrokenPipeError):
        return 0  # the runner went away: nothing of ours is left half done
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
