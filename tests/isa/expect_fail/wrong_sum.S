# expect-exit: 3
// Must fail: case 3 claims 2 + 2 = 5. Proves that a failing check ends the run with its case number
// (cases 1 and 2 pass first, so the status also shows that the number is the failing case's).
#include "test_macros.h"

TEST_BEGIN
  TEST_RR(1, add, 4, 2, 2)
  TEST_RR(2, sub, 0, 2, 2)
  TEST_RR(3, add, 5, 2, 2)
  TEST_RR(4, add, 4, 2, 2)
TEST_END
