#!/usr/bin/env bash
# Writes the project kernelspec "Java (safetensors study)" (name: safetensors-study) into
# environment/build/jupyter/kernels, the folder the notebook runner puts on JUPYTER_PATH.
# Its classpath is the built library jar plus its exact runtime dependencies, so notebooks import
# the library offline. The kernel runs with environment/kernel-patch's jar ahead of the kernel jar
# (a fix of its start race, see environment/README.md); this script first checks that the classes
# it shadows are still those it was written against.
# Needs: environment/setup.sh (JDK 25) and `mvn package` (library, patch jar, kernel jar).
#   --user   also install it for JupyterLab / Notebook of the current user (jupyter kernelspec install)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
build="$here/build"
jupyter_python="${JUPYTER_PYTHON:-/usr/bin/python3}"

kernel_jar="$build/kernel/rapaio-jupyter-kernel.jar"
patch_jar="$here/kernel-patch/target/kernel-patch.jar"
[[ -f "$build/kernel-java-home" ]] || { echo "[kernel] run environment/setup.sh first" >&2; exit 1; }
[[ -f "$root/lib/target/safetensors-study.jar" && -f "$root/lib/target/kernel-classpath.txt" \
   && -f "$kernel_jar" && -f "$patch_jar" ]] \
  || { echo "[kernel] build first: mvn package -DskipTests (library, kernel jar, kernel patch)" >&2; exit 1; }
java_home="$(cat "$build/kernel-java-home")"

# The patch replaces whole classes: it is only correct for the upstream classes it was written
# against. A kernel jar whose shadowed classes changed (another version) stops the install.
shadowed=(org.rapaio.jupyter.kernel.channels.LoopThread org.rapaio.jupyter.kernel.channels.Channels)
expected="$here/kernel-patch/shadowed-classes.javap"
if ! diff -u <(grep -v '^#' "$expected") <("$java_home/bin/javap" -p -cp "$kernel_jar" "${shadowed[@]}") \
     > "$build/shadowed-classes.diff"; then
  echo "[kernel] ERROR: the kernel jar's ${shadowed[*]} no longer have the signatures" >&2
  echo "  environment/kernel-patch was written against (environment/kernel-patch/shadowed-classes.javap)." >&2
  echo "  The patch would replace classes it does not match. Differences: $build/shadowed-classes.diff" >&2
  echo "  Port the patch to the new classes (see environment/README.md) or pin the kernel back to 3.0.1." >&2
  exit 1
fi
if ! diff <("$java_home/bin/javap" -public -cp "$kernel_jar" "${shadowed[@]}") \
          <("$java_home/bin/javap" -public -cp "$patch_jar" "${shadowed[@]}") > "$build/shadowed-classes.diff"; then
  echo "[kernel] ERROR: environment/kernel-patch's classes do not offer the public members of the classes" >&2
  echo "  they shadow. Differences: $build/shadowed-classes.diff" >&2
  exit 1
fi
echo "[kernel] kernel patch matches the shadowed classes of $(basename "$kernel_jar")"

spec_dir="$build/jupyter/kernels/safetensors-study"
mkdir -p "$spec_dir" "$build/mima_cache"
# The kernel splits RJK_CLASSPATH on ';' (each entry may be a glob).
classpath="$root/lib/target/safetensors-study.jar;$(cat "$root/lib/target/kernel-classpath.txt")"
# The patch jar comes first, so its classes win over the kernel jar's.
kernel_classpath="$patch_jar:$kernel_jar"
"$jupyter_python" - "$spec_dir/kernel.json" "$java_home/bin/java" \
  "$kernel_classpath" "$classpath" "$build/mima_cache" <<'PY'
import json, sys
path, java, kernel_classpath, classpath, cache = sys.argv[1:]
spec = {
    # Fixed locale and zone: number and date formatting in outputs must not depend on the machine.
    "argv": [java, "-Djava.awt.headless=true", "-Dfile.encoding=UTF-8", "-Duser.language=en",
             "-Duser.country=US", "-Duser.timezone=UTC", "-Djava.security.egd=file:/dev/./urandom",
             "-cp", kernel_classpath, "org.rapaio.jupyter.kernel.MainApp", "{connection_file}"],
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
