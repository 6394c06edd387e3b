# The benchmark builds that `make sw` does not make, for scripts/bench.py: every benchmark for
# another platform (QEMU's virt machine), and for the speed comparison the `mix` benchmark with
# many iterations plus a program that exits at once. One platform per invocation, because sw.mk
# builds its runtime for one:
#   make -f sw/bench/speed.mk SW_PLATFORM=qemu_virt SPEED_ITERATIONS=3000 benches speed
# Outputs go to build/sw/bench-<platform>/: <name>.elf, speed/mix-<iterations>.elf, speed/empty.elf.
BENCH_DIR := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))
BENCH_ROOT := $(abspath $(BENCH_DIR)/../..)
SW_PLATFORM ?= soc
SW_BUILD := $(BENCH_ROOT)/build/sw/bench-$(SW_PLATFORM)
include $(BENCH_ROOT)/sw/sw.mk

SPEED_ITERATIONS ?= 3000
BENCH_COMMON := $(wildcard $(BENCH_DIR)/common/*.c)
BENCH_HEADERS := $(wildcard $(BENCH_DIR)/common/*.h)
BENCH_NAMES := $(basename $(notdir $(wildcard $(BENCH_DIR)/*.c)))
BENCH_FLAGS := -I$(BENCH_DIR)/common
# bench_build(ELF, MAIN_SOURCE, EXTRA_FLAGS): a benchmark program, built like the top-level
# Makefile's benchmarks (same sources, same flags) so the kernels' code is identical.
bench_build = $(call sw_program,$(1),$(2) $(BENCH_COMMON),$(BENCH_FLAGS) $(3))

.PHONY: benches speed
.DEFAULT_GOAL := speed

$(foreach b,$(BENCH_NAMES),$(eval $(call bench_build,$(SW_BUILD)/$(b).elf,$(BENCH_DIR)/$(b).c)))
benches: $(BENCH_NAMES:%=$(SW_BUILD)/%.elf)

# The iteration count is in the file name, so changing it builds a new program.
SPEED_MIX := $(SW_BUILD)/speed/mix-$(SPEED_ITERATIONS).elf
$(eval $(call bench_build,$(SPEED_MIX),$(BENCH_DIR)/mix.c,-DITERATIONS=$(SPEED_ITERATIONS)))
$(eval $(call sw_program,$(SW_BUILD)/speed/empty.elf,$(BENCH_DIR)/speed/empty.c))
speed: $(SPEED_MIX) $(SW_BUILD)/speed/empty.elf
