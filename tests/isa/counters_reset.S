// ISA test: what mhpmevent3..10 select after reset (spec/hpm_events.h): HPM_RESET_EVENTS on the
// pipe core (and on the ISS alone), HPM_RESET_EVENTS_OOO on the out-of-order core, told apart by
// the SoC's CORE_KIND register. The first two are checked here (the small boards' SoC implements
// two counters, the rest read 0 there); under --cosim every read is compared with the ISS too.
#include "test_macros.h"

#include "hpm_events.h"

TEST_BEGIN
  IS_OOO_CORE(x24)
  bnez x24, ooo_core

  TEST_CSR_READ(1, mhpmevent3, HPM_EV_ICACHE_ACCESS)
  TEST_CSR_READ(2, mhpmevent4, HPM_EV_ICACHE_MISS)
  j the_rest

ooo_core:
  TEST_CSR_READ(3, mhpmevent3, HPM_EV_MISPREDICT)
  TEST_CSR_READ(4, mhpmevent4, HPM_EV_RENAME_STALL)

the_rest:
  TEST_CASE(5)
  csrr x13, mhpmevent5
  csrr x13, mhpmevent6
  csrr x13, mhpmevent7
  csrr x13, mhpmevent8
  csrr x13, mhpmevent9
  csrr x13, mhpmevent10
TEST_END
