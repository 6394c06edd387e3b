// The SoC: a core, RAM, the console UART, the timer, the control block and the performance counters,
// on the memory map of docs/memory-map.md. The core is reached only through its port bundle
// (instruction and data ports, fence.i handshake, interrupts, counter CSR port and events, trace),
// so another core can take its place. With UseCaches the core's ports go to an I$ and a D$ that
// share a single-port main RAM (line_ram, through mem_arbiter); without, straight to a dual-port
// RAM with one-cycle latency (the cache-less build for the smallest boards). MMIO always bypasses
// the caches.
// sim_load_* writes RAM while the core is held (the simulator's loader; the debug unit later).
module soc_top
  import core_pkg::*;
  import soc_map_pkg::*;
  import hpm_events_pkg::*;
#(
  parameter logic [31:0] RamSize = 32'h0001_0000,
  parameter logic [31:0] ClockHz = 32'd50_000_000,
  parameter int unsigned UartClksPerBit = 434,
  parameter int unsigned UartFifoDepth = 16,   // the console UART's transmit and receive FIFOs
  parameter int unsigned NumHpm = 8,
  parameter bit          CounterShadowBram = 1'b0,  // the counter snapshot in block RAM (iCE40)
  parameter bit          CountersInDsp = 1'b0,      // mtime, mcycle, minstret.. in iCE40 DSPs
  // Caches between the core and RAM (0: the cache-less build, core ports straight to a dual-port RAM)
  parameter bit          UseCaches = 1'b1,
  parameter int unsigned ICacheBytes = 4096,
  parameter int unsigned ICacheWays = 2,
  parameter int unsigned DCacheBytes = 4096,
  parameter int unsigned DCacheWays = 2,
  parameter int unsigned LineBytes = 16,
  parameter bit          MainRamSpram = 1'b0, // iCE40 UP5K: main RAM in SPRAM (single-ported)
  parameter bit          MainRamSinglePort = 1'b0, // without caches: one RAM port (half the block RAM)
  // The hardware debug/loader unit owns the UART pins and speaks the host link (docs/protocol.md);
  // without it the pins are a plain console UART.
  parameter bit          UseDebugUnit = 1'b1,
  parameter int unsigned AttachTimeoutCycles = 5 * ClockHz,
  // A boot ROM copied into RAM after reset (the FPGA boards' default program); 0: none
  parameter int unsigned BootRomWords = 0,
  parameter string       BootRomFile = "",
  // The core: SOC_CORE_PIPE (pipe_core, docs/architecture.md) or SOC_CORE_OOO (ooo_core,
  // docs/ooo.md; its file list is hw/rtl/soc_ooo.f). Both have the same port bundle.
  parameter logic [31:0] CoreKind = SOC_CORE_PIPE,
  // Core parameters (docs/architecture.md)
  parameter int unsigned BtbEntries = 32,   // 0: no branch predictor (predict not taken)
  parameter int unsigned BhtEntries = 256,
  parameter bit          FastMul = 1'b1     // 0: serial multiplier/divider (the smallest FPGAs)
) (
  input  logic        clk_i,
  input  logic        rst_ni,
  input  logic        core_hold_i,    // keeps the core in reset (the simulator's loader)
  input  logic [31:0] boot_pc_i,      // start address without a debug unit (else: SET_START)
  input  logic        uart_rx_i,
  output logic        uart_tx_o,
  output logic [7:0]  led_o,          // the LED register (1 = on)
  input  logic [7:0]  btn_i,          // the buttons (1 = pressed), asynchronous
  // simulator loader
  input  logic        sim_load_valid_i,
  input  logic [31:0] sim_load_addr_i,
  input  logic [31:0] sim_load_data_i,
  // simulator observation
  output logic        sim_tx_valid_o,
  output logic [7:0]  sim_tx_data_o,
  output logic        sim_exit_valid_o,
  output logic [30:0] sim_exit_code_o,
  // retire trace (RVFI names): one channel per commit slot, channel 0 the oldest
  output logic [RetireWidth-1:0] rvfi_valid_o,
  output logic [RetireWidth-1:0][63:0] rvfi_order_o,
  output logic [RetireWidth-1:0][31:0] rvfi_insn_o,
  output logic [RetireWidth-1:0] rvfi_trap_o,
  output logic [RetireWidth-1:0] rvfi_intr_o,
  output logic [RetireWidth-1:0][4:0] rvfi_rs1_addr_o,
  output logic [RetireWidth-1:0][4:0] rvfi_rs2_addr_o,
  output logic [RetireWidth-1:0][31:0] rvfi_rs1_rdata_o,
  output logic [RetireWidth-1:0][31:0] rvfi_rs2_rdata_o,
  output logic [RetireWidth-1:0][4:0] rvfi_rd_addr_o,
  output logic [RetireWidth-1:0][31:0] rvfi_rd_wdata_o,
  output logic [RetireWidth-1:0][31:0] rvfi_pc_rdata_o,
  output logic [RetireWidth-1:0][31:0] rvfi_pc_wdata_o,
  output logic [RetireWidth-1:0][31:0] rvfi_mem_addr_o,
  output logic [RetireWidth-1:0][3:0] rvfi_mem_rmask_o,
  output logic [RetireWidth-1:0][3:0] rvfi_mem_wmask_o,
  output logic [RetireWidth-1:0][31:0] rvfi_mem_rdata_o,
  output logic [RetireWidth-1:0][31:0] rvfi_mem_wdata_o,
  output logic        irq_trace_valid_o,
  output logic [31:0] irq_trace_cause_o,
  output logic [31:0] irq_trace_epc_o,
  // every counter event this cycle (the simulator's --stats)
  output logic [HPM_EVENT_COUNT-1:0][EventCountW-1:0] sim_events_o
);
  localparam int unsigned Words = RamSize / 4;
  localparam int unsigned AddrW = $clog2(Words);
  // The fast boards' pipe core takes a counter's CSR read a cycle late, from registers in the
  // counter block (hpm_counters RegRead).
  // (CountersInDsp: the DSP counts show an increment a cycle late and need the late read.)
  localparam bit CntRegRead = CoreKind == SOC_CORE_PIPE && (UseCaches || CountersInDsp);
  // The pipe core sends its events from registers, a cycle after they happen; the counter block
  // then takes them as they come (hpm_counters EventsRegistered) and the caches' events are
  // registered here, so every event is counted in the same cycle as if the block took them all.
  localparam bit EventsRegistered = CoreKind == SOC_CORE_PIPE;
  // The pipe core on the SPRAM SoC without caches or predictor (the iCEBreaker) fetches from
  // registers (pipe_core RegFetch): the SPRAM's address does not wait for the core's stall logic.
  localparam bit RegFetch = CoreKind == SOC_CORE_PIPE && !UseCaches && MainRamSpram &&
                            BtbEntries == 0;
  // The same SoC performs the core's data request a cycle after it accepts it, from registers
  // (see g_dreq_q), so that the core's forwarding and address adder end in flip-flops.
  localparam bit RegDataReq = RegFetch;

  logic core_rst_n, dbg_hold, dbg_halt, boot_busy;
  logic [31:0] boot_pc;
  assign core_rst_n = rst_ni && !core_hold_i && !dbg_hold && !boot_busy;

  // ---- core ----
  logic        imem_req_valid, imem_req_ready, imem_rsp_valid;
  logic        core_imem_req_valid, core_imem_req_ready, core_dmem_req_valid, core_dmem_req_ready;
  logic [31:0] imem_req_addr, imem_rsp_data;
  logic [31:0] imem_rsp_data1;  // the word after imem_rsp_data's (I$ with PairRead; else 0)
  logic        dmem_req_valid, dmem_req_ready, dmem_rsp_valid;
  mem_req_t    dmem_req;
  logic [31:0] dmem_rsp_rdata;
  logic        fencei_req, fencei_done;
  logic        irq_software, irq_timer, irq_external, irq_uart, irq_ctrl;
  logic [11:0] cnt_addr;
  logic        cnt_hit, cnt_we;
  logic [31:0] cnt_rdata, cnt_wdata;
  logic [HPM_EVENT_COUNT-1:0][EventCountW-1:0] core_events, events;
  rvfi_t [RetireWidth-1:0] rvfi;
  irq_trace_t  irq_trace;
  logic [63:0] mtime;

  if (CoreKind == SOC_CORE_OOO) begin : g_ooo
  ooo_core #(
    .RamBase(SOC_RAM_BASE), .RamSize(RamSize), .BtbEntries(BtbEntries), .BhtEntries(BhtEntries),
    .FastMul(FastMul),
    // Two instructions per fetch from the I$ (it reads the next word too); one without caches.
    .FetchWidth(UseCaches ? 2 : 1), .FetchBlockBytes(LineBytes)
  ) u_core (
    .clk_i, .rst_ni(core_rst_n), .boot_pc_i(boot_pc),
    .imem_req_valid_o(core_imem_req_valid), .imem_req_ready_i(core_imem_req_ready),
    .imem_req_addr_o(imem_req_addr), .imem_rsp_valid_i(imem_rsp_valid),
    .imem_rsp_data_i(imem_rsp_data), .imem_rsp_data1_i(imem_rsp_data1),
    .dmem_req_valid_o(core_dmem_req_valid), .dmem_req_ready_i(core_dmem_req_ready),
    .dmem_req_o(dmem_req),
    .dmem_rsp_valid_i(dmem_rsp_valid), .dmem_rsp_rdata_i(dmem_rsp_rdata),
    .fencei_req_o(fencei_req), .fencei_done_i(fencei_done),
    .irq_software_i(irq_software), .irq_timer_i(irq_timer), .irq_external_i(irq_external),
    .cnt_addr_o(cnt_addr), .cnt_hit_i(cnt_hit), .cnt_rdata_i(cnt_rdata), .cnt_we_o(cnt_we),
    .cnt_wdata_o(cnt_wdata), .events_o(core_events), .rvfi_o(rvfi), .irq_trace_o(irq_trace)
  );
  end else begin : g_pipe
  pipe_core #(
    .RamBase(SOC_RAM_BASE), .RamSize(RamSize), .BtbEntries(BtbEntries), .BhtEntries(BhtEntries),
    // Behind the I$ (ECP5 boards) the register file is LUT RAM, read in ID; without caches
    // (iCE40 boards) it is block RAM, read a cycle ahead.
    .FastMul(FastMul), .SyncRegRead(!UseCaches),
    // The faster, larger EX structures for the fast boards (with caches: the ECP5 ones).
    .FastPaths(UseCaches), .CntRegRead(CntRegRead), .RegFetch(RegFetch)
  ) u_core (
    .clk_i, .rst_ni(core_rst_n), .boot_pc_i(boot_pc),
    .imem_req_valid_o(core_imem_req_valid), .imem_req_ready_i(core_imem_req_ready),
    .imem_req_addr_o(imem_req_addr), .imem_rsp_valid_i(imem_rsp_valid),
    .imem_rsp_data_i(imem_rsp_data),
    .dmem_req_valid_o(core_dmem_req_valid), .dmem_req_ready_i(core_dmem_req_ready),
    .dmem_req_o(dmem_req),
    .dmem_rsp_valid_i(dmem_rsp_valid), .dmem_rsp_rdata_i(dmem_rsp_rdata),
    .fencei_req_o(fencei_req), .fencei_done_i(fencei_done),
    .irq_software_i(irq_software), .irq_timer_i(irq_timer), .irq_external_i(irq_external),
    .cnt_addr_o(cnt_addr), .cnt_hit_i(cnt_hit), .cnt_rdata_i(cnt_rdata), .cnt_we_o(cnt_we),
    .cnt_wdata_o(cnt_wdata), .events_o(core_events), .rvfi_o(rvfi[0]), .irq_trace_o(irq_trace)
  );
  logic unused_rsp_data1;  // the pipe core fetches one instruction at a time
  assign unused_rsp_data1 = ^imem_rsp_data1;
  // The pipe core retires at most one instruction per cycle.
  for (genvar c = 1; c < RetireWidth; c++) begin : g_no_retire
    assign rvfi[c] = '0;
  end
  end

  // A halted core (debug unit) gets no new memory access; accepted ones still complete.
  assign imem_req_valid = core_imem_req_valid && !dbg_halt && core_rst_n;
  assign core_imem_req_ready = imem_req_ready && !dbg_halt;
  assign dmem_req_valid = core_dmem_req_valid && !dbg_halt && core_rst_n;
  assign core_dmem_req_ready = dmem_req_ready && !dbg_halt;

  // The RAM port of the other bus masters: the boot ROM's copier (first, right after reset), the
  // simulator's loader and the debug unit.
  logic        dbg_ram_we, dbg_ram_re, dbg_ram_ready, ram_port_ready;
  logic [31:0] dbg_ram_addr, dbg_ram_wdata, dbg_ram_rdata;
  logic        ram_port_we, ram_port_re;
  logic [31:0] ram_port_addr, ram_port_wdata;
  logic        boot_we;
  logic [31:0] boot_addr, boot_wdata;
  if (BootRomWords > 0) begin : g_boot_rom
    boot_rom #(.Words(BootRomWords), .InitFile(BootRomFile)) u_boot_rom (
      .clk_i, .rst_ni, .busy_o(boot_busy), .we_o(boot_we), .addr_o(boot_addr), .wdata_o(boot_wdata),
      .ready_i(ram_port_ready)
    );
  end else begin : g_no_boot_rom
    assign boot_busy = 1'b0;
    assign boot_we = 1'b0;
    assign boot_addr = 32'd0;
    assign boot_wdata = 32'd0;
  end
  assign dbg_ram_ready = ram_port_ready && !boot_busy;

  always_comb begin
    if (boot_busy) begin
      ram_port_we = boot_we;
      ram_port_re = 1'b0;
      ram_port_addr = boot_addr;
      ram_port_wdata = boot_wdata;
    end else if (core_hold_i && sim_load_valid_i) begin
      ram_port_we = 1'b1;
      ram_port_re = 1'b0;
      ram_port_addr = sim_load_addr_i - SOC_RAM_BASE;
      ram_port_wdata = sim_load_data_i;
    end else begin
      ram_port_we = dbg_ram_we;
      ram_port_re = dbg_ram_re;
      ram_port_addr = dbg_ram_addr;
      ram_port_wdata = dbg_ram_wdata;
    end
  end

  // ---- memory ----
  // The core sends a data request before it knows whether the address exists (that is decided
  // late in its cycle; it then traps): the SoC gives the RAM side only requests inside RAM and
  // performs an MMIO access (with caches a cycle later, from registers) only on an existing
  // register with a word access (addr_map_pkg decides for both; without caches the devices
  // decide which register, see g_mmio_direct). With caches the request's
  // validity and address come late in the cycle, so they reach only flip-flops here (the D$'s
  // stage 1, the MMIO request register).
  logic        d_is_mmio, d_in_ram;
  logic        d_ram_req;           // a request for the RAM side
  logic        mmio_req_q;          // with caches: an MMIO access this cycle (requested last cycle)
  logic        mmio_rsp_valid_q;    // an MMIO access was made last cycle: its response
  logic        mmio_late_q;         // ... or earlier, and its response waits (see below)
  logic        mmio_busy;           // an MMIO access has not answered: no new request
  logic        ram_rsp_pending;     // a RAM-side data request has not answered yet
  logic        mem_rsp_valid;       // the RAM side (cache or direct) answers
  logic [31:0] mem_rsp_rdata;
  logic        ram_dreq_ready;
  logic [HPM_EVENT_COUNT-1:0][EventCountW-1:0] cache_events;

  assign d_is_mmio = addr_map_pkg::is_mmio(dmem_req.addr);
  assign d_in_ram = addr_map_pkg::in_ram(dmem_req.addr, SOC_RAM_BASE, RamSize);
  assign mmio_busy = mmio_req_q || mmio_rsp_valid_q || mmio_late_q;
  // Not address dependent (a timing path): requests wait while the RAM side or an MMIO access
  // is busy.
  assign dmem_req_ready = ram_dreq_ready && !mmio_busy;
  assign d_ram_req = dmem_req_valid && !mmio_busy && !d_is_mmio && d_in_ram;

  // RegDataReq: the request is taken into registers as it is accepted and performed from them in
  // the next cycle, the instruction's MEM cycle (the RAM's enable, address, write enables and
  // data, the MMIO selects). A load or an MMIO access is then answered a cycle later than without
  // (its instruction waits for it in WB, as after a D$ miss); a RAM store in its access's cycle.
  // The port's other masters and fetch take the RAM when the registered request does not.
  logic     dreq_valid_q;  // a request accepted last cycle, performed this cycle
  mem_req_t dreq_q;
  logic     dreq_in_ram_q, dreq_is_mmio_q;
  if (RegDataReq) begin : g_dreq_q
    always_ff @(posedge clk_i or negedge rst_ni) begin
      if (!rst_ni) dreq_valid_q <= 1'b0;
      else dreq_valid_q <= dmem_req_valid && dmem_req_ready;
    end
    always_ff @(posedge clk_i) begin
      dreq_q <= dmem_req;
      dreq_in_ram_q <= d_in_ram;
      dreq_is_mmio_q <= d_is_mmio;
    end
  end else begin : g_no_dreq_q
    assign dreq_valid_q = 1'b0;
    assign dreq_q = '0;
    assign dreq_in_ram_q = 1'b0;
    assign dreq_is_mmio_q = 1'b0;
    logic unused_dreq_q;
    assign unused_dreq_q = ^{dreq_valid_q, dreq_q, dreq_in_ram_q, dreq_is_mmio_q};
  end

  if (UseCaches) begin : g_caches
    localparam int unsigned LineWords = LineBytes / 4;
    logic [1:0]       m_req_valid, m_req_ready, m_req_we, m_wvalid, m_wready, m_rvalid;
    logic [1:0][31:0] m_req_addr, m_wdata;
    logic [31:0]      m_rdata;
    logic        r_req_valid, r_req_ready, r_req_we, r_wvalid, r_wready, r_rvalid;
    logic [31:0] r_req_addr, r_wdata, r_rdata;
    logic        i_access, i_miss, i_wb_unused, d_access, d_miss, d_writeback;
    logic        i_flush_done, d_flush_done;
    logic [1:0]  i_outstanding_q, d_outstanding_q;
    logic        i_rsp_valid, d_rsp_valid, i_fire, d_fire;
    logic [31:0] d_rdata1_unused;  // (no PairRead in the D$: zero)
    mem_req_t    ireq;

    assign ireq = '{addr: imem_req_addr, we: 1'b0, be: 4'b0000, wdata: 32'd0};
    assign i_fire = imem_req_valid && imem_req_ready;
    assign d_fire = d_ram_req && ram_dreq_ready;

    // fence.i: once no access is in flight, the D$ writes back and both caches invalidate. The
    // request is registered first (fence.i is rare): a cache's ready drops while it is asked to
    // flush, and the core's request comes late in its cycle. (The core refetches after fence.i,
    // so the next fence.i comes long after the registered request has dropped.)
    logic fencei_req_q;
    always_ff @(posedge clk_i or negedge core_rst_n) begin
      if (!core_rst_n) begin
        i_outstanding_q <= '0;
        d_outstanding_q <= '0;
        fencei_req_q <= 1'b0;
      end else begin
        fencei_req_q <= fencei_req;
        i_outstanding_q <= i_outstanding_q + 2'(i_fire) - 2'(i_rsp_valid);
        d_outstanding_q <= d_outstanding_q + 2'(d_fire) - 2'(d_rsp_valid);
      end
    end

    // The caches see RAM addresses only (an I$ fill for a pc outside RAM reads the RAM line with
    // the same low bits; the core raises the fetch fault): tags cover the RAM, not 4 GiB.
    localparam int unsigned RamBits = $clog2(RamSize);
    cache #(
      .SizeBytes(ICacheBytes), .Ways(ICacheWays), .LineBytes(LineBytes), .ReadOnly(1'b1),
      .PairRead(CoreKind == SOC_CORE_OOO), .AddrBits(RamBits), .AddrBase(SOC_RAM_BASE)
    ) u_icache (
      .clk_i, .rst_ni(core_rst_n), .req_valid_i(imem_req_valid), .req_ready_o(imem_req_ready),
      .req_i(ireq), .rsp_valid_o(i_rsp_valid), .rsp_rdata_o(imem_rsp_data),
      .rsp_rdata1_o(imem_rsp_data1),
      .flush_req_i(fencei_req_q && i_outstanding_q == '0), .flush_done_o(i_flush_done),
      .mem_req_valid_o(m_req_valid[0]), .mem_req_ready_i(m_req_ready[0]),
      .mem_req_addr_o(m_req_addr[0]), .mem_req_we_o(m_req_we[0]), .mem_wvalid_o(m_wvalid[0]),
      .mem_wready_i(m_wready[0]), .mem_wdata_o(m_wdata[0]), .mem_rvalid_i(m_rvalid[0]),
      .mem_rdata_i(m_rdata), .access_o(i_access), .miss_o(i_miss), .writeback_o(i_wb_unused)
    );
    cache #(
      .SizeBytes(DCacheBytes), .Ways(DCacheWays), .LineBytes(LineBytes), .ReadOnly(1'b0),
      .AddrBits(RamBits), .AddrBase(SOC_RAM_BASE)
    ) u_dcache (
      .clk_i, .rst_ni(core_rst_n), .req_valid_i(d_ram_req),
      .req_ready_o(ram_dreq_ready), .req_i(dmem_req), .rsp_valid_o(d_rsp_valid),
      .rsp_rdata_o(mem_rsp_rdata), .rsp_rdata1_o(d_rdata1_unused),
      .flush_req_i(fencei_req_q && d_outstanding_q == '0), .flush_done_o(d_flush_done),
      .mem_req_valid_o(m_req_valid[1]), .mem_req_ready_i(m_req_ready[1]),
      .mem_req_addr_o(m_req_addr[1]), .mem_req_we_o(m_req_we[1]), .mem_wvalid_o(m_wvalid[1]),
      .mem_wready_i(m_wready[1]), .mem_wdata_o(m_wdata[1]), .mem_rvalid_i(m_rvalid[1]),
      .mem_rdata_i(m_rdata), .access_o(d_access), .miss_o(d_miss), .writeback_o(d_writeback)
    );
    assign fencei_done = i_flush_done && d_flush_done;
    assign ram_rsp_pending = d_outstanding_q != '0;
    assign imem_rsp_valid = i_rsp_valid;
    assign mem_rsp_valid = d_rsp_valid;

    mem_arbiter #(.LineWords(LineWords)) u_arbiter (
      .clk_i, .rst_ni, .req_valid_i(m_req_valid), .req_ready_o(m_req_ready),
      .req_addr_i(m_req_addr), .req_we_i(m_req_we), .wvalid_i(m_wvalid), .wready_o(m_wready),
      .wdata_i(m_wdata), .rvalid_o(m_rvalid), .rdata_o(m_rdata),
      .mem_req_valid_o(r_req_valid), .mem_req_ready_i(r_req_ready), .mem_req_addr_o(r_req_addr),
      .mem_req_we_o(r_req_we), .mem_wvalid_o(r_wvalid), .mem_wready_i(r_wready),
      .mem_wdata_o(r_wdata), .mem_rvalid_i(r_rvalid), .mem_rdata_i(r_rdata)
    );
    // (RegIo: a cycle longer per fill, for the block RAMs' long paths to and from the caches)
    line_ram #(
      .Words(Words), .LineWords(LineWords), .Spram(MainRamSpram), .RegIo(1'b1)
    ) u_ram (
      .clk_i, .rst_ni, .req_valid_i(r_req_valid), .req_ready_o(r_req_ready),
      .req_addr_i(r_req_addr - SOC_RAM_BASE), .req_we_i(r_req_we), .wvalid_i(r_wvalid),
      .wready_o(r_wready), .wdata_i(r_wdata), .rvalid_o(r_rvalid), .rdata_o(r_rdata),
      .dbg_we_i(ram_port_we), .dbg_re_i(ram_port_re), .dbg_addr_i(ram_port_addr),
      .dbg_wdata_i(ram_port_wdata), .dbg_ready_o(ram_port_ready), .dbg_rdata_o(dbg_ram_rdata)
    );

    always_comb begin
      cache_events = '0;
      cache_events[HPM_EV_ICACHE_ACCESS] = EventCountW'(i_access);
      cache_events[HPM_EV_ICACHE_MISS] = EventCountW'(i_miss);
      cache_events[HPM_EV_DCACHE_ACCESS] = EventCountW'(d_access);
      cache_events[HPM_EV_DCACHE_MISS] = EventCountW'(d_miss);
      cache_events[HPM_EV_DCACHE_WRITEBACK] = EventCountW'(d_writeback);
    end
    logic unused_i_wb;
    assign unused_i_wb = i_wb_unused;
  end else begin : g_direct
    logic        ram_b_en;
    logic [AddrW-1:0] ram_b_addr;
    logic [3:0]  ram_b_we;
    logic [31:0] ram_b_wdata;
    logic        i_rsp_valid_q, i_fire;

    assign ram_dreq_ready = 1'b1;
    assign ram_rsp_pending = 1'b0;  // the RAM answers in the next cycle, as MMIO does
    assign fencei_done = 1'b1;  // nothing to clean without caches
    logic unused_fencei_req;
    assign unused_fencei_req = fencei_req;

    // Port B serves the core's data accesses; the debug unit and the loader use it when the core
    // does not. A data request takes the port whatever its address (d_claim): the address comes
    // from the core's adder late in the cycle, and its decode only gates the write enable, so
    // that the port's arbitration (and with a single port, fetch's ready) does not wait for it.
    // A request to MMIO or to no memory reads the RAM for nothing.
    // The decode meets the write enables in their last gate (ram_b_we_if_ok is kept as a net so
    // that synthesis does not fold the early terms in behind it). (RAM and MMIO windows are
    // disjoint, see g_bad_windows: a request in RAM is no MMIO request.)
    // (RegDataReq: the registered request claims the port, see g_dreq_q.)
    logic d_claim, d_claim_in_ram, ram_b_ok;
    mem_req_t d_port_req;  // the claiming request
    (* keep *) logic [3:0] ram_b_we_if_ok;  // the write enables if the address is in RAM
    if (RegDataReq) begin : g_claim_q
      assign d_claim = dreq_valid_q;
      assign d_port_req = dreq_q;
      assign d_claim_in_ram = dreq_in_ram_q;
      assign ram_port_ready = !dreq_valid_q;
    end else begin : g_claim
      assign d_claim = dmem_req_valid && !mmio_busy;
      assign d_port_req = dmem_req;
      assign d_claim_in_ram = d_in_ram;
      assign ram_port_ready = !dmem_req_valid;
    end
    assign ram_b_ok = !d_claim || d_claim_in_ram;
    always_comb begin
      if (d_claim) begin
        ram_b_en = 1'b1;
        ram_b_we_if_ok = d_port_req.we ? d_port_req.be : 4'b0000;
        ram_b_addr = AddrW'((d_port_req.addr - SOC_RAM_BASE) >> 2);
        ram_b_wdata = d_port_req.wdata;
      end else begin
        ram_b_en = ram_port_we || ram_port_re;
        ram_b_we_if_ok = {4{ram_port_we}};
        ram_b_addr = AddrW'(ram_port_addr >> 2);
        ram_b_wdata = ram_port_wdata;
      end
    end
    assign ram_b_we = ram_b_we_if_ok & {4{ram_b_ok}};
    if (addr_map_pkg::is_mmio(SOC_RAM_BASE) ||
        addr_map_pkg::in_ram(SOC_MMIO_BASE, SOC_RAM_BASE, RamSize)) begin : g_bad_windows
      $error("soc_top: the RAM and MMIO windows overlap");
    end
    assign dbg_ram_rdata = mem_rsp_rdata;

    if (MainRamSpram || MainRamSinglePort) begin : g_single_port
      // One port (iCE40 SPRAM, or block RAM that has no second read port to spare): data requests
      // first (any, see d_claim), then the other masters, then fetch.
      assign imem_req_ready = !ram_b_en;
      assign i_fire = imem_req_valid && !ram_b_en;
      ram_1p #(.Depth(Words), .Spram(MainRamSpram)) u_ram (
        .clk_i, .en_i(ram_b_en || imem_req_valid), .we_i(ram_b_we),
        .addr_i(ram_b_en ? ram_b_addr : AddrW'((imem_req_addr - SOC_RAM_BASE) >> 2)),
        .wdata_i(ram_b_wdata), .rdata_o(mem_rsp_rdata)
      );
      assign imem_rsp_data = mem_rsp_rdata;
    end else begin : g_dual_port
      // Port A fetches, port B serves data and the other masters.
      assign imem_req_ready = 1'b1;
      assign i_fire = imem_req_valid;
      ram_2p #(.Depth(Words)) u_ram (
        .clk_i, .a_en_i(imem_req_valid), .a_addr_i(AddrW'((imem_req_addr - SOC_RAM_BASE) >> 2)),
        .a_rdata_o(imem_rsp_data), .b_en_i(ram_b_en), .b_we_i(ram_b_we), .b_addr_i(ram_b_addr),
        .b_wdata_i(ram_b_wdata), .b_rdata_o(mem_rsp_rdata)
      );
    end

    always_ff @(posedge clk_i or negedge rst_ni) begin
      if (!rst_ni) i_rsp_valid_q <= 1'b0;
      else i_rsp_valid_q <= i_fire;
    end
    assign imem_rsp_valid = i_rsp_valid_q;
    assign imem_rsp_data1 = '0;  // the core fetches one instruction at a time here
    if (RegDataReq) begin : g_rsp_q
      // A load is answered in the cycle after its access (the RAM's output), a store in its
      // access's cycle, unless that cycle brings the answer to the access before it (a load's or
      // an MMIO access's, for the instruction waiting in WB): then in the next (st_late_q). No
      // request is accepted while WB waits, so nothing else is answered then.
      logic ram_load_q, st_late_q, ram_store, late_rsp;
      assign ram_store = dreq_valid_q && dreq_in_ram_q && dreq_q.we;
      assign late_rsp = ram_load_q || mmio_rsp_valid_q;
      always_ff @(posedge clk_i or negedge rst_ni) begin
        if (!rst_ni) begin
          ram_load_q <= 1'b0;
          st_late_q <= 1'b0;
        end else begin
          ram_load_q <= dreq_valid_q && dreq_in_ram_q && !dreq_q.we;
          st_late_q <= ram_store && late_rsp;
        end
      end
      assign mem_rsp_valid = ram_load_q || st_late_q || (ram_store && !late_rsp);
      logic unused_d_ram_req;  // (the registered request decides)
      assign unused_d_ram_req = d_ram_req;
    end else begin : g_rsp
      logic d_rsp_valid_q;
      always_ff @(posedge clk_i or negedge rst_ni) begin
        if (!rst_ni) d_rsp_valid_q <= 1'b0;
        else d_rsp_valid_q <= d_ram_req;
      end
      assign mem_rsp_valid = d_rsp_valid_q;
    end
    assign cache_events = '0;
  end

  // The MMIO access. With caches (the fast ECP5 builds) it is registered: performed in the cycle
  // after the request, from registers, and answered in the next. Without (the iCE40 builds, slow
  // clocks, short of logic cells) it is performed in the request's cycle and answered in the next,
  // as the RAM answers, and the request is not copied into 63 flip-flops; with RegDataReq (the
  // iCEBreaker) it is performed from the registered request (g_dreq_q), as the RAM access is.
  logic        mmio_req;   // the access is performed this cycle
  logic        mmio_dev_req;  // ... at an address that dev_sel below still has to decode
  logic        mmio_we;
  logic [31:0] mmio_addr, mmio_wdata;
  logic        mmio_take;  // with caches: the request is taken into mmio_req_q
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      mmio_req_q <= 1'b0;
      mmio_rsp_valid_q <= 1'b0;
      mmio_late_q <= 1'b0;
    end else begin
      mmio_req_q <= mmio_take;
      mmio_rsp_valid_q <= mmio_req;
      mmio_late_q <= (mmio_rsp_valid_q || mmio_late_q) && ram_rsp_pending;
    end
  end
  if (UseCaches) begin : g_mmio_registered
    logic d_mmio_ok;  // an existing register, a word access
    assign d_mmio_ok = addr_map_pkg::mmio_reg_exists(dmem_req.addr) && dmem_req.be == 4'b1111;
    assign mmio_take = dmem_req_valid && !mmio_busy && d_is_mmio && d_mmio_ok && ram_dreq_ready;
    logic        mmio_we_q;
    logic [31:0] mmio_addr_q, mmio_wdata_q;
    always_ff @(posedge clk_i) begin
      if (!mmio_busy) begin
        mmio_we_q <= dmem_req.we;
        mmio_addr_q <= dmem_req.addr;
        mmio_wdata_q <= dmem_req.wdata;
      end
    end
    assign mmio_req = mmio_req_q;
    assign mmio_dev_req = mmio_req_q;
    assign mmio_we = mmio_we_q;
    assign mmio_addr = mmio_addr_q;
    assign mmio_wdata = mmio_wdata_q;
  end else if (RegDataReq) begin : g_mmio_dreq_q
    // As g_mmio_direct below, a cycle later: the access of the registered request (g_dreq_q).
    assign mmio_dev_req = dreq_valid_q && dreq_q.be == 4'b1111;
    assign mmio_req = mmio_dev_req && dreq_is_mmio_q;
    assign mmio_take = 1'b0;
    assign mmio_we = dreq_q.we;
    assign mmio_addr = dreq_q.addr;
    assign mmio_wdata = dreq_q.wdata;
  end else begin : g_mmio_direct
    // The devices' selects do not wait for a decode of the register map (mmio_reg_exists:
    // levels of logic behind the core's address adder): dev_sel compares the address's upper
    // bits itself, and a device acts only on the offsets of its registers, so a word access to a
    // word that exists nowhere does nothing. It is answered (zero) like any word access in the
    // window; the core has trapped on it and takes no response. Only the word access check (be)
    // is left to do, from the address's low bits, early.
    assign mmio_dev_req = dmem_req_valid && !mmio_busy && dmem_req.be == 4'b1111;
    assign mmio_req = mmio_dev_req && d_is_mmio;
    assign mmio_take = 1'b0;  // (nothing to register: mmio_req acts now)
    assign mmio_we = dmem_req.we;
    assign mmio_addr = dmem_req.addr;
    assign mmio_wdata = dmem_req.wdata;
  end

  // ---- MMIO ----
  // addr_map_pkg::mmio_reg_exists tells the registers apart by their offset in one 16 KiB window:
  // every device's 4 KiB block (aligned, as the dev_sel decode below assumes) must lie in it.
  if (SOC_UART_BASE[31:14] != addr_map_pkg::MmioWindow ||
      SOC_TIMER_BASE[31:14] != addr_map_pkg::MmioWindow ||
      SOC_CTRL_BASE[31:14] != addr_map_pkg::MmioWindow) begin : g_bad_mmio_window
    $error("soc_top: an MMIO block lies outside addr_map_pkg's 16 KiB window");
  end
  if (!addr_map_pkg::mmio_regs_fit()) begin : g_bad_mmio_regs
    $error("soc_top: an MMIO register lies beyond its block's first 16 words (addr_map_pkg)");
  end
  logic [2:0]  dev_sel;
  logic [31:0] uart_rdata, timer_rdata, ctrl_rdata, mmio_rdata;
  assign dev_sel[0] = mmio_dev_req && mmio_addr[31:12] == SOC_UART_BASE[31:12];
  assign dev_sel[1] = mmio_dev_req && mmio_addr[31:12] == SOC_TIMER_BASE[31:12];
  assign dev_sel[2] = mmio_dev_req && mmio_addr[31:12] == SOC_CTRL_BASE[31:12];

  logic       con_tx_valid, con_tx_ready, con_tx_idle, con_rx_valid, con_rx_ready;
  logic [7:0] con_tx_data, con_rx_data;
  soc_uart #(.FifoDepth(UartFifoDepth)) u_uart (
    .clk_i, .rst_ni, .sel_i(dev_sel[0]), .we_i(mmio_we), .offset_i(mmio_addr[11:0]),
    .wdata_i(mmio_wdata), .rdata_o(uart_rdata), .irq_o(irq_uart),
    .tx_valid_o(con_tx_valid), .tx_ready_i(con_tx_ready), .tx_data_o(con_tx_data),
    .tx_idle_i(con_tx_idle), .rx_valid_i(con_rx_valid), .rx_data_i(con_rx_data),
    .rx_ready_o(con_rx_ready),
    .sim_tx_valid_o, .sim_tx_data_o
  );
  logic exited_q;  // the program wrote the exit register; counters stop until the core restarts
  logic [63:0] dbg_cnt_value;
  logic [7:0]  dbg_cnt_event;
  logic [4:0]  dbg_cnt_idx;
  logic        dbg_cnt_snapshot, dbg_cnt_zero, dbg_cnt_freeze;

  if (UseDebugUnit) begin : g_debug
    logic unused_attached;
    debug_unit #(
      .ClksPerBit(UartClksPerBit), .ClockHz(ClockHz), .RamBase(SOC_RAM_BASE), .RamSize(RamSize),
      .CoreKind(8'(CoreKind)), .NumHpm(NumHpm), .LineWords(LineBytes / 4),
      .HasCaches(UseCaches), .AttachTimeoutCycles(AttachTimeoutCycles)
    ) u_debug (
      .clk_i, .rst_ni, .uart_rx_i, .uart_tx_o,
      .prog_tx_valid_i(con_tx_valid), .prog_tx_data_i(con_tx_data), .prog_tx_ready_o(con_tx_ready),
      .prog_tx_idle_o(con_tx_idle), .prog_rx_valid_o(con_rx_valid), .prog_rx_data_o(con_rx_data),
      .prog_rx_ready_i(con_rx_ready),
      .core_hold_o(dbg_hold), .core_halt_o(dbg_halt), .start_pc_o(boot_pc),
      .exit_valid_i(sim_exit_valid_o), .exit_code_i({1'b0, sim_exit_code_o}),
      .ram_we_o(dbg_ram_we), .ram_re_o(dbg_ram_re), .ram_addr_o(dbg_ram_addr),
      .ram_wdata_o(dbg_ram_wdata), .ram_rdata_i(dbg_ram_rdata), .ram_ready_i(dbg_ram_ready),
      .cnt_snapshot_o(dbg_cnt_snapshot), .cnt_idx_o(dbg_cnt_idx), .cnt_value_i(dbg_cnt_value),
      .cnt_event_i(dbg_cnt_event), .cnt_zero_o(dbg_cnt_zero), .cnt_freeze_o(dbg_cnt_freeze),
      .mtime_i(mtime), .attached_o(unused_attached)
    );
    logic [31:0] unused_boot_pc;
    assign unused_boot_pc = boot_pc_i;
  end else begin : g_plain_uart
    // The serial pins as a plain console UART.
    uart_tx #(.ClksPerBit(UartClksPerBit)) u_uart_tx (
      .clk_i, .rst_ni, .valid_i(con_tx_valid), .ready_o(con_tx_ready), .data_i(con_tx_data),
      .tx_o(uart_tx_o)
    );
    uart_rx #(.ClksPerBit(UartClksPerBit)) u_uart_rx (
      .clk_i, .rst_ni, .rx_i(uart_rx_i), .valid_o(con_rx_valid), .data_o(con_rx_data)
    );
    assign con_tx_idle = con_tx_ready;
    assign dbg_hold = 1'b0;
    assign dbg_halt = 1'b0;
    assign boot_pc = boot_pc_i;
    assign dbg_ram_we = 1'b0;
    assign dbg_ram_re = 1'b0;
    assign dbg_ram_addr = 32'd0;
    assign dbg_ram_wdata = 32'd0;
    assign dbg_cnt_snapshot = 1'b0;
    assign dbg_cnt_idx = 5'd0;
    assign dbg_cnt_zero = 1'b0;
    assign dbg_cnt_freeze = 1'b0;
    logic unused_dbg;
    assign unused_dbg = ^{con_rx_ready, dbg_ram_ready, dbg_ram_rdata, dbg_cnt_value, dbg_cnt_event};
  end

  // The counters stop right after the cycle in which the exit store reaches the control block, so
  // they count the program up to and including that store, as the ISS does.
  // (Decided from the request, not the registered MMIO access or RegDataReq's registered
  // request, so that they stop as before: a cycle later, minstret would count one more.)
  logic exit_write;
  assign exit_write = dmem_req_valid && !mmio_busy && ram_dreq_ready && dmem_req.we &&
                      dmem_req.be == 4'b1111 && dmem_req.addr == SOC_CTRL_BASE + SOC_CTRL_EXIT &&
                      dmem_req.wdata[0];
  always_ff @(posedge clk_i or negedge core_rst_n) begin
    if (!core_rst_n) exited_q <= 1'b0;
    else if (exit_write) exited_q <= 1'b1;
  end
  soc_timer #(.Ice40Dsp(CountersInDsp)) u_timer (
    .clk_i, .rst_ni, .sel_i(dev_sel[1]), .we_i(mmio_we), .offset_i(mmio_addr[11:0]),
    .wdata_i(mmio_wdata), .rdata_o(timer_rdata), .mtime_o(mtime), .irq_timer_o(irq_timer),
    .irq_software_o(irq_software)
  );
  soc_ctrl #(.CoreKind(CoreKind), .ClockHz(ClockHz), .RamSize(RamSize)) u_ctrl (
    .clk_i, .rst_ni, .sel_i(dev_sel[2]), .we_i(mmio_we), .offset_i(mmio_addr[11:0]),
    .wdata_i(mmio_wdata), .rdata_o(ctrl_rdata), .irq_external_o(irq_ctrl),
    .exit_valid_o(sim_exit_valid_o), .exit_code_o(sim_exit_code_o), .leds_o(led_o),
    .buttons_i(btn_i)
  );
  assign irq_external = irq_ctrl || irq_uart;

  // Each device answers zero unless it was selected: the answer is their OR.
  assign mmio_rdata = uart_rdata | timer_rdata | ctrl_rdata;

  // One response per accepted request, in order. The D$ takes a request in the cycle it finds a
  // miss, so an MMIO access can come while a D$ request is still unanswered: its response (data
  // kept in mmio_hold_q) then waits until the D$ has answered. Otherwise MMIO answers two cycles
  // after the request (one without caches); no request is taken meanwhile, so no RAM response
  // can come then. (RegDataReq: two cycles, and a request may be taken in the cycle between; a
  // RAM store's answer then waits a cycle, see g_rsp_q.)
  logic        mmio_rsp_valid;
  logic [31:0] mmio_hold_q;
  assign mmio_rsp_valid = (mmio_rsp_valid_q || mmio_late_q) && !ram_rsp_pending;
  always_ff @(posedge clk_i) begin
    if (mmio_rsp_valid_q) mmio_hold_q <= mmio_rdata;
  end
  logic [31:0] mmio_rsp_rdata;
  assign mmio_rsp_rdata = mmio_rsp_valid ? (mmio_late_q ? mmio_hold_q : mmio_rdata) : 32'd0;
  assign dmem_rsp_valid = mmio_rsp_valid || mem_rsp_valid;
  // The D$ answers zero when it does not answer: an OR, one gate on its late block RAM data.
  assign dmem_rsp_rdata = UseCaches ? (mmio_rsp_rdata | mem_rsp_rdata)
                                    : (mmio_rsp_valid ? mmio_rsp_rdata : mem_rsp_rdata);

  // ---- performance counters ----
  logic [HPM_EVENT_COUNT-1:0][EventCountW-1:0] soc_events;  // the caches', in step with the core's
  if (EventsRegistered) begin : g_soc_events_q
    always_ff @(posedge clk_i or negedge core_rst_n) begin
      if (!core_rst_n) soc_events <= '0;
      else soc_events <= cache_events;
    end
  end else begin : g_soc_events
    assign soc_events = cache_events;
  end
  always_comb begin
    events = core_events | soc_events;
    events[HPM_EV_NONE] = '0;
    events[HPM_EV_CYCLES] = EventCountW'(1);
  end
  assign sim_events_o = events;
  hpm_counters #(
    .NumHpm(NumHpm), .ShadowBram(CounterShadowBram), .Ice40Dsp(CountersInDsp),
    .OooResetEvents(CoreKind == SOC_CORE_OOO), .RegRead(CntRegRead),
    .EventsRegistered(EventsRegistered)
  ) u_counters (
    .clk_i, .rst_ni(core_rst_n), .events_i(events), .mtime_i(mtime), .csr_addr_i(cnt_addr),
    .csr_hit_o(cnt_hit), .csr_rdata_o(cnt_rdata), .csr_we_i(cnt_we), .csr_wdata_i(cnt_wdata),
    .dbg_snapshot_i(dbg_cnt_snapshot), .dbg_idx_i(dbg_cnt_idx), .dbg_count_o(dbg_cnt_value),
    .dbg_event_o(dbg_cnt_event), .dbg_zero_i(dbg_cnt_zero), .dbg_freeze_i(dbg_cnt_freeze || exited_q)
  );

  // ---- trace ----
  for (genvar c = 0; c < RetireWidth; c++) begin : g_trace
    assign rvfi_valid_o[c] = rvfi[c].valid;
    assign rvfi_order_o[c] = rvfi[c].order;
    assign rvfi_insn_o[c] = rvfi[c].insn;
    assign rvfi_trap_o[c] = rvfi[c].trap;
    assign rvfi_intr_o[c] = rvfi[c].intr;
    assign rvfi_rs1_addr_o[c] = rvfi[c].rs1_addr;
    assign rvfi_rs2_addr_o[c] = rvfi[c].rs2_addr;
    assign rvfi_rs1_rdata_o[c] = rvfi[c].rs1_rdata;
    assign rvfi_rs2_rdata_o[c] = rvfi[c].rs2_rdata;
    assign rvfi_rd_addr_o[c] = rvfi[c].rd_addr;
    assign rvfi_rd_wdata_o[c] = rvfi[c].rd_wdata;
    assign rvfi_pc_rdata_o[c] = rvfi[c].pc_rdata;
    assign rvfi_pc_wdata_o[c] = rvfi[c].pc_wdata;
    assign rvfi_mem_addr_o[c] = rvfi[c].mem_addr;
    assign rvfi_mem_rmask_o[c] = rvfi[c].mem_rmask;
    assign rvfi_mem_wmask_o[c] = rvfi[c].mem_wmask;
    assign rvfi_mem_rdata_o[c] = rvfi[c].mem_rdata;
    assign rvfi_mem_wdata_o[c] = rvfi[c].mem_wdata;
  end
  assign irq_trace_valid_o = irq_trace.valid;
  assign irq_trace_cause_o = irq_trace.cause;
  assign irq_trace_epc_o = irq_trace.epc;
endmodule
