"""Runs the calling script with Jupyter's Python.

The scripts in environment/ start with `#!/usr/bin/env python3`, which on many machines is an
interpreter without Jupyter (a pyenv or conda Python, a virtual environment). `require(...)` checks
that the modules a script needs import here; if not, it re-executes the script with JUPYTER_PYTHON
(when set) or Debian's /usr/bin/python3 (where environment/setup.sh installs Jupyter), and if neither
has them it says what to do instead of failing with an ImportError.
"""
import os
import subprocess
import sys


def _imports(python, modules):
    try:
        return subprocess.run([python, "-c", "import " + ", ".join(modules)], capture_output=True).returncode == 0
    except OSError:
        return False


def require(*modules):
    try:
        for module in modules:
            __import__(module)
        return
    except ImportError:
        pass
    # A virtual environment's python is a link to the system's, with other packages: compare paths as
    # given, and re-execute once at most.
    if not os.environ.get("JUPYTER_PYTHON_REEXECUTED"):
        for python in [os.environ.get("JUPYTER_PYTHON"), "/usr/bin/python3"]:
            if python and python != sys.executable and os.access(python, os.X_OK) and _imports(python, modules):
                os.environ["JUPYTER_PYTHON_REEXECUTED"] = "1"
                os.execv(python, [python] + sys.argv)
    sys.exit(
        f"{os.path.basename(sys.argv[0])}: this Python ({sys.executable}) lacks {', '.join(modules)}, and so do "
        f"JUPYTER_PYTHON and /usr/bin/python3.\n"
        f"  Install Jupyter with `bash environment/setup.sh` (Debian packages), or with pip:\n"
        f"    python3 -m venv ~/.venvs/jupyter && ~/.venvs/jupyter/bin/pip install -r environment/requirements.txt\n"
        f"  and run again with JUPYTER_PYTHON=~/.venvs/jupyter/bin/python.")
