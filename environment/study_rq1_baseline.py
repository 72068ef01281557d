#!/usr/bin/env python3
"""The study's own RQ1 notebook on one data folder, timed: the baseline of `make bench-analysis`.

Runs `scripts/notebooks/rq1_analysis.ipynb` of the study's repository (github.com/s2e-lab/model-evolution)
with its parameter cell set to one group (default 'both') on a data folder of the SYNTHETIC generator, and
prints tab-separated `wall_ms`, `cpu_ms` and `peak_rss_bytes` of the run. Nothing of the study is stored
in this repository: its code is read at run time from STUDY_CODE (or --study-code), a checkout or a git
directory of that repository (e.g. `git clone https://github.com/s2e-lab/model-evolution`), and copied to a
scratch folder that is removed afterwards.

What the run needs beyond the study's code, none of it changing the computation (as for the fixtures of
lib/src/test/resources/fixtures/study-code-on-synthetic/): `analyticaml` (the study's private package) stood
in by a module defining only MODEL_FILE_EXTENSIONS as ../shared/scale/README.md lists them; Debian's
python3-pandas, python3-matplotlib, python3-seaborn, python3-tqdm and nbconvert.

Exit status 0 with the figures printed; 2 when the study's code or pandas is not at hand (nothing printed);
1 when the notebook failed.
"""
import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

NOTEBOOK = "scripts/notebooks/rq1_analysis.ipynb"
UTILS = "scripts/notebooks/nb_utils.py"
EXTENSIONS = ("bin pt pth ckpt safetensors h5 hdf5 onnx pb pkl pickle joblib npy npz model msgpack ts tflite "
              "gguf").split()


def read_study_file(code: Path, path: str) -> bytes:
    if (code / path).is_file():
        return (code / path).read_bytes()
    return subprocess.run(["git", "--git-dir", str(code if (code / "HEAD").is_file() else code / ".git"),
                           "show", "HEAD:" + path], check=True, capture_output=True).stdout


def study_assets(code: Path, target: Path):
    target.mkdir(parents=True, exist_ok=True)
    if (code / "assets").is_dir():
        for f in (code / "assets").iterdir():
            if f.suffix == ".ttf":
                shutil.copy(f, target / f.name)
        return
    git_dir = str(code if (code / "HEAD").is_file() else code / ".git")
    names = subprocess.run(["git", "--git-dir", git_dir, "ls-tree", "--name-only", "HEAD", "assets/"],
                           check=True, capture_output=True, text=True).stdout.split()
    for name in names:
        if name.endswith(".ttf"):
            try:
                (target / Path(name).name).write_bytes(read_study_file(code, name))
            except subprocess.CalledProcessError:
                # a snapshot may leave its largest files out; a figure then falls back to another font
                print(f"study code: {name} is absent", file=sys.stderr)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="a data folder of ../shared/scale/make_paper_scale.py")
    parser.add_argument("--group", default="both", choices=["legacy", "recent", "both"])
    parser.add_argument("--study-code", type=Path, default=os.environ.get("STUDY_CODE"))
    parser.add_argument("--timeout", type=int, default=3600)
    args = parser.parse_args()
    if args.study_code is None or not args.study_code.exists():
        print("no study code: set STUDY_CODE to a checkout or git directory of s2e-lab/model-evolution",
              file=sys.stderr)
        return 2
    try:
        import pandas, nbconvert, matplotlib, seaborn, tqdm  # noqa: F401 (what the notebook imports)
    except ImportError as e:
        print(f"the study's notebook cannot run here: {e}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="study-rq1-") as scratch:
        run = Path(scratch)
        notebooks = run / "scripts" / "notebooks"
        notebooks.mkdir(parents=True)
        (run / "data").symlink_to(args.data.resolve())
        (run / "results").mkdir()
        study_assets(args.study_code, run / "assets")
        (notebooks / "nb_utils.py").write_bytes(read_study_file(args.study_code, UTILS))
        (run / "analyticaml.py").write_text(f"MODEL_FILE_EXTENSIONS = {EXTENSIONS!r}\n")
        startup = run / "ipython" / "profile_default" / "startup"
        startup.mkdir(parents=True)
        # the study ran its cells out of order: a cell uses RESULTS_DIR before another imports it
        (startup / "00-results-dir.py").write_text("from nb_utils import RESULTS_DIR\n")
        nb = json.loads(read_study_file(args.study_code, NOTEBOOK))
        for cell in nb["cells"]:
            source = "".join(cell["source"])
            if cell["cell_type"] == "code" and source.startswith("group_under_analysis ="):
                cell["source"] = f"group_under_analysis = '{args.group}'\n"
                break
        else:
            print("the notebook has no parameter cell 'group_under_analysis = ...'", file=sys.stderr)
            return 1
        (notebooks / "rq1_run.ipynb").write_text(json.dumps(nb))
        env = dict(os.environ, PYTHONPATH=str(run), IPYTHONDIR=str(run / "ipython"), MPLBACKEND="Agg")
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.monotonic()
        done = subprocess.run([sys.executable, "-m", "nbconvert", "--to", "notebook", "--execute",
                               f"--ExecutePreprocessor.timeout={args.timeout}", "rq1_run.ipynb"],
                              cwd=notebooks, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        wall = time.monotonic() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if done.returncode != 0:
            sys.stderr.write(done.stderr.decode(errors="replace")[-3000:])
            return 1
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        print(f"wall_ms\t{round(wall * 1000)}")
        print(f"cpu_ms\t{round(cpu * 1000)}")
        print(f"peak_rss_bytes\t{after.ru_maxrss * 1024}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
