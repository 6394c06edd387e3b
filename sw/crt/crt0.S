# Startup code: sets up gp, sp, tp and the trap vector, clears .bss, runs constructors, calls main and
# passes its return value to exit(). Execution begins here at the reset PC (start of RAM).
#include "soc_map.h"

  .section .text.init, "ax"
  .globl _start
_start:
  .option push
  .option norelax
  la    gp, __global_pointer$
  .option pop
  la    sp, __stack_top
  la    tp, __tls_base
  la    t0, corelab_trap_entry
  csrw  mtvec, t0
  # Clear .tbss and .bss (the loader writes only what the ELF holds; a re-run must start clean).
  la    t0, __bss_start
  la    t1, __bss_end
1:
  bgeu  t0, t1, 2f
  sw    zero, 0(t0)
  addi  t0, t0, 4
  j     1b
2:
  call  __libc_init_array
  li    a0, 0
  li    a1, 0
  call  main
  call  exit
  # exit() does not return.

  # The trap entry: saves the caller-saved registers and hands the trap to corelab_trap (C, runtime),
  # which returns the pc to resume at. Callee-saved registers are preserved by the C code itself.
  .text
  .globl corelab_trap_entry
  .balign 4
corelab_trap_entry:
  addi  sp, sp, -64
  sw    ra, 0(sp)
  sw    t0, 4(sp)
  sw    t1, 8(sp)
  sw    t2, 12(sp)
  sw    a0, 16(sp)
  sw    a1, 20(sp)
  sw    a2, 24(sp)
  sw    a3, 28(sp)
  sw    a4, 32(sp)
  sw    a5, 36(sp)
  sw    a6, 40(sp)
  sw    a7, 44(sp)
  sw    t3, 48(sp)
  sw    t4, 52(sp)
  sw    t5, 56(sp)
  sw    t6, 60(sp)
  csrr  a0, mcause
  csrr  a1, mepc
  csrr  a2, mtval
  call  corelab_trap
  csrw  mepc, a0
  lw    ra, 0(sp)
  lw    t0, 4(sp)
  lw    t1, 8(sp)
  lw    t2, 12(sp)
  lw    a0, 16(sp)
  lw    a1, 20(sp)
  lw    a2, 24(sp)
  lw    a3, 28(sp)
  lw    a4, 32(sp)
  lw    a5, 36(sp)
  lw    a6, 40(sp)
  lw    a7, 44(sp)
  lw    t3, 48(sp)
  lw    t4, 52(sp)
  lw    t5, 56(sp)
  lw    t6, 60(sp)
  addi  sp, sp, 64
  mret
