# expect-exit: 2
// Must fail: case 2 expects ebreak to report mtval = 4 (it is the pc). Proves that trap checks
// compare mtval and do not only count traps.
#include "test_macros.h"

TEST_BEGIN
  TEST_TRAP_PC(1, CAUSE_BREAKPOINT, ebreak)
  TEST_TRAP(2, CAUSE_BREAKPOINT, 4, ebreak)
TEST_END
