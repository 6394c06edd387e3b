# expect-exit: 102
// Must fail: an illegal instruction that no case expects. The handler reports it as 100 + mcause
// (illegal instruction = 2), whatever case is running.
#include "test_macros.h"

TEST_BEGIN
  TEST_RR(1, add, 4, 2, 2)
  TEST_CASE(2)
  .word 0x00000000
  TEST_RR(3, add, 4, 2, 2)
TEST_END
