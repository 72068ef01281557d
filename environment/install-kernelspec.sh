#!/usr/bin/env bash
# Writes the project kernelspec "Java (safetensors study)" (name: safetensors-study) into
# environment/build/jupyter/kernels, the folder the notebook runner puts on JUPYTER_PATH.
# Its classpath is the built library jar plus its exact runtime dependencies as copied into this
# checkout (lib/target/dependency), so notebooks import the library offline and nothing outside the
# checkout (~/.m2) is needed at run time. The kernel runs with environment/kernel-patch's jar ahead of
# the kernel jar (fixes of its start race, interrupt, stop_on_error, error messages and console noise,
# see environment/README.md); this script first checks that the classes it shadows are still those
# it was written against.
# Needs: environment/setup.sh (JDK 25) and `mvn package` (library, patch jar, kernel jar).
#   --user [NAME]  also install it for the current user's Jupyter (jupyter kernelspec install --user),
#                  named per checkout: safetensors-study-<folder>-<hash of the checkout's path>,
#                  shown as "Java (safetensors study, <folder>)" (NAME to choose the name instead)
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
shadowed=(org.rapaio.jupyter.kernel.channels.LoopThread org.rapaio.jupyter.kernel.channels.Channels
          org.rapaio.jupyter.kernel.core.java.RapaioExecutionControl)
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
# The kernel splits RJK_CLASSPATH on ';' (each entry may be a glob). The dependencies are taken, in
# the build's class-path order, from this checkout's lib/target/dependency (copy-dependencies), not
# from ~/.m2: cleaning the Maven cache or another checkout's build never breaks this kernel.
classpath="$root/lib/target/safetensors-study.jar"
IFS=';' read -r -a dependencies < "$root/lib/target/kernel-classpath.txt" || true  # no final newline
for jar in "${dependencies[@]}"; do
  local_jar="$root/lib/target/dependency/$(basename "$jar")"
  [[ -f "$local_jar" ]] || { echo "[kernel] $local_jar is missing: build first (mvn package -DskipTests)" >&2; exit 1; }
  classpath="$classpath;$local_jar"
done
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
             "-cp", kernel_classpath, "org.modelevolution.kernel.QuietKernelMain", "{connection_file}"],
    "display_name": "Java (safetensors study)",
    "language": "java",
    "interrupt_mode": "message",
    "env": {"RJK_CLASSPATH": classpath, "RJK_COMPILER_OPTIONS": "", "RJK_INIT_SCRIPT": "",
            "RJK_TIMEOUT_MILLIS": "-1", "RJK_MIMA_CACHE": cache},
}
with open(path, "w") as f:
    json.dump(spec, f, indent=2)
PY
echo "[kernel] kernelspec safetensors-study written to environment/build/jupyter/kernels (seen by make lab / notebook-server)"
if [[ "${1:-}" == "--user" ]]; then
  # A user-level kernelspec is seen by every Jupyter of this user: one name per checkout, so a second
  # checkout never takes this one over.
  folder="$(basename "$root")"
  name="${2:-safetensors-study-$(printf '%s' "$folder" | tr -c 'A-Za-z0-9._-' '-')-$(printf '%s' "$root" | sha256sum | cut -c1-8)}"
  user_spec="$build/user-kernelspec/$name"
  rm -rf "$build/user-kernelspec" && mkdir -p "$user_spec"
  display="Java (safetensors study, $folder)"
  [[ -n "${2:-}" ]] && display="Java (safetensors study)"
  "$jupyter_python" - "$spec_dir/kernel.json" "$user_spec/kernel.json" "$display" <<'PY'
import json, sys
source, target, display = sys.argv[1:]
spec = json.load(open(source))
spec["display_name"] = display
with open(target, "w") as f:
    json.dump(spec, f, indent=2)
PY
  "$jupyter_python" -m jupyter kernelspec install --user --replace --name "$name" "$user_spec"
  echo "[kernel] installed for this user as $name (\"$display\"); choose it when a notebook asks for its kernel"
  echo "  remove it with: $jupyter_python -m jupyter kernelspec remove $name"
fi
