// Which addresses exist (docs/memory-map.md): the cores decide access faults from the address alone,
// before an access has any effect, so exceptions stay precise.
package addr_map_pkg;
  import soc_map_pkg::*;

  // With a power-of-two size at an aligned base (every SoC build) this is a compare of the upper
  // address bits, not a subtraction: it sits on the core's critical path.
  function automatic logic in_ram(logic [31:0] addr, logic [31:0] ram_base, logic [31:0] ram_size);
    if ((ram_size & (ram_size - 1)) == 0 && (ram_base & (ram_size - 1)) == 0)
      return ((addr ^ ram_base) & ~(ram_size - 1)) == 32'd0;
    return (addr - ram_base) < ram_size;
  endfunction

  // The MMIO registers that answer (word accesses only).
  function automatic logic mmio_reg_exists(logic [31:0] addr);
    unique case (addr)
      SOC_UART_BASE + SOC_UART_DATA, SOC_UART_BASE + SOC_UART_STATUS, SOC_UART_BASE + SOC_UART_CTRL,
      SOC_TIMER_BASE + SOC_TIMER_MTIME, SOC_TIMER_BASE + SOC_TIMER_MTIMEH,
      SOC_TIMER_BASE + SOC_TIMER_MTIMECMP, SOC_TIMER_BASE + SOC_TIMER_MTIMECMPH,
      SOC_TIMER_BASE + SOC_TIMER_MSIP,
      SOC_CTRL_BASE + SOC_CTRL_EXIT, SOC_CTRL_BASE + SOC_CTRL_EXT_IRQ,
      SOC_CTRL_BASE + SOC_CTRL_MAGIC, SOC_CTRL_BASE + SOC_CTRL_VERSION,
      SOC_CTRL_BASE + SOC_CTRL_CORE_KIND, SOC_CTRL_BASE + SOC_CTRL_CLOCK_HZ,
      SOC_CTRL_BASE + SOC_CTRL_RAM_BASE, SOC_CTRL_BASE + SOC_CTRL_RAM_SIZE,
      SOC_CTRL_BASE + SOC_CTRL_MISA, SOC_CTRL_BASE + SOC_CTRL_EVENTS_VERSION,
      SOC_CTRL_BASE + SOC_CTRL_LEDS, SOC_CTRL_BASE + SOC_CTRL_BUTTONS: return 1'b1;
      default: return 1'b0;
    endcase
  endfunction

  function automatic logic is_mmio(logic [31:0] addr);
    return (addr - SOC_MMIO_BASE) < SOC_MMIO_SIZE;
  endfunction
endpackage
