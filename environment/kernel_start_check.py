#!/usr/bin/env python3
"""Benchmark/check of the notebook kernel's start (not part of `make test`): starts the installed
kernel N times in a row and counts the starts that hang.

    kernel_start_check.py                        # 100 starts of the installed (patched) kernel
    kernel_start_check.py --unpatched --starts 20 --cpu 0
                                                 # 20 starts without environment/kernel-patch,
                                                 # pinned to CPU 0 (taskset), to show the race

One start: start the kernel, wait for its kernel_info_reply, run one trivial cell (`1 + 1`), shut
it down. A start that does not finish within --timeout seconds (default 30) gets a thread dump
(jstack) and --grace more seconds (default 90): a kernel that answers then was slow (a loaded
machine), one that never answers hung. The log and thread dump of every such start is kept in
environment/build/kernel-start-check/; its channel loop threads (shell, control, heartbeat) are
named in the output, since a hung kernel of the race lacks one of them.
"""
import argparse
import json
import os
import pathlib
import queue
import shutil
import subprocess
import sys
import tempfile
import time

import jupyter_python  # noqa: E402  (this script's directory is on sys.path)

jupyter_python.require("jupyter_client")

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
        argv[i + 2] = "org.rapaio.jupyter.kernel.MainApp"  # the patch jar's quiet launcher is gone too
    if cpu is not None:
        argv = ["taskset", "-c", str(cpu)] + argv
    spec["argv"] = argv
    home = pathlib.Path(tempfile.mkdtemp(prefix="kernel-start-check-"))
    (home / "kernels" / KERNEL).mkdir(parents=True)
    (home / "kernels" / KERNEL / "kernel.json").write_text(json.dumps(spec, indent=2))
    return home


def channel_threads(pid, java_home, log):
    """Appends a thread dump of the kernel to its log; returns the names of its channel threads."""
    dump = subprocess.run([str(java_home / "bin" / "jstack"), str(pid)], capture_output=True, text=True).stdout
    log.write("\n--- jstack at the time limit ---\n" + dump)
    names = [line.split('"')[1] for line in dump.splitlines() if line.startswith('"')]
    return sorted(n for n in names if any(k in n.lower() for k in ("shell", "control", "heartbeat")))


def one_start(manager_class, log_path, timeout, grace, java_home):
    """'ok', 'slow' (answered within timeout + grace seconds) or 'hung', and the channel threads
    seen at the time limit (None when the start was in time)."""
    km = manager_class(kernel_name=KERNEL)
    with open(log_path, "w") as log:
        km.start_kernel(stdout=log, stderr=log)
        kc = km.client()
        kc.start_channels()
        try:
            limit = time.monotonic() + timeout
            threads = None
            for deadline in (limit, limit + grace):
                try:
                    answered(kc, deadline)
                    return ("ok" if threads is None else "slow"), threads
                except (RuntimeError, queue.Empty):
                    if threads is None:
                        log.flush()
                        threads = channel_threads(km.provisioner.process.pid, java_home, log)
            return "hung", threads
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)


def answered(kc, deadline):
    """Waits until deadline for the kernel_info_reply and the reply to one trivial cell."""
    kc.wait_for_ready(timeout=max(1, deadline - time.monotonic()))
    msg_id = kc.execute("1 + 1")
    while True:
        reply = kc.get_shell_msg(timeout=max(0.1, deadline - time.monotonic()))
        if reply["parent_header"].get("msg_id") == msg_id:
            if reply["content"]["status"] != "ok":
                raise RuntimeError(f"the trivial cell failed: {reply['content']}")
            return


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--starts", type=int, default=100)
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds per start (default 30)")
    parser.add_argument("--grace", type=float, default=90.0,
                        help="more seconds for a start past --timeout, to tell slow from hung (default 90)")
    parser.add_argument("--unpatched", action="store_true", help="leave environment/kernel-patch off the class path")
    parser.add_argument("--cpu", type=int, help="pin the kernel to this CPU (taskset -c)")
    args = parser.parse_args()
    if not INSTALLED.is_file():
        sys.exit("The kernel is not installed: run `make kernel` first.")

    spec = json.loads(INSTALLED.read_text())
    java_home = pathlib.Path(spec["argv"][0]).parent.parent
    home = variant_spec(args.unpatched, args.cpu)
    os.environ["JUPYTER_PATH"] = str(home)
    from jupyter_client import KernelManager  # noqa: E402  (after JUPYTER_PATH)

    LOGS.mkdir(parents=True, exist_ok=True)
    label = ("unpatched" if args.unpatched else "patched") + (f", pinned to CPU {args.cpu}" if args.cpu is not None else "")
    counts = {"ok": 0, "slow": 0, "hung": 0}
    seconds = []
    for n in range(1, args.starts + 1):
        log_path = LOGS / f"{'unpatched' if args.unpatched else 'patched'}-start-{n}.log"
        started = time.monotonic()
        outcome, threads = one_start(KernelManager, log_path, args.timeout, args.grace, java_home)
        counts[outcome] += 1
        if outcome == "ok":
            seconds.append(time.monotonic() - started)
            log_path.unlink()
        else:
            print(f"  start {n}: {outcome.upper()} (no answer within {args.timeout:.0f} s"
                  f"{'' if outcome == 'hung' else ', answered within the grace period'}); "
                  f"channel threads at the limit: {', '.join(threads) or 'none'}; "
                  f"log: {log_path.relative_to(ROOT)}", flush=True)
        if n % 10 == 0:
            print(f"  {n} starts: {counts}", flush=True)
    shutil.rmtree(home, ignore_errors=True)
    seconds.sort()
    median = seconds[len(seconds) // 2] if seconds else float("nan")
    print(f"kernel starts ({label}): {args.starts}; in time: {counts['ok']}, slow: {counts['slow']}, "
          f"hung: {counts['hung']}; median start-to-first-result {median:.1f} s", flush=True)
    sys.exit(1 if counts["hung"] else 0)


if __name__ == "__main__":
    main()
