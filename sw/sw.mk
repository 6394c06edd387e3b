# The software kit's make fragment: include it and any C or assembly program builds into an ELF with
# one rule. Example (in your own Makefile):
#     include path/to/sw/sw.mk
#     $(eval $(call sw_program,build/sw/myprog.elf,myprog.c util.c))
# Knobs: RAM_SIZE (bytes, default = the SoC default), SW_OPT (default -O2), SW_BUILD (output folder),
# SW_PRINTF (float, the default, integer or double),
# SW_PLATFORM (sw/platform/<name>: soc, the default, or qemu_virt for speed comparisons).

SW_DIR := $(patsubst %/,%,$(dir $(lastword $(MAKEFILE_LIST))))
SW_ROOT := $(abspath $(SW_DIR)/..)
SW_BUILD ?= $(SW_ROOT)/build/sw
RISCV_PREFIX ?= riscv64-unknown-elf-
SW_CC := $(RISCV_PREFIX)gcc
SW_OBJDUMP := $(RISCV_PREFIX)objdump
RAM_SIZE ?= 0x10000
SW_OPT ?= -O2
# printf flavour (picolibc): float (the default: integers incl. long long, and float precision),
# integer (smallest: no long long, no floating point) or double (everything).
SW_PRINTF ?= float
SW_PRINTF_FLAG := -DPICOLIBC_$(shell echo $(SW_PRINTF) | tr a-z A-Z)_PRINTF_SCANF

# Compile for the core's ISA; link against picolibc's rv32im multilib (GCC 12 picks multilibs by the
# plain -march, without the z* extensions).
SW_ARCH := -march=rv32im_zicsr_zifencei -mabi=ilp32
SW_CFLAGS := $(SW_ARCH) $(SW_OPT) -g -Wall -Wextra -ffunction-sections -fdata-sections -MMD -MP \
  --specs=picolibc.specs $(SW_PRINTF_FLAG) -I$(SW_DIR)/include -I$(SW_ROOT)/spec
SW_ASFLAGS := $(SW_ARCH) -g -MMD -MP -I$(SW_DIR)/include -I$(SW_ROOT)/spec
SW_LDFLAGS = -march=rv32im -mabi=ilp32 --specs=picolibc.specs $(SW_PRINTF_FLAG) -nostartfiles -T$(SW_DIR)/crt/link.ld \
  -Wl,--defsym=__ram_size=$(RAM_SIZE) -Wl,--gc-sections -Wl,--no-warn-rwx-segments

SW_PLATFORM ?= soc
SW_RUNTIME_SRC := $(wildcard $(SW_DIR)/runtime/*.c) $(wildcard $(SW_DIR)/platform/$(SW_PLATFORM)/*.c)
SW_RUNTIME_OBJ := $(patsubst $(SW_DIR)/%.c,$(SW_BUILD)/runtime-$(SW_PLATFORM)/%.o,$(SW_RUNTIME_SRC))
SW_CRT0 := $(SW_BUILD)/runtime-$(SW_PLATFORM)/crt0.o
SW_HEADERS := $(wildcard $(SW_DIR)/include/*.h) $(wildcard $(SW_ROOT)/spec/*.h)

$(SW_BUILD)/runtime-$(SW_PLATFORM)/%.o: $(SW_DIR)/%.c $(SW_HEADERS)
	@mkdir -p $(@D)
	$(SW_CC) $(SW_CFLAGS) -c -o $@ $<

-include $(SW_RUNTIME_OBJ:.o=.d) $(SW_CRT0:.o=.d)

$(SW_CRT0): $(SW_DIR)/crt/crt0.S $(SW_HEADERS)
	@mkdir -p $(@D)
	$(SW_CC) $(SW_ASFLAGS) -c -o $@ $<

# sw_object(OBJ, SRC, EXTRA_FLAGS): one C or assembly source into an object.
define sw_object
$(1): $(2) $(SW_HEADERS)
	@mkdir -p $$(@D)
	$$(SW_CC) $$(if $$(filter %.c,$(2)),$$(SW_CFLAGS),$$(SW_ASFLAGS)) $(3) -c -o $$@ $(2)
-include $(1:.o=.d)
endef
sw_objects = $(foreach s,$(2),$(1).d/$(basename $(notdir $(s))).o)

# sw_program(ELF, SOURCES[, EXTRA_CFLAGS]): builds ELF (and ELF's .lst disassembly) from C/asm sources
# with the startup code and the runtime (linked as objects; --gc-sections drops what is unused).
define sw_program
$(foreach s,$(2),$(eval $(call sw_object,$(1).d/$(basename $(notdir $(s))).o,$(s),$(3))))
$(1): $(call sw_objects,$(1),$(2)) $(SW_CRT0) $(SW_RUNTIME_OBJ) $(SW_DIR)/crt/link.ld
	$$(SW_CC) $$(SW_LDFLAGS) -o $$@ $$(SW_CRT0) $(call sw_objects,$(1),$(2)) $$(SW_RUNTIME_OBJ)
	$$(SW_OBJDUMP) -d $$@ > $$(@:.elf=.lst)
endef

# sw_bare_program(ELF, SOURCES[, EXTRA_FLAGS]): assembly with its own _start and no runtime (ISA
# tests); still linked with the kit's linker script.
define sw_bare_program
$(foreach s,$(2),$(eval $(call sw_object,$(1).d/$(basename $(notdir $(s))).o,$(s),$(3))))
$(1): $(call sw_objects,$(1),$(2)) $(SW_DIR)/crt/link.ld
	$$(SW_CC) $$(SW_ARCH) -nostdlib -nostartfiles -T$$(SW_DIR)/crt/link.ld \
	  -Wl,--defsym=__ram_size=$$(RAM_SIZE) -Wl,--no-warn-rwx-segments -o $$@ $(call sw_objects,$(1),$(2))
	$$(SW_OBJDUMP) -d $$@ > $$(@:.elf=.lst)
endef
