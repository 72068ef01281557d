# The two commands of the README:
#   make reproduce   regenerate every figure and table by executing every notebook
#   make test        unit and integration tests, then every notebook in smoke mode
#
# Other targets: setup, build, kernel, kernel-user, lab, bench, clean.

MVN        ?= mvn -B
PYTHON     ?= /usr/bin/python3
JAR        := lib/target/safetensors-study.jar
KERNELSPEC := environment/build/jupyter/kernels/safetensors-study/kernel.json

.PHONY: reproduce test setup build kernel kernel-user lab bench clean

reproduce: kernel
	$(PYTHON) environment/run_notebooks.py

test: setup
	$(MVN) verify
	bash environment/install-kernelspec.sh
	$(PYTHON) environment/run_notebooks.py --smoke

setup:
	bash environment/setup.sh

build:
	$(MVN) -q package -DskipTests

kernel: setup build
	bash environment/install-kernelspec.sh

# Makes the kernel available to JupyterLab / Notebook of the current user.
kernel-user: kernel
	bash environment/install-kernelspec.sh --user

lab: kernel
	JUPYTER_PATH=$(CURDIR)/environment/build/jupyter $(PYTHON) -m jupyter lab notebooks

bench: build
	java -jar $(JAR) bench --help

clean:
	$(MVN) -q clean
	rm -rf environment/build
