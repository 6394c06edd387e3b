# A valid RV64 program: coresim must refuse it as a 64-bit ELF (tests/cli/test_bad_input.py).
  .section .text.init, "ax"
  .globl _start
_start:
  j _start
