#!/usr/bin/env python3
"""Protocol-level tests of the installed, patched Java kernel, through jupyter_client.

    kernel_protocol_test.py            # every check; exit status 1 if one fails
    kernel_protocol_test.py -k interrupt
    kernel_protocol_test.py --unpatched   # the same checks on upstream 3.0.1 (no kernel-patch.jar): they fail

What a front end relies on, checked message by message on one kernel started from this checkout's
kernelspec (environment/build/jupyter, `make kernel`):

  interrupt       a running cell (Thread.sleep) interrupted from the control channel ends with an
                  error published under ITS execute request and an execute_reply; the sleeping
                  thread is gone; `2+2` then shows 4 and println prints
  stop-on-error   with stop_on_error, the execute requests queued behind a failing cell are
                  answered "aborted" and never run; the next request runs; without it they run
  evalue          a compile error's evalue carries the compiler's message
  text-plain      every execute_result has text/plain (beside text/html or image/png)
  quiet-console   the kernel's console shows no class-path listing and never the connection key
"""
import argparse
import json
import os
import pathlib
import re
import sys
import tempfile
import time

import jupyter_python  # noqa: E402  (this script's directory is on sys.path)

jupyter_python.require("jupyter_client")

ROOT = pathlib.Path(__file__).resolve().parent.parent
os.environ["JUPYTER_PATH"] = str(ROOT / "environment" / "build" / "jupyter") + os.pathsep + os.environ.get("JUPYTER_PATH", "")

from jupyter_client import KernelManager  # noqa: E402  (after JUPYTER_PATH)

KERNEL = "safetensors-study"
STARTUP_TIMEOUT = 120


class Kernel:
    """One kernel, its client, and helpers that collect what a request produced."""

    def __init__(self, console):
        self.manager = KernelManager(kernel_name=KERNEL)
        self.manager.start_kernel(stdout=console, stderr=console)
        self.client = self.manager.client()
        self.client.start_channels()
        self.client.wait_for_ready(timeout=STARTUP_TIMEOUT)

    def close(self):
        self.client.stop_channels()
        self.manager.shutdown_kernel(now=True)

    def send(self, code, stop_on_error=True):
        return self.client.execute(code, stop_on_error=stop_on_error)

    def reply(self, msg_id, timeout=30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            msg = self.client.get_shell_msg(timeout=max(0.1, deadline - time.monotonic()))
            if msg["parent_header"].get("msg_id") == msg_id:
                return msg
        raise TimeoutError(f"no execute_reply for {msg_id} in {timeout} s")

    def outputs(self, msg_id, timeout=30):
        """iopub messages under msg_id, up to its idle status."""
        found = []
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            msg = self.client.get_iopub_msg(timeout=max(0.1, deadline - time.monotonic()))
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                return found
            found.append(msg)
        raise TimeoutError(f"no idle status for {msg_id} in {timeout} s")

    def run(self, code, stop_on_error=True, timeout=60):
        msg_id = self.send(code, stop_on_error)
        return self.reply(msg_id, timeout), self.outputs(msg_id, timeout)


def result_text(outputs):
    for msg in outputs:
        if msg["msg_type"] == "execute_result":
            return msg["content"]["data"].get("text/plain")
    return None


def stream_text(outputs):
    return "".join(m["content"]["text"] for m in outputs if m["msg_type"] == "stream")


def check(condition, what):
    if not condition:
        raise AssertionError(what)


def test_interrupt(kernel):
    msg_id = kernel.send("Thread.sleep(60_000);")
    # Wait until the cell runs (its execute_input is published), then interrupt from the control channel.
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        msg = kernel.client.get_iopub_msg(timeout=30)
        if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "execute_input":
            break
    time.sleep(1.0)
    interrupted_at = time.monotonic()
    kernel.manager.interrupt_kernel()
    reply = kernel.reply(msg_id, timeout=15)
    took = time.monotonic() - interrupted_at
    outputs = kernel.outputs(msg_id, timeout=15)
    check(reply["content"]["status"] == "error", f"interrupted cell's execute_reply status: {reply['content']['status']}")
    errors = [m for m in outputs if m["msg_type"] == "error"]
    check(errors, "no error published under the interrupted cell's execute request")
    check("interrupt" in (errors[0]["content"]["ename"] + errors[0]["content"]["evalue"]).lower(),
          f"the error does not say the cell was interrupted: {errors[0]['content']['ename']}: {errors[0]['content']['evalue']}")
    check(took < 10, f"the interrupted cell took {took:.1f} s to end")
    reply, outputs = kernel.run("2+2")
    check(reply["content"]["status"] == "ok" and result_text(outputs) == "4", f"after the interrupt, 2+2 gave {result_text(outputs)!r}")
    reply, outputs = kernel.run('System.out.println("still printing");')
    check("still printing" in stream_text(outputs), "after the interrupt, println printed nothing")
    _, outputs = kernel.run('Thread.getAllStackTraces().keySet().stream()'
                            '.filter(t -> t.getState() == Thread.State.TIMED_WAITING && t.getName().startsWith("Engine-thread"))'
                            '.filter(t -> java.util.Arrays.stream(t.getStackTrace()).anyMatch(f -> f.getMethodName().equals("sleep"))).count()')
    check(result_text(outputs) == "0", f"sleeping engine threads after the interrupt: {result_text(outputs)}")
    return f"cell ended {took:.1f} s after the interrupt; 2+2 -> 4"


def test_stop_on_error(kernel):
    failing = kernel.send('throw new IllegalStateException("wrong parameter");')
    queued = [kernel.send('System.out.println("queued cell ran");'), kernel.send("1+1")]
    check(kernel.reply(failing)["content"]["status"] == "error", "the failing cell did not fail")
    statuses = [kernel.reply(q)["content"]["status"] for q in queued]
    outputs = [kernel.outputs(q) for q in [failing] + queued]
    check(statuses == ["aborted", "aborted"], f"queued cells after an error: {statuses} (want aborted, aborted)")
    check(all(not stream_text(o) and result_text(o) is None for o in outputs[1:]), "an aborted cell produced output")
    reply, out = kernel.run("3+3")
    check(reply["content"]["status"] == "ok" and result_text(out) == "6", f"the request after the aborted ones gave {result_text(out)!r}")
    # Without stop_on_error, queued cells run.
    failing = kernel.send('throw new IllegalStateException("tolerated");', stop_on_error=False)
    queued = kernel.send("5+5")
    kernel.reply(failing)
    reply = kernel.reply(queued)
    out = kernel.outputs(queued)
    check(reply["content"]["status"] == "ok" and result_text(out) == "10", "without stop_on_error the queued cell did not run")
    return "2 queued cells aborted; the next one ran; without stop_on_error it ran"


def test_evalue(kernel):
    reply, outputs = kernel.run('int x = "not a number";')
    errors = [m["content"] for m in outputs if m["msg_type"] == "error"]
    check(errors and "incompatible types" in errors[0]["evalue"], f"compile error evalue: {errors[0]['evalue'] if errors else None!r}")
    check("incompatible types" in reply["content"].get("evalue", ""), f"compile error execute_reply evalue: {reply['content'].get('evalue')!r}")
    return errors[0]["evalue"]


def test_text_plain(kernel):
    shown = {}
    for code in ['"a string"', "2+2", 'org.modelevolution.notebook.Display.value("Cochran sample", 157)',
                 "new java.awt.image.BufferedImage(4, 4, java.awt.image.BufferedImage.TYPE_INT_RGB)"]:
        _, outputs = kernel.run(code)
        results = [m["content"]["data"] for m in outputs if m["msg_type"] == "execute_result"]
        check(results, f"{code}: no execute_result")
        check("text/plain" in results[0], f"{code}: execute_result without text/plain ({sorted(results[0])})")
        shown[code[:24]] = sorted(results[0])
    return "; ".join(f"{k}: {v}" for k, v in shown.items())


def test_quiet_console(kernel, console_path, connection_file):
    console = pathlib.Path(console_path).read_text(errors="replace")
    key = json.loads(pathlib.Path(connection_file).read_text())["key"]
    check(key not in console, "the kernel's console shows the connection key")
    listing = [line for line in console.splitlines() if re.search(r"Parsing classpath|to classpath$", line)]
    check(not listing, f"the kernel's console lists the class path ({len(listing)} lines)")
    return f"{len(console.splitlines())} console lines"


TESTS = ["interrupt", "stop-on-error", "evalue", "text-plain", "quiet-console"]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-k", dest="only", choices=TESTS, action="append", help="run only this check (repeatable)")
    parser.add_argument("--unpatched", action="store_true", help="run upstream 3.0.1 without environment/kernel-patch")
    args = parser.parse_args()
    spec = ROOT / "environment" / "build" / "jupyter" / "kernels" / KERNEL / "kernel.json"
    if not spec.is_file():
        sys.exit("The kernel is not installed: run `make kernel` first.")
    if args.unpatched:
        kernel_spec = json.loads(spec.read_text())
        argv = kernel_spec["argv"]
        i = argv.index("-cp")
        argv[i + 1] = ":".join(p for p in argv[i + 1].split(":") if not p.endswith("kernel-patch.jar"))
        argv[i + 2] = "org.rapaio.jupyter.kernel.MainApp"
        home = pathlib.Path(tempfile.mkdtemp(prefix="kernel-protocol-unpatched-"))
        (home / "kernels" / KERNEL).mkdir(parents=True)
        (home / "kernels" / KERNEL / "kernel.json").write_text(json.dumps(kernel_spec))
        os.environ["JUPYTER_PATH"] = str(home)
    failures = 0
    with tempfile.TemporaryDirectory(prefix="kernel-protocol-") as tmp:
        console_path = pathlib.Path(tmp) / "console.log"
        started = time.monotonic()
        with open(console_path, "w") as console:
            kernel = Kernel(console)
        print(f"kernel started in {time.monotonic() - started:.1f} s", flush=True)
        try:
            for name in args.only or TESTS:
                begun = time.monotonic()
                try:
                    if name == "quiet-console":
                        detail = test_quiet_console(kernel, console_path, kernel.manager.connection_file)
                    else:
                        detail = globals()["test_" + name.replace("-", "_")](kernel)
                    print(f"PASS {name} ({time.monotonic() - begun:.1f} s): {detail}", flush=True)
                except Exception as e:  # noqa: BLE001  (a check failed or the kernel stopped answering)
                    failures += 1
                    print(f"FAIL {name}: {e.__class__.__name__}: {e}", flush=True)
        finally:
            kernel.close()
    print(f"kernel protocol: {len(args.only or TESTS) - failures} passed, {failures} failed", flush=True)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
