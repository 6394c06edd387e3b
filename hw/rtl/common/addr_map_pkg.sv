// Which addresses exist (docs/memory-map.md): the cores decide access faults from the address alone,
// before an access has any effect, so exceptions stay precise.
package addr_map_pkg;
  import soc_map_pkg::*;

  // addr lies in [base, base + size). With a power-of-two size at an aligned base (every window of
  // every SoC build) this is a compare of the upper address bits, not a subtraction: it sits on
  // the core's critical path, behind the address adder.
  function automatic logic in_window(logic [31:0] addr, logic [31:0] base, logic [31:0] size);
    if ((size & (size - 1)) == 0 && (base & (size - 1)) == 0)
      return ((addr ^ base) & ~(size - 1)) == 32'd0;
    return (addr - base) < size;
  endfunction
  function automatic logic in_ram(logic [31:0] addr, logic [31:0] ram_base, logic [31:0] ram_size);
    return in_window(addr, ram_base, ram_size);
  endfunction

  // The MMIO registers that answer (word accesses only).
  // Every register lies in one 16 KiB window (MmioWindow; soc_top checks it at elaboration), in
  // one of its four 4 KiB blocks (offset bits 13:12), among the first 16 words of its block
  // (offset bits 5:2; mmio_regs_fit, checked by soc_top too). So a register is one bit of a
  // 64-bit map indexed by those six offset bits, and the other offset bits must be zero: a look-up
  // of a few logic cells instead of 20 compares of 14 bits.
  localparam logic [17:0] MmioWindow = SOC_MMIO_BASE[31:14];
  localparam int unsigned NumMmioRegs = 20;
  localparam logic [NumMmioRegs-1:0][13:0] MmioRegs = {  // (in any order)
    14'(SOC_UART_BASE + SOC_UART_DATA), 14'(SOC_UART_BASE + SOC_UART_STATUS),
    14'(SOC_UART_BASE + SOC_UART_CTRL),
    14'(SOC_TIMER_BASE + SOC_TIMER_MTIME), 14'(SOC_TIMER_BASE + SOC_TIMER_MTIMEH),
    14'(SOC_TIMER_BASE + SOC_TIMER_MTIMECMP), 14'(SOC_TIMER_BASE + SOC_TIMER_MTIMECMPH),
    14'(SOC_TIMER_BASE + SOC_TIMER_MSIP),
    14'(SOC_CTRL_BASE + SOC_CTRL_EXIT), 14'(SOC_CTRL_BASE + SOC_CTRL_EXT_IRQ),
    14'(SOC_CTRL_BASE + SOC_CTRL_MAGIC), 14'(SOC_CTRL_BASE + SOC_CTRL_VERSION),
    14'(SOC_CTRL_BASE + SOC_CTRL_CORE_KIND), 14'(SOC_CTRL_BASE + SOC_CTRL_CLOCK_HZ),
    14'(SOC_CTRL_BASE + SOC_CTRL_RAM_BASE), 14'(SOC_CTRL_BASE + SOC_CTRL_RAM_SIZE),
    14'(SOC_CTRL_BASE + SOC_CTRL_MISA), 14'(SOC_CTRL_BASE + SOC_CTRL_EVENTS_VERSION),
    14'(SOC_CTRL_BASE + SOC_CTRL_LEDS), 14'(SOC_CTRL_BASE + SOC_CTRL_BUTTONS)
  };
  function automatic logic mmio_regs_fit();
    for (int unsigned i = 0; i < NumMmioRegs; i++)
      if (MmioRegs[i][11:6] != 6'd0 || MmioRegs[i][1:0] != 2'd0) return 1'b0;
    return 1'b1;
  endfunction
  function automatic logic [63:0] mmio_reg_map();
    logic [63:0] map = '0;
    for (int unsigned i = 0; i < NumMmioRegs; i++)
      map[{MmioRegs[i][13:12], MmioRegs[i][5:2]}] = 1'b1;
    return map;
  endfunction
  localparam logic [63:0] MmioRegMap = mmio_reg_map();
  function automatic logic mmio_reg_exists(logic [31:0] addr);
    return addr[31:14] == MmioWindow && addr[11:6] == 6'd0 && addr[1:0] == 2'd0 &&
           MmioRegMap[{addr[13:12], addr[5:2]}];
  endfunction

  function automatic logic is_mmio(logic [31:0] addr);
    return in_window(addr, SOC_MMIO_BASE, SOC_MMIO_SIZE);
  endfunction
endpackage
