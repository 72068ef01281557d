#!/usr/bin/env python3
"""Runs every notebook the way a person does: in a real Jupyter Notebook server, through the page,
in headless Chromium at 1400 px, and checks what the page shows.

    browser_test.py                    # all notebooks, full mode; exit 1 when a check fails
    browser_test.py --if-available     # the same, or a note and exit 0 when Chromium etc. are absent
    browser_test.py --smoke            # smoke mode (SFSTUDY_SMOKE=1: small inputs, outputs to a temp folder)
    browser_test.py --round-trip       # also: the notebook saved from the page equals the runner's
    browser_test.py --mutants          # the mutant notebooks: each must fail its one check
    browser_test.py notebooks/01-detector-validation.ipynb ...

For each notebook: open it, clear its outputs, Cell > Run All on a fresh kernel, wait until the
kernel is idle and no cell is queued, then check
  * run:         every code cell ran (a failing cell stops Run All, so the cells after it did not),
  * errors:      no error output,
  * tables:      every table is an HTML <table> element on the page (not text laid out in columns),
  * width:       no table is wider than its output area,
  * images:      every figure is an <img> that the browser decoded,
  * figure-width: no figure is wider than its output area (nothing scrolls sideways),
  * figure-text: a figure's smallest text (its output metadata, read from the figure's SVG by
                 Notebook.figure) is at least 9 px as displayed,
  * stderr:      no standard-error output, except in the mining notebooks (10-, 11-),
  * links:       every link resolves: a relative link to a file of the checkout (and a heading of it
                 for #anchors in Markdown files), an external one to an https URL,
  * interrupt:   a cell running Thread.sleep, interrupted with Kernel > Interrupt, ends with an
                 error, and then `2+2` shows 4 (a kernel left mute fails),
  * round-trip:  (--round-trip) the notebook saved from the page is byte-identical to the one
                 environment/run_notebooks.py writes: a browser save after Run All leaves git clean.
The notebooks run on copies in environment/build/browser-test/ with this checkout's kernelspec (the
one `make notebook-server` and `make lab` use); in full mode their tables and figures go to
environment/build/browser-test/results/ (SFSTUDY_RESULTS), so the test never touches tracked files.
environment/browser-mutants/ holds one notebook per check that must fail it (`--mutants`). Needs
Debian's jupyter-notebook (6.x), chromium, chromium-driver and python3-selenium (environment/setup.sh
installs them).
"""
import argparse
import json
import os
import pathlib
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

import jupyter_python  # noqa: E402  (this script's directory is on sys.path)

jupyter_python.require("jupyter_client")

ROOT = pathlib.Path(__file__).resolve().parent.parent
BUILD = ROOT / "environment" / "build"
KERNEL_SPEC = BUILD / "jupyter" / "kernels" / "safetensors-study" / "kernel.json"
WORK = BUILD / "browser-test"
MUTANTS = ROOT / "environment" / "browser-mutants"
MIN_TEXT_PX = 9
MINING_NOTEBOOKS = ("10-", "11-")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--window-size=1400,1000"]

# Runs in the page: what every code cell's outputs are, and what the page made of them.
INSPECT_JS = r"""
const result = [];
Jupyter.notebook.get_cells().forEach((cell, index) => {
  if (cell.cell_type !== 'code') return;
  const areas = cell.output_area.element.find('.output_area');
  const outputs = cell.output_area.outputs.map((out, i) => {
    const area = areas.eq(i);
    const data = out.data || {};
    const html = data['text/html'];
    return {
      type: out.output_type,
      ename: out.ename || null, evalue: out.evalue || null,
      mimes: Object.keys(data),
      html: html === undefined ? null : (Array.isArray(html) ? html.join('') : html),
      text: out.text !== undefined ? (Array.isArray(out.text) ? out.text.join('') : out.text)
          : (data['text/plain'] !== undefined && Object.keys(data).length === 1
              ? (Array.isArray(data['text/plain']) ? data['text/plain'].join('') : data['text/plain']) : null),
      name: out.name || null,
      metadata: out.metadata || {},
      tables: area.find('table').length,
      tableWidths: area.find('table').toArray().map(t => {
        const sub = t.closest('.output_subarea') || area[0];
        return [Math.ceil(t.getBoundingClientRect().width), Math.floor(sub.clientWidth)];
      }),
      images: area.find('img').toArray().map(img => img.complete && img.naturalWidth > 0),
      imageScales: area.find('img').toArray().map(img => img.naturalWidth > 0 ? img.getBoundingClientRect().width / img.naturalWidth : 0),
      imageWidths: area.find('img').toArray().map(img => {
        const sub = img.closest('.output_subarea') || area[0];
        return [Math.ceil(img.getBoundingClientRect().width), Math.floor(sub.clientWidth), sub.scrollWidth];
      }),
    };
  });
  result.push({index: index + 1, count: cell.input_prompt_number === undefined ? null : cell.input_prompt_number,
               source: cell.get_text().split('\n')[0], outputs: outputs});
});
const links = [];
Jupyter.notebook.get_cells().forEach((cell, index) => {
  cell.element.find('a[href]').toArray().forEach(a => {
    const href = a.getAttribute('href');
    if (href && !a.closest('.input_prompt') && !a.classList.contains('anchor-link')) links.push({index: index + 1, href: href});
  });
});
return JSON.stringify({cells: result, links: links});
"""

COLUMNS = re.compile(r"\S\s{2,}\S.*\S\s{2,}\S")  # three or more columns separated by runs of spaces
RULED = re.compile(r"\|\s*$")                    # Tablesaw's text layout: "  a  |  b  |"


def looks_like_text_table(text):
    lines = [line for line in text.splitlines() if line.strip()]
    return sum(1 for line in lines if COLUMNS.search(line)) >= 3 or sum(1 for line in lines if RULED.search(line)) >= 2


def html_is_plain_text(html):
    return "<" not in html and html.strip().count("\n") >= 1


def heading_anchors(markdown):
    """The anchors GitHub and Jupyter give a Markdown file's headings."""
    anchors = set()
    for line in markdown.splitlines():
        m = re.match(r"#+\s+(.*)", line)
        if m:
            title = m.group(1).strip().lower()
            anchors.add(re.sub(r"[^\w\- ]", "", title).replace(" ", "-"))
    return anchors


def check_links(links):
    """Broken links as failures: relative ones resolved against notebooks/, external ones must be https."""
    failures = []
    for link in links:
        href, where = link["href"], f"cell {link['index']}"
        if href.startswith("#"):
            continue
        if re.match(r"^[a-z]+:", href):
            if not re.match(r"^https://[\w.-]+\.[a-z]{2,}(/\S*)?$", href):
                failures.append(("links", where, f"not an https URL: {href}"))
            continue
        path, _, anchor = href.partition("#")
        target = (ROOT / "notebooks" / urllib.parse.unquote(path)).resolve()
        if not target.exists() or not target.is_relative_to(ROOT):
            failures.append(("links", where, f"no such file in the checkout: {href}"))
        elif anchor and target.suffix == ".md" and anchor not in heading_anchors(target.read_text()):
            failures.append(("links", where, f"no heading #{anchor} in {path}"))
    return failures


def check(cells, links=(), notebook=""):
    """Failures as (check, cell number, detail)."""
    failures = check_links(links)
    mining = notebook.startswith(MINING_NOTEBOOKS)
    for cell in cells:
        where = f"cell {cell['index']} ({cell['source'][:60]!r})"
        if cell["count"] is None:
            failures.append(("run", where, "did not run"))
        for out in cell["outputs"]:
            if out["type"] == "error":
                failures.append(("errors", where, f"{out['ename']}: {(out['evalue'] or '')[:200]}"))
            if out["html"] is not None:
                if "<table" in out["html"] and out["tables"] == 0:
                    failures.append(("tables", where, "an HTML table that the page did not render as <table>"))
                elif out["tables"] == 0 and html_is_plain_text(out["html"]):
                    failures.append(("tables", where, "HTML output that is plain text with line breaks "
                                     f"(shown as one paragraph): {out['html'][:80]!r}"))
            if out["text"] is not None and looks_like_text_table(out["text"]):
                failures.append(("tables", where, f"a table shown as text: {out['text'].splitlines()[0][:80]!r}"))
            if "image/png" in out["mimes"] and not (out["images"] and all(out["images"])):
                failures.append(("images", where, "a figure that is not a decoded <img>"))
            shown = (out["text"] or "") + (out["html"] or "")
            if "BufferedImage@" in shown:
                failures.append(("images", where, "a figure shown as its toString()"))
            for table_width, area_width in out.get("tableWidths", []):
                if table_width > area_width:
                    failures.append(("width", where, f"a table {table_width} px wide in an output area of {area_width} px"))
            min_text = (out.get("metadata") or {}).get("safetensors-study", {}).get("min_text_px")
            for scale in out.get("imageScales", []):
                if min_text and scale and min_text * scale < MIN_TEXT_PX - 0.05:
                    failures.append(("figure-text", where, f"smallest text {min_text} px shown at {scale:.0%}: "
                                     f"{min_text * scale:.1f} px (< {MIN_TEXT_PX})"))
            for image_width, area_width, scroll_width in out.get("imageWidths", []):
                if image_width > area_width or scroll_width > area_width:
                    failures.append(("figure-width", where, f"a figure {image_width} px wide in an output area of "
                                     f"{area_width} px (scrolls sideways: {scroll_width} px of content)"))
            if out["type"] == "stream" and out.get("name") == "stderr" and not mining:
                failures.append(("stderr", where, f"standard error in a cell that is not mining: {(out['text'] or '')[:100]!r}"))
    return failures


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(notebook_dir, port, token, env, log):
    argv = [sys.executable, "-m", "notebook", "--no-browser", f"--port={port}", "--port-retries=0",
            "--ip=127.0.0.1", f"--NotebookApp.token={token}", f"--notebook-dir={notebook_dir}",
            "--MappingKernelManager.kernel_info_timeout=180"]
    if os.geteuid() == 0:  # containers and CI run as root; the server refuses that unless told
        argv.append("--allow-root")
    server = subprocess.Popen(argv, env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status?token={token}", timeout=2).read()
            return server
        except OSError:
            if server.poll() is not None:
                break
            time.sleep(0.5)
    server.kill()
    raise RuntimeError(f"the Jupyter Notebook server did not start; its log: {pathlib.Path(log.name).relative_to(ROOT)}")


def api(port, token, method, path):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}?token={token}", method=method)
    with urllib.request.urlopen(request, timeout=30) as response:
        body = response.read()
    return json.loads(body) if body else None


def run_notebook(driver, port, token, name, timeout):
    """Opens one notebook, runs all its cells through the page, returns what the page shows."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(f"http://127.0.0.1:{port}/notebooks/{name}?token={token}")
    ready = ("return !!(window.Jupyter && Jupyter.notebook && Jupyter.notebook._fully_loaded"
             " && Jupyter.notebook.kernel && Jupyter.notebook.kernel.is_connected()"
             " && Object.keys(Jupyter.notebook.kernel.info_reply || {}).length > 0)")
    WebDriverWait(driver, 240, poll_frequency=1).until(lambda d: d.execute_script(ready))
    driver.execute_script("Jupyter.notebook.set_autosave_interval(0); Jupyter.notebook.clear_all_output();")
    # Cell > Run All, as a person would.
    driver.find_element(By.ID, "celllink").click()
    WebDriverWait(driver, 10).until(lambda d: d.find_element(By.ID, "run_all_cells").is_displayed())
    driver.find_element(By.CSS_SELECTOR, "#run_all_cells > a").click()
    busy = ("return Jupyter.notebook.kernel_busy === true || document.querySelectorAll('.input_prompt')"
            ".length && Array.from(document.querySelectorAll('.input_prompt')).some(p => p.textContent.includes('[*]'))")
    started = time.monotonic()
    idle_polls = 0
    while idle_polls < 3:
        if time.monotonic() - started > timeout:
            raise TimeoutError(f"still running after {timeout} s")
        time.sleep(2)
        idle_polls = 0 if driver.execute_script(busy) else idle_polls + 1
    seen = json.loads(driver.execute_script(INSPECT_JS))
    return seen["cells"], seen["links"], time.monotonic() - started


def open_dialog(driver):
    """The text of a dialog open on the page (it intercepts clicks), to say why a run could not start."""
    try:
        text = driver.execute_script("return Array.from(document.querySelectorAll('.modal.in, .modal.show'))"
                                     ".map(m => m.innerText).join(' | ')")
    except Exception:  # noqa: BLE001  (the page itself is gone)
        return ""
    return f" (dialog open: {' '.join(text.split())[:400]})" if text else ""


def save(driver):
    """File > Save, as a person would after Run All; returns when the server has written it."""
    driver.execute_script("window.__saved = false; Jupyter.notebook.save_notebook().then(() => { window.__saved = true; });")
    from selenium.webdriver.support.ui import WebDriverWait
    WebDriverWait(driver, 60).until(lambda d: d.execute_script("return window.__saved === true"))


CELL_STATE_JS = r"""
const cell = Jupyter.notebook.get_cell(arguments[0]);
const outs = cell.output_area.outputs;
return JSON.stringify({running: cell.element.find('.input_prompt').text().includes('*'),
  error: outs.some(o => o.output_type === 'error'),
  text: outs.map(o => o.text || (o.data && o.data['text/plain']) || '').map(t => Array.isArray(t) ? t.join('') : t).join('')});
"""


def check_interrupt(driver, timeout=30):
    """Kernel > Interrupt on a sleeping cell: it must end with an error, and `2+2` must show 4 after."""
    def run_new_cell(code):
        index = driver.execute_script(
            "const c = Jupyter.notebook.insert_cell_at_bottom('code'); c.set_text(arguments[0]);"
            "Jupyter.notebook.select(Jupyter.notebook.find_cell_index(c)); c.execute();"
            "return Jupyter.notebook.find_cell_index(c);", code)
        return index

    def wait(index, done, seconds):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            state = json.loads(driver.execute_script(CELL_STATE_JS, index))
            if done(state):
                return state
            time.sleep(0.5)
        return json.loads(driver.execute_script(CELL_STATE_JS, index))

    sleeping = run_new_cell("Thread.sleep(120_000);")
    time.sleep(3)
    driver.execute_script("Jupyter.notebook.kernel.interrupt();")
    state = wait(sleeping, lambda s: not s["running"], timeout)
    failures = []
    if state["running"]:
        failures.append(("interrupt", "interrupted cell", f"still running {timeout} s after Kernel > Interrupt"))
    elif not state["error"]:
        failures.append(("interrupt", "interrupted cell", "ended without an error output"))
    probe = run_new_cell("2+2")
    state = wait(probe, lambda s: not s["running"] and s["text"].strip() == "4", timeout)
    if state["text"].strip() != "4":
        failures.append(("interrupt", "2+2 after the interrupt", f"shows {state['text'].strip()[:40]!r}, not 4 "
                         f"(the kernel is mute{' or still busy' if state['running'] else ''})"))
    return failures


def available():
    missing = [p for p in (CHROMIUM, CHROMEDRIVER) if not pathlib.Path(p).exists()]
    try:
        import notebook  # noqa: F401
        import selenium  # noqa: F401
    except ImportError as e:
        missing.append(e.name)
    return missing


def kernelspec_without_interrupt_fix(home):
    """A kernelspec `safetensors-study-no-interrupt-fix` (for a mutant): the patched kernel with upstream's
    RapaioExecutionControl, which shuts its executor down on an interrupt. The other fixes stay, the start
    race's included, so the mutant fails the interrupt check and nothing else, every time."""
    import zipfile
    spec = json.loads(KERNEL_SPEC.read_text())
    argv = spec["argv"]
    i = argv.index("-cp")
    jars = argv[i + 1].split(":")
    patch = next(j for j in jars if j.endswith("kernel-patch.jar"))
    target = home / "no-interrupt-fix" / "kernels" / "safetensors-study-no-interrupt-fix"
    target.mkdir(parents=True)
    reduced = target / "kernel-patch-without-interrupt-fix.jar"
    with zipfile.ZipFile(patch) as source, zipfile.ZipFile(reduced, "w") as out:
        for entry in source.infolist():
            if not entry.filename.startswith("org/rapaio/jupyter/kernel/core/java/RapaioExecutionControl"):
                out.writestr(entry, source.read(entry))
    argv[i + 1] = ":".join(str(reduced) if j == patch else j for j in jars)
    spec["display_name"] = "Java (kernel without the interrupt fix)"
    (target / "kernel.json").write_text(json.dumps(spec, indent=1))
    return home / "no-interrupt-fix"


def expected_failure(path):
    """The one check a mutant notebook must fail (its metadata: browser_test.expects)."""
    return json.loads(path.read_text())["metadata"]["browser_test"]["expects"]


def reference_runs(sources, smoke):
    """The runner's output for each notebook, on copies under environment/build/round-trip/."""
    work = BUILD / "round-trip" / "notebooks"
    shutil.rmtree(work.parent, ignore_errors=True)
    work.mkdir(parents=True)
    copies = []
    for source in sources:
        shutil.copy(source, work / source.name)
        copies.append(work / source.name)
    argv = [sys.executable, str(ROOT / "environment" / "run_notebooks.py")] + [str(c) for c in copies]
    env = dict(os.environ, SFSTUDY_SMOKE="1" if smoke else "0", SFSTUDY_RESULTS=str(BUILD / "round-trip" / "results"))
    env.pop("SFSTUDY_GROUP", None)
    subprocess.run(argv, env=env, check=False)
    return {c.name: c for c in copies}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="*", type=pathlib.Path)
    parser.add_argument("--if-available", action="store_true",
                        help="without Chromium, chromedriver, Selenium or Jupyter Notebook: say so and pass")
    parser.add_argument("--smoke", action="store_true", help="smoke mode (small inputs, outputs to a temp folder)")
    parser.add_argument("--round-trip", action="store_true",
                        help="also compare the notebook saved from the page with the runner's output")
    parser.add_argument("--mutants", action="store_true",
                        help="run environment/browser-mutants/: each must fail exactly its expected check")
    parser.add_argument("--no-interrupt", action="store_true", help="skip the interrupt check")
    parser.add_argument("--timeout", type=int, default=1200, help="seconds per notebook (default 1200)")
    parser.add_argument("--tables-pending", default="",
                        help="comma-separated notebook name prefixes whose table check is reported but does "
                             "not fail the run (notebooks not yet converted to notebook.Display)")
    args = parser.parse_args()

    missing = available()
    if missing:
        message = f"browser test: needs {', '.join(missing)} (bash environment/setup.sh installs them)"
        if args.if_available:
            print(f"{message}; skipped", flush=True)
            return 0
        sys.exit(message)
    if not KERNEL_SPEC.is_file():
        sys.exit("The kernel is not installed: run `make kernel` first.")
    pending = [p for p in args.tables_pending.split(",") if p]

    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    if args.mutants:
        sources = [p.resolve() for p in args.notebooks] or sorted(MUTANTS.glob("*.ipynb"))
    else:
        sources = [p.resolve() for p in args.notebooks] or sorted((ROOT / "notebooks").glob("[0-9]*.ipynb"))
    references = reference_runs(sources, args.smoke) if args.round_trip else {}
    shutil.rmtree(WORK, ignore_errors=True)
    notebook_dir = WORK / "notebooks"
    notebook_dir.mkdir(parents=True)
    for source in sources:
        shutil.copy(source, notebook_dir / source.name)
    home = pathlib.Path(tempfile.mkdtemp(prefix="browser-test-home-"))
    jupyter_path = [str(BUILD / "jupyter")]
    if args.mutants:
        jupyter_path.append(str(kernelspec_without_interrupt_fix(home)))
    # Full mode writes its tables and figures into WORK/results, not the checkout's results/ (SFSTUDY_RESULTS).
    env = dict(os.environ, SFSTUDY_SMOKE="1" if args.smoke else "0", JUPYTER_PATH=os.pathsep.join(jupyter_path),
               SFSTUDY_RESULTS=str(WORK / "results"),
               JUPYTER_CONFIG_DIR=str(home / "config"), JUPYTER_RUNTIME_DIR=str(home / "runtime"),
               JUPYTER_DATA_DIR=str(home / "data"), IPYTHONDIR=str(home / "ipython"))
    env.pop("SFSTUDY_GROUP", None)
    port, token = free_port(), secrets.token_hex(16)
    server_log = open(WORK / "server.log", "w")
    server = start_server(notebook_dir, port, token, env, server_log)
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in CHROMIUM_FLAGS + [f"--user-data-dir={home / 'chromium'}"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER, log_path=str(WORK / "chromedriver.log")), options=options)
    failed = 0
    mode = "smoke" if args.smoke else "full"
    started = time.monotonic()
    try:
        for number, source in enumerate(sources, 1):
            label = f"[{number}/{len(sources)}] {source.name}"
            print(f"{label} (browser, {mode}) ...", flush=True)
            cells, seconds = [], 0
            try:
                cells, links, seconds = run_notebook(driver, port, token, source.name, args.timeout)
                failures = check(cells, links, source.name)
                if args.round_trip:
                    save(driver)
                    saved = (notebook_dir / source.name).read_bytes()
                    if saved != references[source.name].read_bytes():
                        failures.append(("round-trip", "notebook", "the notebook saved from the page differs from the "
                                         f"runner's ({references[source.name].relative_to(ROOT)}): diff them"))
                if not args.no_interrupt:
                    failures += check_interrupt(driver)
            except Exception as e:  # noqa: BLE001  (the page, the server or the kernel failed)
                failures = [("run", "notebook", f"{e.__class__.__name__}: {str(e).splitlines()[0] if str(e) else ''}"
                             + open_dialog(driver))]
            finally:
                for session in api(port, token, "GET", "/api/sessions") or []:
                    api(port, token, "DELETE", f"/api/sessions/{session['id']}")
            is_pending = any(source.name.startswith(p) for p in pending)
            blocking = [f for f in failures if not (is_pending and f[0] == "tables")]
            by_check = {}
            for what, where, detail in failures:
                by_check.setdefault(what, []).append(f"{where}: {detail}")
            ran = sum(1 for c in cells if c["count"] is not None)
            tables = sum(o["tables"] for c in cells for o in c["outputs"])
            images = sum(len(o["images"]) for c in cells for o in c["outputs"])
            seen = f"{ran}/{len(cells) if cells else '?'} code cells ran, {tables} <table>, {images} <img>"
            if args.mutants:
                expects = expected_failure(source)
                caught = sorted(by_check)
                if caught == [expects]:
                    print(f"{label}: ok, fails {expects} as it must ({by_check[expects][0][:120]})", flush=True)
                else:
                    failed += 1
                    print(f"{label}: FAILED: expected exactly the {expects} check to fail, got {caught or 'none'}", flush=True)
                    for what, items in sorted(by_check.items()):
                        for item in items:
                            print(f"    {what}: {item}", flush=True)
                continue
            if not failures:
                print(f"{label}: ok in {seconds:.0f} s ({seen})", flush=True)
            else:
                print(f"{label}: {seen}", flush=True)
            for what, items in sorted(by_check.items()):
                note = " (pending conversion: reported, not failing)" if is_pending and what == "tables" else ""
                print(f"{label}: {what} FAILED{note}, {len(items)}×", flush=True)
                for item in items:
                    print(f"    {item}", flush=True)
            failed += 1 if blocking else 0
    finally:
        driver.quit()
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        server_log.close()
        shutil.rmtree(home, ignore_errors=True)
    what = "mutants" if args.mutants else "browser test"
    print(f"{what}: {len(sources) - failed} passed, {failed} failed in {time.monotonic() - started:.0f} s", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
