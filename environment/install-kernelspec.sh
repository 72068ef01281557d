#!/usr/bin/env bash
# Writes the project kernelspec "Java (safetensors study)" (name: safetensors-study) into
# environment/build/jupyter/kernels, the folder the notebook runner puts on JUPYTER_PATH.
# Its classpath is the built library jar plus its exact runtime dependencies, so notebooks import
# the library offline. Needs: environment/setup.sh (kernel jar, JDK 25) and `mvn package`.
#   --user   also install it for JupyterLab / Notebook of the current user (jupyter kernelspec install)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
build="$here/build"
jupyter_python="${JUPYTER_PYTHON:-/usr/bin/python3}"

[[ -f "$build/kernel/rapaio-jupyter-kernel.jar" && -f "$build/kernel-java-home" ]] \
  || { echo "[kernel] run environment/setup.sh first" >&2; exit 1; }
[[ -f "$root/lib/target/safetensors-study.jar" && -f "$root/lib/target/kernel-classpath.txt" ]] \
  || { echo "[kernel] build the library first: mvn package -DskipTests" >&2; exit 1; }

spec_dir="$build/jupyter/kernels/safetensors-study"
mkdir -p "$spec_dir" "$build/mima_cache"
# The kernel splits RJK_CLASSPATH on ';' (each entry may be a glob).
classpath="$root/lib/target/safetensors-study.jar;$(cat "$root/lib/target/kernel-classpath.txt")"
"$jupyter_python" - "$spec_dir/kernel.json" "$(cat "$build/kernel-java-home")/bin/java" \
  "$build/kernel/rapaio-jupyter-kernel.jar" "$classpath" "$build/mima_cache" <<'PY'
import json, sys
path, java, jar, classpath, cache = sys.argv[1:]
spec = {
    # Fixed locale and zone: number and date formatting in outputs must not depend on the machine.
    "argv": [java, "-Djava.awt.headless=true", "-Dfile.encoding=UTF-8", "-Duser.language=en",
             "-Duser.country=US", "-Duser.timezone=UTC", "-Djava.security.egd=file:/dev/./urandom", "-jar", jar, "{connection_file}"],
    "display_name": "Java (safetensors study)",
    "language": "java",
    "interrupt_mode": "message",
    "env": {"RJK_CLASSPATH": classpath, "RJK_COMPILER_OPTIONS": "", "RJK_INIT_SCRIPT": "",
            "RJK_TIMEOUT_MILLIS": "-1", "RJK_MIMA_CACHE": cache},
}
with open(path, "w") as f:
    json.dump(spec, f, indent=2)
PY
echo "[kernel] kernelspec safetensors-study written to environment/build/jupyter/kernels"
if [[ "${1:-}" == "--user" ]]; then
  "$jupyter_python" -m jupyter kernelspec install --user --replace "$spec_dir"
fi
