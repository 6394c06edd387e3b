/* The software kit's runtime API: console, exit, counters, timer and interrupts for programs on the
 * SoC (docs/memory-map.md). stdio goes to the console UART; exit() follows the exit convention. */
#ifndef CORELAB_H
#define CORELAB_H

#include <stdint.h>

#include "hpm_events.h"
#include "soc_map.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- MMIO ---- */
static inline uint32_t mmio_read(uint32_t addr) { return *(volatile uint32_t *)(uintptr_t)addr; }
static inline void mmio_write(uint32_t addr, uint32_t v) { *(volatile uint32_t *)(uintptr_t)addr = v; }

/* ---- Board LEDs and buttons (bit i = LED/button i; 1 = on/pressed) ---- */
static inline void leds_set(uint32_t bits) { mmio_write(SOC_CTRL_BASE + SOC_CTRL_LEDS, bits); }
static inline uint32_t leds_get(void) { return mmio_read(SOC_CTRL_BASE + SOC_CTRL_LEDS); }
static inline uint32_t buttons_get(void) { return mmio_read(SOC_CTRL_BASE + SOC_CTRL_BUTTONS); }

/* ---- Console UART ---- */
void uart_putc(char c);
int uart_getc(void); /* -1 when no byte is waiting */
void uart_flush(void); /* waits until every byte has left the UART */

/* ---- CSR access ---- */
#define csr_read(csr) ({ uint32_t v_; __asm__ volatile("csrr %0, " #csr : "=r"(v_)); v_; })
#define csr_write(csr, v) __asm__ volatile("csrw " #csr ", %0" ::"rK"((uint32_t)(v)))
#define csr_set(csr, v) __asm__ volatile("csrs " #csr ", %0" ::"rK"((uint32_t)(v)))
#define csr_clear(csr, v) __asm__ volatile("csrc " #csr ", %0" ::"rK"((uint32_t)(v)))

/* Reads a 64-bit counter as two halves without tearing (re-read when the high half moved). */
#define CORELAB_READ64(lo, hi) ({ \
  uint32_t h_, l_, h2_; \
  do { h_ = csr_read(hi); l_ = csr_read(lo); h2_ = csr_read(hi); } while (h_ != h2_); \
  ((uint64_t)h_ << 32) | l_; })

static inline uint64_t rdcycle(void) { return CORELAB_READ64(mcycle, mcycleh); }
static inline uint64_t rdinstret(void) { return CORELAB_READ64(minstret, minstreth); }
static inline uint64_t rdtime(void) { return CORELAB_READ64(time, timeh); }

/* ---- Hardware performance counters (mhpmcounter3 .. ) ---- */
#define HPM_FIRST 3
/* Number of mhpmcounters the core implements (the others read as zero). */
#define HPM_IMPLEMENTED 8
uint64_t hpm_read(unsigned n);                 /* n = 3 .. 31 */
void hpm_set_event(unsigned n, unsigned event); /* event: one of HPM_EV_* */
unsigned hpm_get_event(unsigned n);
void hpm_write(unsigned n, uint64_t value);
const char *hpm_event_name(unsigned event);
/* Stops (1) or runs (0) the counters in mask: bit 0 = mcycle, bit 2 = minstret, bit n = mhpmcounter n. */
static inline void counters_inhibit(uint32_t mask) { csr_write(mcountinhibit, mask); }

/* A snapshot of mcycle, minstret and the implemented hpm counters with their events. */
typedef struct {
  uint64_t cycles;
  uint64_t instret;
  uint32_t event[HPM_IMPLEMENTED];
  uint64_t count[HPM_IMPLEMENTED];
} counters_t;
/* Programs the hpm counters with the given events (up to HPM_IMPLEMENTED, 0 terminated) and zeroes
 * all counters. */
void counters_start(const unsigned *events);
void counters_snapshot(counters_t *out);
/* Prints "name: value" lines for every counter that changed between two snapshots. */
void counters_print(const counters_t *begin, const counters_t *end);

/* ---- Timer and interrupts ---- */
uint64_t timer_now(void);
void timer_set_compare(uint64_t when);
uint32_t soc_clock_hz(void);

#define MCAUSE_INTERRUPT 0x80000000u
#define IRQ_M_SOFT  3
#define IRQ_M_TIMER 7
#define IRQ_M_EXT   11
#define MIE_MSIE (1u << IRQ_M_SOFT)
#define MIE_MTIE (1u << IRQ_M_TIMER)
#define MIE_MEIE (1u << IRQ_M_EXT)
#define MSTATUS_MIE 0x8u

/* A trap handler gets mcause, mepc and mtval and returns the pc to resume at. */
typedef uint32_t (*trap_handler_t)(uint32_t mcause, uint32_t mepc, uint32_t mtval);
/* Installs a handler for interrupt `irq` (3, 7, 11) or, with `is_interrupt` = 0, exception cause. */
void trap_set_handler(int is_interrupt, unsigned cause, trap_handler_t handler);
static inline void irq_enable(uint32_t mie_bits) { csr_set(mie, mie_bits); }
static inline void irq_disable(uint32_t mie_bits) { csr_clear(mie, mie_bits); }
static inline void irq_global_enable(void) { csr_set(mstatus, MSTATUS_MIE); }
static inline void irq_global_disable(void) { csr_clear(mstatus, MSTATUS_MIE); }
static inline void wait_for_interrupt(void) { __asm__ volatile("wfi"); }

#ifdef __cplusplus
}
#endif

#endif
