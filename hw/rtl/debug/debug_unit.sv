// The hardware debug/loader unit: the device side of the host link (docs/protocol.md), in RTL and
// without firmware, so it works whatever the core does. It owns the board's UART; it loads and
// reads the main RAM as a bus master of its own, holds/releases/halts the core, reads the counter
// block's one-cycle snapshot and carries the program's console, raw when detached and in CONSOLE
// frames when a host is attached.
//
//   uart_rx -> debug_frame_rx (slip_rx, crc32_serial) -> frame buffer (ram_2p ring, BufWords)
//           -> debug_exec (debug_core_ctrl, debug_session) -> debug_tx_arb (slip_tx) -> uart_tx
//
// Ports (all synchronous to clk_i; rst_ni asynchronous, active low):
//   uart_rx_i, uart_tx_o   the board's serial pins, 8N1, ClksPerBit (>= 2) clock cycles per bit.
//   prog_tx_*              the program's output bytes (the soc_uart transmit FIFO's output),
//                          valid/ready, data held while valid && !ready.
//   prog_tx_idle_o         no console byte of ours is in flight (for soc_uart's TX_IDLE).
//   prog_rx_*              bytes for the program's receive FIFO. prog_rx_ready_i is the FIFO's
//                          "has room"; a byte offered while it is low is not taken and may be
//                          withdrawn (CONSOLE_IN stops there; raw console bytes overrun as on a
//                          plain UART).
//   core_hold_o            keep the core in reset; core_halt_o withhold its memory ports;
//   start_pc_o             where it starts when released (boot pc).
//   exit_valid_i/_code_i   the SoC control block's exit pulse and code (zero-extended). The
//                          code must stay until the next exit pulse (soc_ctrl's exit register
//                          does): the unit reports it (STATUS, EXITED) without a copy of its own.
//   ram_*                  main RAM master: ram_addr_o is a byte offset into the RAM, word
//                          aligned; ram_we_o / ram_re_o with address and data are held until
//                          ram_ready_i; read data is on ram_rdata_i the cycle after the read is
//                          taken. Writes only while core_hold_o. One access at a time.
//   cnt_snapshot_o         pulse: the counter block copies every counter and its event number
//                          into shadow registers at this clock edge.
//   cnt_idx_o              counter index (CSR number - 0xB00: 0 mcycle, 2 minstret, 3.. hpm);
//   cnt_value_i/_event_i   that counter's shadow value and event number, combinational.
//   cnt_zero_o             pulse: zero every counter. cnt_freeze_o: level, no counter counts.
//   mtime_i                the timer's mtime (STATUS).
//   attached_o             a host session is open (for an LED).
module debug_unit
  import debug_pkg::*;
#(
  parameter int unsigned ClksPerBit = 434,
  parameter logic [31:0] ClockHz = 32'd50_000_000,
  parameter logic [31:0] Baud = ClockHz / ClksPerBit,  // reported by IDENTIFY
  parameter logic [31:0] RamBase = 32'h8000_0000,
  parameter logic [31:0] RamSize = 32'h0001_0000,
  parameter logic [7:0]  CoreKind = 8'd1,               // 0 ISS, 1 pipe, 2 ooo
  parameter int unsigned NumHpm = 8,
  parameter logic [31:0] Misa = 32'h4000_1100,
  parameter int unsigned LineWords = 4,
  parameter bit          HasCaches = 1'b1,
  parameter int unsigned AttachTimeoutCycles = 5 * ClockHz,
  parameter int unsigned IdleCycles = 64 * 10 * ClksPerBit,  // see debug_frame_rx
  parameter int unsigned BufWords = 512,                 // frame buffer, power of two, >= 512
  parameter int unsigned JobDepth = 4,                   // queued frames, power of two, >= 2
  parameter bit          HoldAtReset = 1'b0              // 0: the core runs from RamBase at reset
) (
  input  logic        clk_i,
  input  logic        rst_ni,
  input  logic        uart_rx_i,
  output logic        uart_tx_o,
  input  logic        prog_tx_valid_i,
  input  logic [7:0]  prog_tx_data_i,
  output logic        prog_tx_ready_o,
  output logic        prog_tx_idle_o,
  output logic        prog_rx_valid_o,
  output logic [7:0]  prog_rx_data_o,
  input  logic        prog_rx_ready_i,
  output logic        core_hold_o,
  output logic        core_halt_o,
  output logic [31:0] start_pc_o,
  input  logic        exit_valid_i,
  input  logic [31:0] exit_code_i,
  output logic        ram_we_o,
  output logic        ram_re_o,
  output logic [31:0] ram_addr_o,
  output logic [31:0] ram_wdata_o,
  input  logic [31:0] ram_rdata_i,
  input  logic        ram_ready_i,
  output logic        cnt_snapshot_o,
  output logic [4:0]  cnt_idx_o,
  input  logic [63:0] cnt_value_i,
  input  logic [7:0]  cnt_event_i,
  output logic        cnt_zero_o,
  output logic        cnt_freeze_o,
  input  logic [63:0] mtime_i,
  output logic        attached_o
);
  localparam int unsigned BufAw = $clog2(BufWords);

  // ---- receive ----
  logic       rx_valid;
  logic [7:0] rx_data;
  uart_rx #(.ClksPerBit(ClksPerBit)) u_uart_rx (
    .clk_i, .rst_ni, .rx_i(uart_rx_i), .valid_o(rx_valid), .data_o(rx_data)
  );

  logic             detached, exec_idle, pass_valid, valid_frame;
  logic [7:0]       pass_data;
  logic [3:0]       buf_we;
  logic [BufAw-1:0] buf_waddr, buf_raddr;
  logic [31:0]      buf_wdata, buf_rdata, buf_unused_rdata;
  logic             buf_re;
  logic             job_valid, job_fwd, job_raw, job_done;
  logic [BufAw-1:0] job_base;
  logic [LEN_W-1:0] job_len;

  logic idle_count, idle_fire;
  debug_frame_rx #(.BufWords(BufWords), .JobDepth(JobDepth)) u_frame_rx (
    .clk_i, .rst_ni, .rx_valid_i(rx_valid), .rx_data_i(rx_data), .attached_i(attached_o),
    .detached_i(detached), .exec_idle_i(exec_idle), .idle_count_o(idle_count),
    .idle_fire_i(idle_fire), .pass_valid_o(pass_valid),
    .pass_data_o(pass_data), .valid_frame_o(valid_frame), .buf_we_o(buf_we),
    .buf_waddr_o(buf_waddr), .buf_wdata_o(buf_wdata), .job_valid_o(job_valid),
    .job_base_o(job_base), .job_len_o(job_len), .job_fwd_o(job_fwd), .job_raw_o(job_raw),
    .job_done_i(job_done)
  );

  // The frame buffer: port B written by the receiver, port A read by the executor. The executor
  // reads only queued jobs and the receiver writes only past them, so they never collide.
  ram_2p #(.Depth(BufWords), .RwCollision(1'b0)) u_frame_buf (
    .clk_i, .a_en_i(buf_re), .a_addr_i(buf_raddr), .a_rdata_o(buf_rdata),
    .b_en_i(buf_we != 4'b0000), .b_we_i(buf_we), .b_addr_i(buf_waddr), .b_wdata_i(buf_wdata),
    .b_rdata_o(buf_unused_rdata)
  );

  // ---- execute ----
  logic         attach, detach, act_valid, act_ok, start_valid, exited, exit_pending, exit_sent;
  core_action_e act;
  core_state_e  core_state;
  logic [31:0]  start_pc;
  logic [1:0]   exit_sel;
  logic [7:0]   exit_byte;
  logic         resp_req, resp_valid, resp_end, resp_ready, resp_done;
  logic [7:0]   resp_data;
  logic         exec_rx_valid;
  logic [7:0]   exec_rx_data;

  debug_exec #(
    .BufWords(BufWords), .RamBase(RamBase), .RamSize(RamSize),
    .ClockHz(ClockHz), .Baud(Baud), .Misa(Misa), .CoreKind(CoreKind), .NumHpm(NumHpm),
    .LineWords(LineWords), .HasCaches(HasCaches)
  ) u_exec (
    .clk_i, .rst_ni, .job_valid_i(job_valid), .job_base_i(job_base), .job_len_i(job_len),
    .job_fwd_i(job_fwd), .job_raw_i(job_raw), .job_done_o(job_done), .idle_o(exec_idle),
    .buf_re_o(buf_re),    .buf_raddr_o(buf_raddr), .buf_rdata_i(buf_rdata), .attached_i(attached_o),
    .attach_o(attach), .detach_o(detach), .resp_req_o(resp_req), .resp_valid_o(resp_valid),
    .resp_data_o(resp_data), .resp_end_o(resp_end), .resp_ready_i(resp_ready),
    .resp_done_i(resp_done), .prog_rx_valid_o(exec_rx_valid), .prog_rx_data_o(exec_rx_data),
    .prog_rx_ready_i, .act_valid_o(act_valid), .act_o(act), .act_ok_i(act_ok),
    .start_valid_o(start_valid), .start_pc_o(start_pc), .state_i(core_state),
    .exit_sel_o(exit_sel), .exit_byte_i(exit_byte), .mtime_i, .ram_we_o, .ram_re_o, .ram_addr_o,
    .ram_wdata_o, .ram_rdata_i, .ram_ready_i, .cnt_snapshot_o, .cnt_idx_o, .cnt_value_i,
    .cnt_event_i, .cnt_zero_o, .cnt_freeze_o
  );

  debug_core_ctrl #(.ResetPc(RamBase), .RamSize(RamSize), .HoldAtReset(HoldAtReset)) u_core_ctrl (
    .clk_i, .rst_ni, .act_valid_i(act_valid), .act_i(act), .act_ok_o(act_ok),
    .start_valid_i(start_valid), .start_pc_i(start_pc), .exit_valid_i,
    .state_o(core_state), .exited_o(exited), .start_pc_o,
    .core_hold_o, .core_halt_o
  );

  debug_session #(.AttachTimeoutCycles(AttachTimeoutCycles), .IdleCycles(IdleCycles)) u_session (
    .clk_i, .rst_ni, .attach_i(attach || valid_frame), .detach_i(detach),
    .activity_i(valid_frame || !exec_idle), .exited_i(exited), .exit_sent_i(exit_sent),
    .idle_count_i(idle_count), .idle_fire_o(idle_fire),
    .attached_o, .detached_o(detached), .exit_pending_o(exit_pending)
  );

  // Raw bytes pass only while the executor is idle, so the two never offer a byte together.
  assign prog_rx_valid_o = pass_valid || exec_rx_valid;
  assign prog_rx_data_o = pass_valid ? pass_data : exec_rx_data;

  // ---- transmit ----
  logic       tx_valid, tx_ready, arb_idle;
  logic [7:0] tx_data;
  debug_tx_arb u_tx_arb (
    .clk_i, .rst_ni, .attached_i(attached_o), .resp_req_i(resp_req), .resp_valid_i(resp_valid),
    .resp_data_i(resp_data), .resp_end_i(resp_end), .resp_ready_o(resp_ready),
    .resp_done_o(resp_done), .exit_pending_i(exit_pending), .exit_code_i,
    .resp_exit_sel_i(exit_sel), .exit_byte_o(exit_byte),
    .exit_sent_o(exit_sent), .prog_tx_valid_i, .prog_tx_data_i, .prog_tx_ready_o,
    .tx_valid_o(tx_valid), .tx_data_o(tx_data), .tx_ready_i(tx_ready), .idle_o(arb_idle)
  );
  uart_tx #(.ClksPerBit(ClksPerBit)) u_uart_tx (
    .clk_i, .rst_ni, .valid_i(tx_valid), .ready_o(tx_ready), .data_i(tx_data), .tx_o(uart_tx_o)
  );
  assign prog_tx_idle_o = arb_idle && tx_ready;

  logic [31:0] unused_buf_rdata;
  assign unused_buf_rdata = buf_unused_rdata;
endmodule
