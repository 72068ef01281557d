#!/usr/bin/env bash
# Installs what the notebooks and tests need, and only what is missing (safe to run again).
#
#   bash environment/setup.sh            # check and install the missing pieces
#   bash environment/setup.sh --check    # only report what is present or missing
#
# What it provides:
#   1. Jupyter (nbclient/nbconvert/ipykernel) from Debian packages when apt is usable;
#      otherwise it explains the pip alternative (environment/requirements.txt).
#   2. The font the charts are drawn with (DejaVu Sans), so figures are identical everywhere.
#   3. A JDK >= 25 for the kernel (the library itself targets Java 17).
#   4. For the browser test of the notebooks: Jupyter Notebook, Chromium and its WebDriver, Selenium
#      (Debian packages; without them that test is skipped, nothing else needs them).
# The pinned Java kernel (rapaio-jupyter-kernel) and its start-race patch come with the Maven build
# (environment/kernel-patch); the kernelspec needs the built library and is written by
# environment/install-kernelspec.sh (`make kernel`).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
build="$here/build"
check_only=false
[[ "${1:-}" == "--check" ]] && check_only=true

say() { printf '[setup] %s\n' "$*"; }
fail() { printf '[setup] ERROR: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi
}

apt_updated=false
apt_install() {
  command -v apt-get >/dev/null || return 1
  if ! $apt_updated; then as_root apt-get update -qq >/dev/null || return 1; apt_updated=true; fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

# --- 1. Jupyter ---------------------------------------------------------------------------------
jupyter_python="${JUPYTER_PYTHON:-/usr/bin/python3}"
has_jupyter() { "$jupyter_python" -c 'import nbclient, nbformat, nbconvert, ipykernel, jupyter_client' 2>/dev/null; }
if has_jupyter; then
  say "Jupyter: found ($jupyter_python)"
elif $check_only; then
  say "Jupyter: missing"
else
  say "Jupyter: installing Debian packages python3-nbconvert python3-nbclient python3-ipykernel jupyter-client"
  apt_install python3-nbconvert python3-nbclient python3-ipykernel jupyter-client || true
  has_jupyter || fail "Jupyter is not available and apt could not install it. Install it with pip instead:
    python3 -m pip install -r environment/requirements.txt
  then rerun with JUPYTER_PYTHON=\$(command -v python3) (or conda: conda install -c conda-forge nbclient nbconvert ipykernel jupyterlab)."
fi

# --- 2. Chart font ------------------------------------------------------------------------------
font=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
if [[ -f $font ]]; then
  say "Font: DejaVu Sans found"
elif $check_only; then
  say "Font: DejaVu Sans missing"
else
  say "Font: installing fonts-dejavu-core"
  apt_install fonts-dejavu-core fontconfig || say "WARNING: could not install fonts-dejavu-core; charts fall back to another font and differ byte-wise"
fi

# --- 3. JDK 25 for the kernel -------------------------------------------------------------------
java_feature() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
kernel_java_home=""
for candidate in "${KERNEL_JAVA_HOME:-}" "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25-jdk-arm64 /usr/lib/jvm/*25* /usr/lib/jvm/*; do
  [[ -n "$candidate" && -x "$candidate/bin/java" ]] || continue
  v=$(java_feature "$candidate")
  if [[ -n "$v" && "$v" -ge 25 ]]; then kernel_java_home="$candidate"; break; fi
done
[[ -n "$kernel_java_home" ]] || fail "No JDK >= 25 found for the notebook kernel (rapaio-jupyter-kernel needs it).
  Install one (e.g. Eclipse Temurin 25) and set KERNEL_JAVA_HOME to its folder. The library and its tests need only Java 17."
say "Kernel JDK: $kernel_java_home"

# --- 4. Browser test ---------------------------------------------------------------------------
has_browser_test() {
  command -v chromium >/dev/null && command -v chromedriver >/dev/null \
    && "$jupyter_python" -c 'import selenium, notebook' 2>/dev/null
}
if has_browser_test; then
  say "Browser test: Chromium, chromedriver, Selenium and Jupyter Notebook found"
elif $check_only; then
  say "Browser test: missing (chromium chromium-driver python3-selenium jupyter-notebook); it is skipped"
else
  say "Browser test: installing Debian packages chromium chromium-driver python3-selenium jupyter-notebook"
  apt_install chromium chromium-driver python3-selenium jupyter-notebook \
    || say "WARNING: could not install them; the browser test of the notebooks is skipped"
fi

$check_only && exit 0

mkdir -p "$build" && echo "$kernel_java_home" > "$build/kernel-java-home"
say "Ready. Next: make reproduce (figures and tables) or make test (tests and notebook smoke run)."
