#!/usr/bin/env python3
"""Executes the project's notebooks headlessly with the Java kernel, in file-name order.

    run_notebooks.py                 # execute notebooks/*.ipynb in place, keep their outputs
    run_notebooks.py --smoke         # smoke mode (SFSTUDY_SMOKE=1), executed copies go to a temp dir
    run_notebooks.py notebooks/00-environment.ipynb ...   # only these
    run_notebooks.py --group recent notebooks/02-rq1-adoption.ipynb
                                     # its parameters cell set to Notebook.group("recent"), run, saved so

A failing cell fails the run and is named (notebook, cell number, first source line). Executed
notebooks are written as classic Jupyter Notebook / JupyterLab write them after Run All (the kernel's
language_info, consecutive stream outputs of one name merged, nbformat's JSON layout), so that saving
a notebook from the browser after Restart & Run All leaves it byte-identical; and without what
changes from run to run (execution timestamps, cell ids of older formats).
"""
import argparse
import os
import pathlib
import re
import shutil
import sys
import tempfile
import time
import traceback

import jupyter_python  # noqa: E402  (this script's directory is on sys.path)

jupyter_python.require("nbformat", "nbclient")

ROOT = pathlib.Path(__file__).resolve().parent.parent
os.environ["JUPYTER_PATH"] = str(ROOT / "environment" / "build" / "jupyter") + os.pathsep + os.environ.get("JUPYTER_PATH", "")

import nbformat  # noqa: E402  (JUPYTER_PATH must be set before Jupyter modules load)
from nbclient import NotebookClient  # noqa: E402
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError  # noqa: E402

KERNEL = "safetensors-study"
KERNEL_SPEC = ROOT / "environment" / "build" / "jupyter" / "kernels" / KERNEL / "kernel.json"
KERNEL_LOGS = ROOT / "environment" / "build" / "kernel-logs"
# A JVM kernel answers its first kernel_info_request after the JVM, JShell and the class path are
# up: a few seconds on an idle machine, tens of seconds on a loaded one. A kernel still silent after
# this long is broken (its log says why), not slow.
KERNEL_STARTUP_TIMEOUT_SECONDS = 120


def normalise(nb):
    """Drops what changes from run to run although the computation does not."""
    nb.metadata.pop("widgets", None)
    nb.metadata["kernelspec"] = {"display_name": "Java (safetensors study)", "language": "java", "name": KERNEL}
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.pop("collapsed", None)
        cell.pop("id", None) if nb.nbformat_minor < 5 else None
        if cell.cell_type == "code":
            cell.outputs = merged_streams(cell.outputs)
    return nb


def merged_streams(outputs):
    """Consecutive stream outputs of one name as one output, as the browser's output area keeps them."""
    merged = []
    for output in outputs:
        last = merged[-1] if merged else None
        if (output.get("output_type") == "stream" and last is not None and last.get("output_type") == "stream"
                and last.get("name") == output.get("name")):
            last["text"] = last["text"] + output["text"]
        else:
            merged.append(output)
    return merged


GROUP_CALL = re.compile(r"Notebook\.group\([^)]*\)")


def set_group(nb, path, group):
    """Sets the group in the notebook's parameters cell (the one calling Notebook.group)."""
    for cell in nb.cells:
        if cell.cell_type == "code" and GROUP_CALL.search(cell.source):
            cell.source = GROUP_CALL.sub(f'Notebook.group("{group.lower()}")', cell.source, count=1)
            return
    raise SystemExit(f"{path.relative_to(ROOT)} has no group parameter (no Notebook.group(...) in a code cell)")


def failing_cell(nb):
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                return index, cell
    return None, None


def read_cleared(path):
    """The notebook without previous outputs: a rerun starts from the same state as a first run."""
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    return nb


def new_client(nb, path, timeout):
    return NotebookClient(
        nb, kernel_name=KERNEL, timeout=timeout, startup_timeout=KERNEL_STARTUP_TIMEOUT_SECONDS,
        record_timing=False, allow_errors=False,
        resources={"metadata": {"path": str(path.parent)}})


def kernel_log_path(path):
    """The kernel's own output for one notebook: environment/build/kernel-logs/<notebook>.log"""
    KERNEL_LOGS.mkdir(parents=True, exist_ok=True)
    return KERNEL_LOGS / f"{path.stem}.log"


class KernelFailed(RuntimeError):
    """The kernel did not start, stopped answering or died; its log says why."""


def execute(path, target, timeout, smoke, group=None):
    nb = read_cleared(path)
    if group:
        set_group(nb, path, group)
    client = new_client(nb, path, timeout)
    # The kernel inherits this process's environment: the smoke flag reaches the notebook through it.
    saved = os.environ.get("SFSTUDY_SMOKE")
    os.environ["SFSTUDY_SMOKE"] = "1" if smoke else "0"
    started = time.monotonic()
    error = None
    log_path = kernel_log_path(path)
    try:
        with open(log_path, "w") as log:
            client.execute(stdout=log, stderr=log)
    except (CellExecutionError, CellTimeoutError) as e:
        error = e
    except Exception as e:  # noqa: BLE001  (start timeout, dead kernel, lost connection)
        raise KernelFailed(
            f"{path.relative_to(ROOT)}: the kernel failed ({e.__class__.__name__}: {e}); "
            f"its log is {log_path.relative_to(ROOT)}") from e
    finally:
        if saved is None:
            os.environ.pop("SFSTUDY_SMOKE", None)
        else:
            os.environ["SFSTUDY_SMOKE"] = saved
    elapsed = time.monotonic() - started
    nbformat.write(normalise(nb), str(target))
    if error is not None:
        index, cell = failing_cell(nb)
        where = f"cell {index + 1}" if index is not None else "a cell"
        first = cell.source.splitlines()[0] if cell is not None and cell.source else ""
        raise RuntimeError(f"{path.relative_to(ROOT)}: {where} failed ({first!r})\n{error}")
    return elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="*", type=pathlib.Path)
    parser.add_argument("--smoke", action="store_true", help="fast mode; executed copies go to a temp dir")
    parser.add_argument("--timeout", type=int, default=900, help="seconds per cell (default 900)")
    parser.add_argument("--group", choices=["legacy", "recent", "both"], type=str.lower,
                        help="set the parameters cell's group before running (saved with the notebook)")
    args = parser.parse_args()
    if os.environ.get("SFSTUDY_GROUP"):
        sys.exit("SFSTUDY_GROUP is no longer read: the parameters cell sets the group "
                 "(edit it, or run with --group / make notebook NB=02 GROUP=recent)")

    notebooks = [p.resolve() for p in args.notebooks] or sorted((ROOT / "notebooks").glob("[0-9]*.ipynb"))
    if not KERNEL_SPEC.is_file():
        sys.exit("The kernel is not installed: run `bash environment/setup.sh` (or `make kernel`) first.")
    out_dir = pathlib.Path(tempfile.mkdtemp(prefix="notebooks-smoke-")) if args.smoke else None
    mode = "smoke" if args.smoke else "full"
    failures = 0
    total = time.monotonic()
    for number, path in enumerate(notebooks, 1):
        target = out_dir / path.name if out_dir else path
        print(f"[{number}/{len(notebooks)}] {path.relative_to(ROOT)} ({mode}) ...", flush=True)
        try:
            seconds = execute(path, target, args.timeout, args.smoke, args.group)
            print(f"[{number}/{len(notebooks)}] {path.relative_to(ROOT)}: ok in {seconds:.1f} s", flush=True)
        except KernelFailed as e:
            failures += 1
            print(f"[{number}/{len(notebooks)}] FAILED: {e}", file=sys.stderr, flush=True)
            traceback.print_exc()
        except RuntimeError as e:
            failures += 1
            print(f"[{number}/{len(notebooks)}] FAILED: {e}", file=sys.stderr, flush=True)
        except Exception:  # noqa: BLE001  (Jupyter itself failed: show everything)
            failures += 1
            print(f"[{number}/{len(notebooks)}] FAILED: {path.relative_to(ROOT)}: Jupyter failed; "
                  f"the kernel log is {kernel_log_path(path).relative_to(ROOT)}", file=sys.stderr, flush=True)
            traceback.print_exc()
    if out_dir:
        shutil.rmtree(out_dir, ignore_errors=True)
    passed = len(notebooks) - failures
    print(f"notebooks: {passed} passed, {failures} failed in {time.monotonic() - total:.1f} s", flush=True)
    sys.stdout.flush()
    sys.stderr.flush()
    # Skip interpreter shutdown: nbclient's own atexit hook would try to clean up kernels that are
    # already shut down and print a spurious AssertionError traceback.
    os._exit(1 if failures else 0)


if __name__ == "__main__":
    main()
