#!/usr/bin/env python3
"""Benchmark/check of the notebook kernel's start (not part of `make test`): starts the installed
kernel N times in a row and counts the starts that hang.

    kernel_start_check.py                        # 100 starts of the installed (patched) kernel
    kernel_start_check.py --unpatched --starts 20 --cpu 0
                                                 # 20 starts without environment/kernel-patch,
                                                 # pinned to CPU 0 (taskset), to show the race

One start: start the kernel, wait for its kernel_info_reply, run one trivial cell (`1 + 1`), shut
it down. A start hangs when that does not finish within --timeout seconds (default 30). The log of
every hung start is kept in environment/build/kernel-start-check/.
"""
import argparse
import json
import os
import pathlib
import queue
import shutil
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
KERNEL = "safetensors-study"
INSTALLED = ROOT / "environment" / "build" / "jupyter" / "kernels" / KERNEL / "kernel.json"
LOGS = ROOT / "environment" / "build" / "kernel-start-check"


def variant_spec(unpatched, cpu):
    """The installed kernelspec, optionally without the patch jar and/or pinned to one CPU."""
    spec = json.loads(INSTALLED.read_text())
    argv = list(spec["argv"])
    if unpatched:
        i = argv.index("-cp")
        argv[i + 1] = ":".join(p for p in argv[i + 1].split(":") if not p.endswith("kernel-patch.jar"))
    if cpu is not None:
        argv = ["taskset", "-c", str(cpu)] + argv
    spec["argv"] = argv
    home = pathlib.Path(tempfile.mkdtemp(prefix="kernel-start-check-"))
    (home / "kernels" / KERNEL).mkdir(parents=True)
    (home / "kernels" / KERNEL / "kernel.json").write_text(json.dumps(spec, indent=2))
    return home


def one_start(manager_class, log_path, timeout):
    """True when the kernel answered kernel_info and ran one cell within timeout seconds."""
    deadline = time.monotonic() + timeout
    km = manager_class(kernel_name=KERNEL)
    with open(log_path, "w") as log:
        km.start_kernel(stdout=log, stderr=log)
        kc = km.client()
        kc.start_channels()
        try:
            kc.wait_for_ready(timeout=max(1, deadline - time.monotonic()))
            msg_id = kc.execute("1 + 1")
            while True:
                reply = kc.get_shell_msg(timeout=max(0.1, deadline - time.monotonic()))
                if reply["parent_header"].get("msg_id") == msg_id:
                    return reply["content"]["status"] == "ok"
        except (RuntimeError, queue.Empty):
            return False
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--starts", type=int, default=100)
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds per start (default 30)")
    parser.add_argument("--unpatched", action="store_true", help="leave environment/kernel-patch off the class path")
    parser.add_argument("--cpu", type=int, help="pin the kernel to this CPU (taskset -c)")
    args = parser.parse_args()
    if not INSTALLED.is_file():
        sys.exit("The kernel is not installed: run `make kernel` first.")

    home = variant_spec(args.unpatched, args.cpu)
    os.environ["JUPYTER_PATH"] = str(home)
    from jupyter_client import KernelManager  # noqa: E402  (after JUPYTER_PATH)

    LOGS.mkdir(parents=True, exist_ok=True)
    label = ("unpatched" if args.unpatched else "patched") + (f", pinned to CPU {args.cpu}" if args.cpu is not None else "")
    hangs = 0
    seconds = []
    for n in range(1, args.starts + 1):
        log_path = LOGS / f"start-{n}.log"
        started = time.monotonic()
        ok = one_start(KernelManager, log_path, args.timeout)
        seconds.append(time.monotonic() - started)
        if ok:
            log_path.unlink()
        else:
            hangs += 1
            print(f"  start {n}: HUNG (no answer within {args.timeout:.0f} s); log kept: "
                  f"{log_path.relative_to(ROOT)}", flush=True)
        if n % 10 == 0:
            print(f"  {n} starts, {hangs} hung", flush=True)
    shutil.rmtree(home, ignore_errors=True)
    ok_seconds = sorted(s for s in seconds if s < args.timeout)
    median = ok_seconds[len(ok_seconds) // 2] if ok_seconds else float("nan")
    print(f"kernel starts ({label}): {args.starts}, hung: {hangs}, "
          f"median start-to-first-result {median:.1f} s", flush=True)
    sys.exit(1 if hangs else 0)


if __name__ == "__main__":
    main()
