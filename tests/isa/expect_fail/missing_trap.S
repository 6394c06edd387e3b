# expect-exit: 2
// Must fail: case 2 expects an ecall-style trap from an instruction that does not trap. Proves that
// an expected trap that never happens fails its case.
#include "test_macros.h"

TEST_BEGIN
  TEST_TRAP(1, CAUSE_ECALL_M, 0, ecall)
  TEST_TRAP(2, CAUSE_ECALL_M, 0, addi x1, x0, 1)
  TEST_TRAP(3, CAUSE_ECALL_M, 0, ecall)
TEST_END
