# The two commands of the README:
#   make reproduce   regenerate every figure and table by executing every notebook
#   make test        unit and integration tests, the kernel's protocol tests, every notebook in smoke mode,
#                    the browser test (full mode, with the round trip of a browser save) and its mutants
#
#   make smoke       the 30-minute smoke path: `make test` without the browser test (no network needed)
#
# Stepping through the notebooks (README):
#   make notebook-server  classic Jupyter Notebook on notebooks/ with this checkout's kernel
#   make lab              JupyterLab when installed (JUPYTER_PYTHON=... for a pip/venv one), else notebook-server
#   make kernel-user      the kernel for your own Jupyter, named per checkout
#   make notebook NB=02 GROUP=recent   run one notebook (GROUP: legacy|recent|both sets its parameters cell)
#                         and save it with its outputs and the parameters cell it ran with
#
# The command line: bin/safetensors-study ARGS (java -jar lib/target/safetensors-study.jar ARGS, with a JDK 25
#                  start-up cache where a JDK 25 is found; docs/cli.md). make cli-cache trains that cache.
#
# Other targets: setup, build, cli-cache, kernel, browser-test, kernel-protocol-test, clean, and the benchmarks (not tests):
#   make bench            all three below
#   make bench-detect     detector files/s and bytes read per file, beside `file -b -f LIST` (20,000 paths)
#   make bench-analysis   the whole reproduce, step by step, on paper-scale SYNTHETIC inputs
#                         (SCALES="1 3 10": one column per scale with the growth factors; default 1)
#   make bench-heap       live heap of reproduce per repository (PR table left out), sampled after full
#                         collections, one fresh JVM per scale (SCALES="1 3 10"; docs/benchmarks.md)
#   make bench-mining     requests and bytes per blob; history commits/s beside `git log --name-status`
#   make bench-replication  mine-hub all against the simulated Hub at N="3406 20000" repositories: per repository
#                         CPU ms, requests per bucket, bytes, git objects, peak heap, whole-Hub wall time;
#                         RATE_LIMIT=api=100,resolvers=500,pages=20 (WINDOW_MS=5000) adds a simulated rate limit
#   make kernel-start-check  100 kernel starts in a row, hangs counted (environment/README.md)
#   make cluster-test SCHEDULER=slurm|sge   the job-array scripts under a real one-node scheduler (root; installs it
#                         from Debian and purges it again; minutes, not part of `make test`)

MVN        ?= mvn -B
JUPYTER_PYTHON ?= /usr/bin/python3
PYTHON     ?= $(JUPYTER_PYTHON)
export JUPYTER_PYTHON
JAR        := lib/target/safetensors-study.jar
KERNELSPEC := environment/build/jupyter/kernels/safetensors-study/kernel.json

SHARED     ?= ../shared

.PHONY: reproduce test smoke browser-test kernel-protocol-test setup build cli-cache kernel kernel-user lab notebook-server clean bench bench-detect bench-analysis bench-heap bench-mining bench-replication kernel-start-check notebook cluster-test

reproduce: kernel
	$(PYTHON) environment/run_notebooks.py

# Notebooks whose tables are still text (issue 10): their table check is reported, not failing.
# Remove a notebook from this list once its tables go through notebook.Display.
BROWSER_TABLES_PENDING ?=

test: smoke
	$(PYTHON) environment/browser_test.py --if-available --round-trip --tables-pending "$(BROWSER_TABLES_PENDING)"
	$(PYTHON) environment/browser_test.py --if-available --mutants

# Three test classes also run on the kernel's JDK 25: the build's tests run on JDK 17, and these check what the CLI
# does on JDK 21+ (PythonFormat's shortest digits from Double.toString, text shaped through HarfBuzz's JNI binding)
# and that the JDK 25 the launcher uses loads its compiler directives file.
smoke: setup
	$(MVN) verify
	$(MVN) -q -pl lib surefire:test -Dtest='TextShapingTest,PythonFormatTest,FigureDirectivesTest' -Djvm="$$(cat environment/build/kernel-java-home)/bin/java"
	bash environment/install-kernelspec.sh
	$(PYTHON) environment/kernel_protocol_test.py
	$(PYTHON) environment/run_notebooks.py --smoke

# The patched kernel at the protocol level (interrupt, stop_on_error, evalue, text/plain, quiet console).
kernel-protocol-test: kernel
	$(PYTHON) environment/kernel_protocol_test.py

# Every notebook run through a real Jupyter Notebook page in headless Chromium (full mode), and the
# mutant notebooks that prove each check fails when it should (environment/browser-mutants/).
browser-test: kernel
	$(PYTHON) environment/browser_test.py --round-trip
	$(PYTHON) environment/browser_test.py --mutants

setup:
	bash environment/setup.sh

build:
	$(MVN) -q package -DskipTests

# One notebook, optionally for one group: make notebook NB=02 GROUP=recent (STUDY_DATA=... for other data).
# The group is written into the notebook's parameters cell, which is saved as it ran.
notebook: kernel
	$(PYTHON) environment/run_notebooks.py $(if $(GROUP),--group $(GROUP)) notebooks/$(NB)-*.ipynb

kernel: setup build
	bash environment/install-kernelspec.sh

# Makes the kernel available to JupyterLab / Notebook of the current user, under a name of its own
# per checkout (environment/install-kernelspec.sh --user).
kernel-user: kernel
	bash environment/install-kernelspec.sh --user

# Jupyter on this checkout (opening notebooks/, so links to ../results and ../docs resolve) with only
# this checkout's kernelspec added to its kernel path.
NOTEBOOK_ENV = JUPYTER_PATH=$(CURDIR)/environment/build/jupyter$(if $(JUPYTER_PATH),:$(JUPYTER_PATH))
# Jupyter refuses to run as root unless told (containers, CI images).
AS_ROOT      = $(if $(filter 0,$(shell id -u)),--allow-root)

notebook-server: kernel
	$(NOTEBOOK_ENV) $(PYTHON) -m notebook --notebook-dir=$(CURDIR) --NotebookApp.default_url=/tree/notebooks $(AS_ROOT)

lab: kernel
	@if $(PYTHON) -c 'import jupyterlab' 2>/dev/null; then \
	  echo "$(NOTEBOOK_ENV) $(PYTHON) -m jupyterlab --ServerApp.root_dir=$(CURDIR) --LabApp.default_url=/lab/tree/notebooks $(AS_ROOT)"; \
	  $(NOTEBOOK_ENV) $(PYTHON) -m jupyterlab --ServerApp.root_dir=$(CURDIR) --LabApp.default_url=/lab/tree/notebooks $(AS_ROOT); \
	else \
	  echo "[lab] JupyterLab is not installed for $(PYTHON): starting the classic Notebook instead."; \
	  echo "      For JupyterLab: python3 -m venv ~/.venvs/jupyter && ~/.venvs/jupyter/bin/pip install -r environment/requirements.txt"; \
	  echo "      then: make lab JUPYTER_PYTHON=~/.venvs/jupyter/bin/python"; \
	  $(NOTEBOOK_ENV) $(PYTHON) -m notebook --notebook-dir=$(CURDIR) --NotebookApp.default_url=/tree/notebooks $(AS_ROOT); \
	fi

bench: bench-detect bench-analysis bench-mining

bench-detect: cli-cache
	SHARED=$(SHARED) bin/safetensors-study bench-detect --paths 20000

# The synthetic folders of bench-analysis, one per scale: /tmp/safetensors-study-scale1, ...-scale3, ...
SCALES     ?= 1
BENCH_DATA ?= /tmp/safetensors-study-scale

$(BENCH_DATA)%/generation_summary.json:
	$(PYTHON) $(SHARED)/scale/make_paper_scale.py $(BENCH_DATA)$* --scale $* --quiet

# STUDY_CODE=<checkout of s2e-lab/model-evolution> adds the study's own RQ1-both notebook as a baseline
# (environment/study_rq1_baseline.py; Debian's python3-pandas, python3-seaborn, python3-tqdm).
bench-analysis: build cli-cache $(foreach s,$(SCALES),$(BENCH_DATA)$(s)/generation_summary.json)
	java -cp $(JAR) org.modelevolution.reproduction.AnalysisBenchmark compare $(BENCH_DATA) $(SCALES)

bench-heap: build $(foreach s,$(SCALES),$(BENCH_DATA)$(s)/generation_summary.json)
	java -cp $(JAR) org.modelevolution.reproduction.HeapBenchmark $(BENCH_DATA) $(SCALES)

# The JDK 25 start-up cache of bin/safetensors-study (trained once per build; the launcher does it
# on its first call when it is missing or older than the jar).
cli-cache: build
	@if [ ! -s lib/target/safetensors-study.aot ] || [ lib/target/safetensors-study.aot -ot $(JAR) ]; then \
	  SHARED=$(SHARED) bin/safetensors-study --train-cache || true; fi

bench-mining: build
	$(MVN) -q -pl lib test-compile dependency:build-classpath -Dmdep.includeScope=test \
	  -Dmdep.outputFile=target/test-classpath.txt
	java -Dshared.dir=$(SHARED) -cp "lib/target/classes:lib/target/test-classes:$$(cat lib/target/test-classpath.txt)" \
	  org.modelevolution.mining.MiningBenchmark

N          ?= 3406 20000
RATE_LIMIT ?=
WINDOW_MS  ?= 5000
bench-replication: build
	$(MVN) -q -pl lib test-compile dependency:build-classpath -Dmdep.includeScope=test \
	  -Dmdep.outputFile=target/test-classpath.txt
	java -Xmx1g -Dshared.dir=$(SHARED) -cp "lib/target/classes:lib/target/test-classes:$$(cat lib/target/test-classpath.txt)" \
	  org.modelevolution.mining.ReplicationBenchmark --repos "$(N)" --rate-limit "$(RATE_LIMIT)" --window-ms $(WINDOW_MS)

SCHEDULER ?= slurm

cluster-test: build
	$(MVN) -q -pl lib test-compile dependency:build-classpath -Dmdep.includeScope=test \
	  -Dmdep.outputFile=target/test-classpath.txt
	SHARED=$(abspath $(SHARED)) bash environment/cluster-test.sh $(SCHEDULER)

kernel-start-check: kernel
	$(PYTHON) environment/kernel_start_check.py --starts 100

clean:
	$(MVN) -q clean
	rm -rf environment/build
