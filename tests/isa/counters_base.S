// ISA test: mcycle and minstret (Zicntr) as every SoC has them, whatever its number of event
// counters (the small boards' SoC has 2, where counters.S checks all 8): minstret counts retired
// instructions exactly, a CSR write replaces the writer's own increment, both carry into their high
// halves, and mcountinhibit freezes them while they stay writable.
#include "test_macros.h"

TEST_BEGIN
#define INHIBIT_WRITE 0x00000007  // bits 0 and 2 (mcycle, minstret); bit 1 reads 0
#define INHIBIT_READ  0x00000005
#include "counters_base.inc"
  csrw mcountinhibit, x0
TEST_END
