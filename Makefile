# The front door. `make demo` runs the main job, `make test` runs every test; both install what is
# missing first (`make deps`). `make` builds the host-side binaries into build/bin/.
.DEFAULT_GOAL := all
ROOT := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))
BUILD := $(ROOT)/build
BIN := $(BUILD)/bin
JOBS ?= $(shell nproc)
CMAKE_BUILD_TYPE ?= Release

.PHONY: all deps host sw demo test bench synth-check lint fuzz-core bitstream program-image fpga-report \
        fpga-check clean distclean

deps:
	@$(ROOT)/scripts/deps.sh

# ---- host side (CMake) ----
host: deps
	@cmake -S $(ROOT) -B $(BUILD)/cmake -DCMAKE_BUILD_TYPE=$(CMAKE_BUILD_TYPE) >/dev/null
	@MAKEFLAGS= cmake --build $(BUILD)/cmake -j $(JOBS) -- --no-print-directory

all: host

# ---- RISC-V programs (software kit) ----
SW_BUILD := $(BUILD)/sw
include $(ROOT)/sw/sw.mk

EXAMPLES := $(basename $(notdir $(wildcard $(ROOT)/sw/examples/*.c)))
EXAMPLE_ELFS := $(EXAMPLES:%=$(SW_BUILD)/examples/%.elf)
$(foreach e,$(EXAMPLES),$(eval $(call sw_program,$(SW_BUILD)/examples/$(e).elf,$(ROOT)/sw/examples/$(e).c)))

# Benchmarks: sw/bench/<name>.c plus the shared harness in sw/bench/common/.
BENCH_COMMON := $(wildcard $(ROOT)/sw/bench/common/*.c)
BENCHES := $(basename $(notdir $(wildcard $(ROOT)/sw/bench/*.c)))
BENCH_ELFS := $(BENCHES:%=$(SW_BUILD)/bench/%.elf)
$(foreach b,$(BENCHES),$(eval $(call sw_program,$(SW_BUILD)/bench/$(b).elf,$(ROOT)/sw/bench/$(b).c $(BENCH_COMMON),-I$(ROOT)/sw/bench/common)))

# ISA tests: self-checking bare assembly (tests/isa/*.S, macros in tests/isa/test_macros.h).
ISA_TESTS := $(basename $(notdir $(wildcard $(ROOT)/tests/isa/*.S)))
ISA_ELFS := $(ISA_TESTS:%=$(SW_BUILD)/tests/isa/%.elf)
$(foreach t,$(ISA_TESTS),$(eval $(call sw_bare_program,$(SW_BUILD)/tests/isa/$(t).elf,$(ROOT)/tests/isa/$(t).S,-I$(ROOT)/tests/isa)))

# ISA tests that must fail (they check that the test framework can fail): tests/isa/expect_fail/*.S.
ISA_FAIL_TESTS := $(basename $(notdir $(wildcard $(ROOT)/tests/isa/expect_fail/*.S)))
ISA_FAIL_ELFS := $(ISA_FAIL_TESTS:%=$(SW_BUILD)/tests/isa/expect_fail/%.elf)
$(foreach t,$(ISA_FAIL_TESTS),$(eval $(call sw_bare_program,$(SW_BUILD)/tests/isa/expect_fail/$(t).elf,$(ROOT)/tests/isa/expect_fail/$(t).S,-I$(ROOT)/tests/isa)))

# C test programs on the runtime (tests/sw/*.c).
SW_TESTS := $(basename $(notdir $(wildcard $(ROOT)/tests/sw/*.c)))
SW_TEST_ELFS := $(SW_TESTS:%=$(SW_BUILD)/tests/sw/%.elf)
$(foreach t,$(SW_TESTS),$(eval $(call sw_program,$(SW_BUILD)/tests/sw/$(t).elf,$(ROOT)/tests/sw/$(t).c)))

# The FPGA boards' default program (boot ROM): linked for 8 KiB of RAM so it runs on every board;
# the _test build steps faster and ends (make test runs it, also through the boot ROM).
FPGA_ELFS := $(SW_BUILD)/fpga/blinky.elf $(SW_BUILD)/fpga/blinky_test.elf
$(eval $(call sw_program,$(SW_BUILD)/fpga/blinky.elf,$(ROOT)/sw/fpga/blinky.c))
$(eval $(call sw_program,$(SW_BUILD)/fpga/blinky_test.elf,$(ROOT)/sw/fpga/blinky.c,-DBLINKY_TEST))
$(FPGA_ELFS): RAM_SIZE = 0x2000

# A 64-bit RISC-V ELF that the simulator must refuse (bad-input tests).
BAD_ELFS := $(SW_BUILD)/tests/bad/rv64.elf
$(SW_BUILD)/tests/bad/rv64.elf: $(ROOT)/tests/bad/rv64.S
	@mkdir -p $(@D)
	$(SW_CC) -march=rv64imac -mabi=lp64 -nostdlib -nostartfiles -Ttext=0x80000000 -o $@ $<

sw: deps
	@$(MAKE) --no-print-directory sw-build
.PHONY: sw-build
sw-build: $(EXAMPLE_ELFS) $(BENCH_ELFS) $(ISA_ELFS) $(ISA_FAIL_ELFS) $(SW_TEST_ELFS) $(BAD_ELFS) $(FPGA_ELFS)
	@:

# ---- the two quick-start commands ----
demo: host sw
	@$(ROOT)/scripts/demo.sh

test: host sw
	@cd $(BUILD)/cmake && ctest --output-on-failure -j $(JOBS)

bench: host sw
	@MAKEFLAGS= cmake --build $(BUILD)/cmake -j $(JOBS) --target coresim_uart434 coresim_uart17 -- --no-print-directory
	@python3 $(ROOT)/scripts/bench.py

# Long random co-simulation runs: SEEDS programs of INSTRUCTIONS each from seed SEED (default: new
# seeds every run; a failure prints the command that reproduces it), made by the rigen profile
# PROFILE (mixed, rename, memory, control: docs/rigen.md).
SEEDS ?= 100
SEED ?= $(shell date +%s)
INSTRUCTIONS ?= 300000
CORE ?= pipe
PROFILE ?= mixed
fuzz-core: host
	@echo "fuzz-core: core $(CORE), profile $(PROFILE), seeds $(SEED) .. $$(($(SEED) + $(SEEDS) - 1))"
	@$(ROOT)/scripts/fuzz_core.sh $(CORE) $(SEED) $(SEEDS) $(INSTRUCTIONS) $(PROFILE)

# verilator -Wall on the RTL (also a test in make test).
lint: deps
	@cd $(ROOT) && verilator --lint-only -Wall --top-module soc_top hw/lint/waivers.vlt $$(cat hw/rtl/soc_pipe.f)

# Synthesis of the SoC with Yosys (slang front end) for both FPGA families: no place and route.
synth-check: deps
	@$(ROOT)/scripts/synth.sh ice40
	@$(ROOT)/scripts/synth.sh ecp5

# ---- FPGA boards (boards/<board>/board.toml; docs/fpga.md) ----
# make bitstream BOARD=<board> [CORE=pipe] [VARIANT=<part>] [PROGRAM=prog.elf] [PNR_SEED=n]
#                [PNR_TRIES=t] [MHZ=f]
# Place and route tries seeds PNR_SEED .. PNR_SEED + PNR_TRIES - 1 until one meets timing.
BOARD ?= icebreaker
PNR_SEED ?= 1
PNR_TRIES ?= 5
FLOW := python3 $(ROOT)/scripts/fpga/flow.py
FLOW_TARGET = --board $(BOARD) --core $(CORE) $(if $(VARIANT),--variant $(VARIANT))
bitstream: deps sw
	@$(FLOW) bitstream $(FLOW_TARGET) $(if $(PROGRAM),--program $(abspath $(PROGRAM))) --seed $(PNR_SEED) \
	  --tries $(PNR_TRIES) $(if $(MHZ),--mhz $(MHZ))

# Swaps PROGRAM into the boot ROM of the bitstream built for BOARD/CORE, without place and route.
program-image: deps
	@test -n "$(PROGRAM)" || { echo "make program-image: give PROGRAM=prog.elf" >&2; exit 2; }
	@$(FLOW) program-image $(FLOW_TARGET) --program $(abspath $(PROGRAM))

# Every board x core into docs/fpga-results.md (builds what has no report yet: slow).
fpga-report: deps sw
	@$(FLOW) report --build

# What CI checks of the FPGA flow (scripts/fpga/check.sh).
fpga-check: deps sw
	@$(ROOT)/scripts/fpga/check.sh

clean:
	rm -rf $(BUILD)

distclean: clean
	rm -rf $(ROOT)/.venv
