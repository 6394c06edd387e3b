// The debug unit's command executor (docs/protocol.md, commands): takes the receiver's queued jobs
// in order. A valid frame attaches the session, is checked and executed, its buffer space is
// released as soon as its payload has been used, and its response is streamed to the transmit
// side byte by byte (READ_MEM data straight from the main RAM, READ_COUNTERS from the counter
// block's snapshot), so no response buffer is needed; the next job starts once the response is on
// the line. A forward job (detached: bytes that were not a valid frame) hands its bytes to the
// program, one every 3 cycles; a byte the program's FIFO has no room for is dropped, as a plain
// UART would overrun, so forwarding takes a bounded time whatever the program does. A session
// (a valid frame received) ends forwarding: the rest of the job and queued forward jobs are
// dropped.
//
// Responses: status first; on a non-zero status the payload is the status byte alone. Checks, in
// order: length and arguments (2), address (3), core state (4). RamBase must be a multiple of
// 2^$clog2(RamSize), so an address is in RAM when its high bits match and its offset fits;
// RamSize must be at least 2 KiB (see the range check).
module debug_exec
  import debug_pkg::*;
#(
  parameter int unsigned BufWords = 512,
  parameter logic [31:0] RamBase = 32'h8000_0000,
  parameter logic [31:0] RamSize = 32'h0001_0000,
  parameter logic [31:0] ClockHz = 32'd50_000_000,
  parameter logic [31:0] Baud = 32'd115_200,
  parameter logic [31:0] Misa = 32'h4000_1100,
  parameter logic [7:0]  CoreKind = 8'd1,
  parameter int unsigned NumHpm = 8,
  parameter int unsigned LineWords = 4,
  parameter bit          HasCaches = 1'b1,
  localparam int unsigned BufAw = $clog2(BufWords),
  localparam int unsigned AddrW = $clog2(RamSize)  // RAM byte offsets
) (
  input  logic             clk_i,
  input  logic             rst_ni,
  // the receiver's job queue (see debug_frame_rx)
  input  logic             job_valid_i,
  input  logic [BufAw-1:0] job_base_i,
  input  logic [LEN_W-1:0] job_len_i,
  input  logic             job_fwd_i,
  input  logic             job_raw_i,
  output logic             job_done_o,       // pulse: release the oldest job and its buffer space
  output logic             idle_o,
  // frame buffer read port (data one cycle after buf_re_o, then held)
  output logic             buf_re_o,
  output logic [BufAw-1:0] buf_raddr_o,
  input  logic [31:0]      buf_rdata_i,
  // session
  input  logic             attached_i,
  output logic             attach_o,         // pulse: a valid frame is being executed
  output logic             detach_o,         // pulse: the DETACH response is on the line
  // responses to the transmit side
  output logic             resp_req_o,
  output logic             resp_valid_o,
  output logic [7:0]       resp_data_o,
  output logic             resp_end_o,
  input  logic             resp_ready_i,
  input  logic             resp_done_i,
  // bytes for the program's receive FIFO
  output logic             prog_rx_valid_o,
  output logic [7:0]       prog_rx_data_o,
  input  logic             prog_rx_ready_i,
  // core control
  output logic             act_valid_o,
  output core_action_e     act_o,
  input  logic             act_ok_i,
  output logic             start_valid_o,
  output logic [31:0]      start_pc_o,
  input  core_state_e      state_i,
  output logic [1:0]       exit_sel_o,       // STATUS: the exit code byte wanted ...
  input  logic [7:0]       exit_byte_i,      // ... and that byte (debug_tx_arb's mux)
  input  logic [63:0]      mtime_i,
  // main RAM (byte offsets; request held until ram_ready_i; read data the cycle after)
  output logic             ram_we_o,
  output logic             ram_re_o,
  output logic [31:0]      ram_addr_o,
  output logic [31:0]      ram_wdata_o,
  input  logic [31:0]      ram_rdata_i,
  input  logic             ram_ready_i,
  // performance counters
  output logic             cnt_snapshot_o,
  output logic [4:0]       cnt_idx_o,
  input  logic [63:0]      cnt_value_i,
  input  logic [7:0]       cnt_event_i,
  output logic             cnt_zero_o,
  output logic             cnt_freeze_o
);
  typedef enum logic [3:0] {
    XIdle, XFwdRead, XFwdPick, XFwdPush, XHead, XArg0, XArg1, XCheck, XDecode, XWrRead,
    XWrHold, XWrWrite, XCinRead, XCinPush, XCapture, XResp
  } state_e;
  // Where response bytes after the status come from.
  typedef enum logic [2:0] {SrcNone, SrcIdent, SrcStatus, SrcByte, SrcRam, SrcCnt} src_e;

  state_e           state_q;
  logic [BufAw-1:0] rp_q;          // the frame buffer word read next (walks through the job)
  logic [7:0]       cmd_q, seq_q;
  logic [LEN_W-1:0] plen_q;        // payload bytes; forward jobs: the last body byte's index
  logic [31:0]      arg0_q;        // payload word 0; STATUS: mtime's high half (see XCapture)
  logic [15:0]      arg1_q;        // READ_MEM: payload word 1's low half (len); else plen_q
  logic [7:0]       status_q;
  src_e             src_q;
  logic [LEN_W-1:0] rlast_q, ridx_q;  // the response body's last byte (without CRC), bytes taken
  logic             rdone_q;       // ridx_q is past rlast_q: the response body is all taken
  logic             rdata_q;       // ridx_q >= 3: the data bytes (after the status) are being sent
  logic [AddrW-1:0] maddr_q;       // RAM byte offset
  logic [31:0]      word_q;        // READ_MEM: the word being sent; STATUS: mtime's low half
  logic             word_ok_q, rd_pend_q;
  logic [4:0]       cidx_q;        // READ_COUNTERS: counter sent (CSR number - 0xB00)
  logic [2:0]       cbyte_q;       // ... its byte sent
  logic             cev_q;         // ... its event byte is sent (hpm counters, before the count)
  // forward: body byte; WRITE_MEM: data words written; CONSOLE_IN: payload byte, then the bytes
  // accepted (the response byte); CORE_CTRL, STATUS: the core state (XCapture)
  logic [LEN_W-1:0] fidx_q;
  logic             fesc_q;        // forward: the ESC of a stuffed byte went out
  // The job is a forward job: registered in XIdle, so that the next state is chosen in XHead
  // from a flop, not from the job RAM's late output (a forward job's first word is read from
  // XHead on, as its rp_q is the base word).
  logic             fwd_q;
  logic             detach_after_q, freeze_q;

  // ---- the build descriptor (IDENTIFY), byte 0 first ----
  localparam logic [31:0][7:0] Ident = {
    16'd0, 8'(HasCaches), 8'(LineWords), Baud, RamSize, RamBase, ClockHz, Misa,
    16'(hpm_events_pkg::HPM_EVENTS_VERSION), 8'(NumHpm), CoreKind,
    soc_map_pkg::SOC_DESCRIPTOR_VERSION[15:0], PROTO_VERSION
  };
  localparam logic [LEN_W-1:0] IdentLast = LEN_W'(3 + 30 - 1);
  localparam logic [LEN_W-1:0] CntLast = LEN_W'(3 + 16 + 9 * NumHpm - 1);

  // ---- argument checks (valid in XCheck) ----
  // Payload word 1 (READ_MEM's len) is registered (XArg1) rather than taken from the buffer's
  // read data: the block RAM's clock-to-output delay ahead of the range adder and the status mux
  // was the ECP5 build's critical path. For the other commands arg1_q takes the payload length
  // instead (word 1 is WRITE_MEM's data, checked elsewhere), so the range adder adds arg1_q for
  // both READ_MEM and WRITE_MEM: the command is decoded in XArg1, not ahead of the adder.
  logic [15:0]      arg1;
  logic [AddrW-1:0] off;
  logic             in_ram, aligned, wr_in_ram, rd_in_ram, start_in_ram, rd_len_ok, len0, len1;
  assign arg1 = arg1_q;
  assign off = arg0_q[AddrW-1:0];
  assign in_ram = (arg0_q[31:AddrW] == RamBase[31:AddrW]);
  assign aligned = (arg0_q[1:0] == 2'b00);
  // An access of n <= 1020 bytes (checked before the address) at an aligned offset ends inside the
  // RAM unless the offset is in the top KiB, so only the offset's low 10 bits are added: one 10-bit
  // adder instead of a full-width one per command. READ_MEM: off + len <= 1 KiB in that KiB;
  // WRITE_MEM: off + plen - 4 <= 1 KiB, i.e. off + plen <= 1 KiB + 4 (in words: 256, 257).
  logic       top_kib, is_read;
  logic [9:0] kib_end;  // words
  assign is_read = (cmd_q == CMD_READ_MEM);
  assign top_kib = &off[AddrW-1:10];
  assign kib_end = 10'(off[9:2]) + 10'(arg1[10:2]);
  // Comparisons with constants are written as bit tests here and below: Yosys builds a carry
  // chain for a <= or <, which costs a logic cell per bit on the iCE40.
  logic kib_le256, kib_le257;  // kib_end <= 256, <= 257 (kib_end < 512)
  assign kib_le256 = !kib_end[9] && (!kib_end[8] || kib_end[7:0] == 8'd0);
  assign kib_le257 = !kib_end[9] && (!kib_end[8] || kib_end[7:1] == 7'd0);
  assign wr_in_ram = in_ram && aligned && (!top_kib || kib_le257);
  assign rd_in_ram = in_ram && aligned && (!top_kib || kib_le256);
  assign start_in_ram = in_ram && aligned;
  // 4 <= len <= MAX_READ, a multiple of 4: as MAX_READ + 4 is a power of two (1024), the
  // multiples of 4 below it but 0.
  localparam int unsigned ReadW = $clog2(MAX_READ + 4);
  assign rd_len_ok = arg1[ReadW-1:2] != '0 && arg1[15:ReadW] == '0 && arg1[1:0] == 2'b00;
  assign len0 = (plen_q == '0);
  assign len1 = (plen_q == LEN_W'(1));

  // dec_src and dec_rlast are the command's, whatever its status: XDecode replaces them for a
  // failed check (the status byte alone), so the status does not feed them (see dec_ok_q).
  logic [7:0]       dec_status;
  src_e             dec_src;
  logic [LEN_W-1:0] dec_rlast;
  always_comb begin
    dec_status = ST_OK;
    dec_src = SrcNone;
    dec_rlast = LEN_W'(2);
    unique case (cmd_q)
      CMD_IDENTIFY: begin
        dec_status = len0 ? ST_OK : ST_BAD_LEN;
        dec_src = SrcIdent;
        dec_rlast = IdentLast;
      end
      CMD_WRITE_MEM: begin
        if (plen_q[LEN_W-1:3] == '0 || plen_q[1:0] != 2'b00) dec_status = ST_BAD_LEN;  // < 8
        else if (!wr_in_ram) dec_status = ST_BAD_ADDR;
        else if (state_i != CoreHeld) dec_status = ST_BAD_STATE;
      end
      CMD_READ_MEM: begin
        if (plen_q != LEN_W'(6) || !rd_len_ok) dec_status = ST_BAD_LEN;
        else if (!rd_in_ram) dec_status = ST_BAD_ADDR;
        dec_src = SrcRam;
        dec_rlast = {arg1[LEN_W-1:2], 2'b10};  // 3 + len - 1: len is a multiple of 4 if ok
      end
      CMD_CORE_CTRL: begin
        if (!len1 || arg0_q[7:2] != 6'd0) dec_status = ST_BAD_LEN;
        else if (!act_ok_i) dec_status = ST_BAD_STATE;
        dec_src = SrcByte;
        dec_rlast = LEN_W'(3);
      end
      CMD_SET_START: begin
        if (plen_q != LEN_W'(4)) dec_status = ST_BAD_LEN;
        else if (!start_in_ram) dec_status = ST_BAD_ADDR;
      end
      CMD_STATUS: begin
        dec_status = len0 ? ST_OK : ST_BAD_LEN;
        dec_src = SrcStatus;
        dec_rlast = LEN_W'(3 + 13 - 1);
      end
      CMD_READ_COUNTERS: begin
        dec_status = len0 ? ST_OK : ST_BAD_LEN;
        dec_src = SrcCnt;
        dec_rlast = CntLast;
      end
      CMD_COUNTERS_CTRL:  // action <= 2
        dec_status = (len1 && arg0_q[7:2] == 6'd0 && arg0_q[1:0] != 2'd3) ? ST_OK : ST_BAD_LEN;
      CMD_ATTACH, CMD_DETACH: dec_status = len0 ? ST_OK : ST_BAD_LEN;
      CMD_CONSOLE_IN: begin
        // 1 <= plen <= CONSOLE_MAX (64)
        dec_status = (plen_q != '0 && plen_q[LEN_W-1:7] == '0 && (!plen_q[6] || plen_q[5:0] == '0))
                     ? ST_OK : ST_BAD_LEN;
        dec_src = SrcByte;
        dec_rlast = LEN_W'(3);
      end
      default: dec_status = ST_UNKNOWN;
    endcase
  end
  // The checks end in registers (XCheck: status_q, src_q, rlast_q, dec_ok_q) and XDecode acts on
  // them: the compares and the range adder ahead of the actions' wide enables (the counter
  // snapshot, the job release) were a critical path. A core state checked in XCheck may change
  // before XDecode (an exit), as it may right after the action: debug_core_ctrl checks again.
  logic dec_ok_q;  // status_q == ST_OK, in a flop of its own: the enables start from one bit

  // ---- the job's bytes in the ring: body byte i at byte 4 * base + 2 + i ----
  // rp_q walks the job's words instead of adding offsets to its base: forward jobs start at the
  // base word (body bytes 0 and 1 in its top half), commands at base + 1 (the first argument word)
  // and WRITE_MEM data at base + 2. A CONSOLE_IN payload byte i is in lane i mod 4.
  logic [1:0]       flane;  // forward: lane of body byte fidx_q
  logic [BufAw-1:0] rp_next;
  logic             fspecial;
  logic [7:0]       fbyte;   // forward / CONSOLE_IN: the byte for the program, from the word read
  // Forward: the byte and whether it needs stuffing, taken in XFwdPick, so that the decisions of
  // XFwdPush (job done, the byte sent) start from flops, not from the block RAM's late output.
  logic [7:0]       fbyte_q;
  logic             fspecial_q;
  logic [1:0]       blane;
  // The buffer's read data holds until the next read, so the byte is taken from it directly.
  assign blane = (state_q == XCinPush) ? fidx_q[1:0] : flane;
  assign fbyte = buf_rdata_i[8 * blane +: 8];
  assign flane = fidx_q[1:0] + 2'd2;
  assign rp_next = rp_q + BufAw'(1);
  assign fspecial = !job_raw_i && (fbyte == SLIP_END || fbyte == SLIP_ESC);

  // ---- response bytes ----
  // Data bytes are picked by the response byte index ridx_q itself (data byte i is response byte
  // i + 3), with the sources laid out to suit: the IDENTIFY table is rotated by 3; STATUS sends
  // its state at 3, the exit code at 4..7 and mtime at 8..15 from {arg0_q, word_q} (free by then,
  // so mtime needs no register of its own), byte ridx_q mod 8; READ_MEM keeps the RAM word in
  // word_q rotated by a byte, so its byte is ridx_q mod 4 too, through the same mux.
  // The IDENTIFY table sits in a block RAM (as a mux of constants it costs ~30 logic cells),
  // read at ridx_q. A counter byte is registered too (cnt_byte_q), so the counter block's read
  // mux and the byte select end here instead of running on into the framer. Both are ready
  // the cycle after their index moved (moved_q).
  (* ram_style = "block" *) logic [7:0] ident_rom [32];
  initial begin
    for (int i = 0; i < 32; i++) ident_rom[i] = Ident[(i + 29) % 32];  // data byte i - 3
  end
  logic [7:0] ident_q, cnt_byte_q;
  // A byte taken (resp_take) moves the indices a cycle later (take_q), and nothing is offered
  // in that cycle: the decisions behind resp_valid_o and the framer's ready end in one flip-flop
  // instead of running on into every register that moves with a byte. The framer takes a byte
  // at most every 9 cycles (its CRC engine needs 8 per byte), so the wait costs no time.
  logic       take_q, moved_q;
  always_ff @(posedge clk_i) begin
    ident_q <= ident_rom[ridx_q[4:0]];
    cnt_byte_q <= cev_q ? cnt_event_i : cnt_value_i[8 * cbyte_q +: 8];
  end
  logic [7:0]      dbyte, wbyte, resp_byte, resp_byte_q;
  logic            dready, resp_ok_q;
  logic [7:0][7:0] wide;
  assign wide = {arg0_q, word_q};
  assign wbyte = wide[{src_q == SrcStatus && ridx_q[2], ridx_q[1:0]}];
  // Without hpm counters only mcycle (0) and minstret (2) are read: constant index bits let
  // the counter block's read mux shrink.
  assign cnt_idx_o = (NumHpm == 0) ? {3'b000, cidx_q[1], 1'b0} : cidx_q;
  assign exit_sel_o = ridx_q[1:0];
  always_comb begin
    dready = 1'b1;
    unique case (src_q)
      SrcIdent: begin
        dbyte = ident_q;
        dready = !moved_q;
      end
      SrcStatus: begin
        if (ridx_q[3]) dbyte = wbyte;
        else if (ridx_q[2]) dbyte = exit_byte_i;
        else dbyte = fidx_q[7:0];
      end
      SrcByte: dbyte = fidx_q[7:0];
      SrcRam: begin
        dbyte = wbyte;
        dready = word_ok_q;
      end
      SrcCnt: begin
        dbyte = cnt_byte_q;
        dready = !moved_q;
      end
      default: dbyte = 8'h00;
    endcase
    if (rdata_q) begin
      resp_byte = dbyte;
    end else begin
      unique case (ridx_q[1:0])
        2'd0: resp_byte = cmd_q | 8'h80;
        2'd1: resp_byte = seq_q;
        default: resp_byte = status_q;
      endcase
    end
  end
  // The byte is offered from a register (resp_byte_q, with resp_ok_q saying it was ready): the
  // IDENTIFY ROM's late block RAM output and the source muxes ran on through the framer's byte
  // and CRC muxes. It is the byte of the cycle before, so after the indices moved (moved_q) the
  // byte is offered a cycle later than it is ready; the framer's pace leaves that cycle free.
  always_ff @(posedge clk_i) begin
    resp_byte_q <= resp_byte;
    resp_ok_q <= !rdata_q || dready;
  end
  assign resp_data_o = resp_byte_q;
  // Where ridx_q stands (rdata_q, rdone_q) is kept in flags, set as the bytes are taken: the
  // compares of ridx_q ahead of resp_valid_o ran on through the framer's ready into every
  // register that moves with a byte (the indices, the framer's byte and CRC).
  assign resp_req_o = (state_q == XResp);
  assign resp_end_o = (state_q == XResp) && !take_q && rdone_q;
  assign resp_valid_o = (state_q == XResp) && !take_q && !moved_q && !rdone_q && resp_ok_q;

  logic resp_take, word_done;
  assign resp_take = resp_valid_o && resp_ready_i;
  assign word_done = take_q && src_q == SrcRam && rdata_q && ridx_q[1:0] == 2'b10;

  logic [AddrW-1:0] maddr_next;
  assign maddr_next = maddr_q + AddrW'(4);

  // WRITE_MEM: fidx_q is the last data word's index. Registered from XWrRead, which comes before
  // every XWrWrite (fidx_q moves only as XWrWrite ends), so the RAM's late ready meets one flop
  // in XWrWrite instead of the subtraction and compare.
  logic wr_last_q;
  always_ff @(posedge clk_i) wr_last_q <= fidx_q[8:0] == plen_q[10:2] - 9'd2;
  // With caches (the ECP5 boards, whose main RAM's block RAMs lie all over the chip) the RAM's
  // write data comes from a register, not straight from the frame buffer's block RAM output:
  // XWrHold takes the buffer word (one cycle more per word; the UART is far slower anyway).
  logic [31:0] wr_data_q;
  always_ff @(posedge clk_i) begin
    if (state_q == XWrHold) wr_data_q <= buf_rdata_i;
  end

  // ---- outputs by state ----
  // A job is released (job_done_o) the cycle after the executor is done with it (job_end), from
  // a flip-flop: the decisions behind job_end (the queue head's kind read from block RAM, the
  // program FIFO's room, the word counts) ran on into the receiver's queue pointer and the
  // address of its job RAM. In that cycle the receiver still offers the job, so XIdle waits.
  logic job_end;   // the job is done with: release it
  always_comb begin
    buf_re_o = 1'b0;
    buf_raddr_o = rp_q;
    job_end = 1'b0;
    attach_o = 1'b0;
    act_valid_o = 1'b0;
    act_o = core_action_e'(arg0_q[1:0]);
    start_valid_o = 1'b0;
    start_pc_o = arg0_q;
    cnt_snapshot_o = 1'b0;
    cnt_zero_o = 1'b0;
    prog_rx_valid_o = 1'b0;
    prog_rx_data_o = fbyte;
    ram_we_o = 1'b0;
    ram_re_o = 1'b0;
    ram_addr_o = 32'(maddr_q);
    ram_wdata_o = HasCaches ? wr_data_q : buf_rdata_i;
    unique case (state_q)
      XIdle: begin
        buf_re_o = job_valid_i;  // the word with cmd and seq (forward: body bytes 0 and 1)
        buf_raddr_o = job_base_i;
      end
      XFwdRead: buf_re_o = 1'b1;
      XFwdPush: begin
        prog_rx_valid_o = 1'b1;
        if (fesc_q) prog_rx_data_o = (fbyte_q == SLIP_END) ? SLIP_ESC_END : SLIP_ESC_ESC;
        else if (fspecial_q) prog_rx_data_o = SLIP_ESC;
        else prog_rx_data_o = fbyte_q;
        // Not waiting for room: a byte the FIFO cannot take is lost. A session ends it all.
        job_end = attached_i || (!(fspecial_q && !fesc_q) && fidx_q == plen_q);
      end
      XHead: begin
        buf_re_o = 1'b1;
        job_end = fwd_q && attached_i;  // attached: a forward job is dropped, not forwarded
      end
      XArg0: begin
        buf_re_o = 1'b1;
        buf_raddr_o = rp_next;
      end
      XDecode: begin
        attach_o = 1'b1;
        act_valid_o = (cmd_q == CMD_CORE_CTRL) && dec_ok_q;
        start_valid_o = (cmd_q == CMD_SET_START) && dec_ok_q;
        cnt_snapshot_o = (cmd_q == CMD_READ_COUNTERS) && dec_ok_q;
        cnt_zero_o = (cmd_q == CMD_COUNTERS_CTRL) && dec_ok_q && arg0_q[1:0] == 2'd0;
        // The job's buffer space is free now unless its payload is still to be used.
        job_end = !(dec_ok_q && (cmd_q == CMD_WRITE_MEM || cmd_q == CMD_CONSOLE_IN));
      end
      XWrRead: buf_re_o = 1'b1;
      XWrWrite: begin
        ram_we_o = 1'b1;
        job_end = ram_ready_i && wr_last_q;
      end
      XCinRead: buf_re_o = 1'b1;
      XCinPush: begin
        prog_rx_valid_o = 1'b1;
        // plen_q <= CONSOLE_MAX (checked), so 7 bits compare; plen_q - 1 rather than fidx_q + 1,
        // whose adder (shared with the count) put a carry chain behind fidx_q on the way to job_end
        job_end = !prog_rx_ready_i || fidx_q[6:0] == plen_q[6:0] - 7'd1;
      end
      XResp: ram_re_o = (src_q == SrcRam) && !word_ok_q && !rd_pend_q && !rdone_q;
      default: ;
    endcase
  end

  // ---- sequencing ----
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      state_q <= XIdle;
      detach_after_q <= 1'b0;
      freeze_q <= 1'b0;
      word_ok_q <= 1'b0;
      rd_pend_q <= 1'b0;
      take_q <= 1'b0;
      moved_q <= 1'b0;
      detach_o <= 1'b0;
      job_done_o <= 1'b0;
    end else begin
      detach_o <= 1'b0;
      job_done_o <= job_end;
      take_q <= resp_take;
      moved_q <= take_q;
      unique case (state_q)
        XIdle: if (job_valid_i && !job_done_o) state_q <= XHead;
        XFwdRead: state_q <= XFwdPick;
        XFwdPick: state_q <= XFwdPush;
        XFwdPush: if (job_end) state_q <= XIdle;
          else if (!(fspecial_q && !fesc_q)) state_q <= XFwdRead;
        XHead: if (!fwd_q) state_q <= XArg0;
          else state_q <= attached_i ? XIdle : XFwdPick;  // the word at rp_q is being read
        XArg0: state_q <= XArg1;
        XArg1: state_q <= XCheck;
        XCheck: state_q <= XDecode;
        XDecode: begin
          word_ok_q <= 1'b0;
          rd_pend_q <= 1'b0;
          detach_after_q <= (cmd_q == CMD_DETACH) && dec_ok_q;
          if (cmd_q == CMD_COUNTERS_CTRL && dec_ok_q && arg0_q[1:0] != 2'd0)
            freeze_q <= (arg0_q[1:0] == 2'd1);
          if (dec_ok_q && cmd_q == CMD_WRITE_MEM) state_q <= XWrRead;
          else if (dec_ok_q && cmd_q == CMD_CONSOLE_IN) state_q <= XCinRead;
          else state_q <= XCapture;
        end
        XWrRead: state_q <= HasCaches ? XWrHold : XWrWrite;
        XWrHold: state_q <= XWrWrite;
        XWrWrite: if (ram_ready_i) state_q <= job_end ? XCapture : XWrRead;
        XCinRead: state_q <= XCinPush;
        XCinPush: if (job_end) state_q <= XResp;
          else if (prog_rx_ready_i && fidx_q[1:0] == 2'b11) state_q <= XCinRead;
        XCapture: state_q <= XResp;
        XResp: begin
          if (ram_re_o && ram_ready_i) rd_pend_q <= 1'b1;
          if (rd_pend_q) begin
            rd_pend_q <= 1'b0;
            word_ok_q <= 1'b1;
          end
          if (word_done) word_ok_q <= 1'b0;
          if (resp_done_i) begin
            state_q <= XIdle;
            detach_o <= detach_after_q;
          end
        end
        default: state_q <= XIdle;
      endcase
    end
  end

  // Datapath registers: meaningful only in the states that set them.
  always_ff @(posedge clk_i) begin
    unique case (state_q)
      XIdle: begin
        rp_q <= job_base_i + BufAw'(!job_fwd_i);
        plen_q <= job_len_i - (job_fwd_i ? LEN_W'(1) : LEN_W'(MIN_BODY));
        fwd_q <= job_fwd_i;
        fidx_q <= '0;
      end
      XFwdPick: begin
        fesc_q <= 1'b0;
        fbyte_q <= fbyte;
        fspecial_q <= fspecial;
      end
      XFwdPush: begin
        if (fspecial_q && !fesc_q) begin
          fesc_q <= 1'b1;
        end else begin
          fidx_q <= fidx_q + 1'b1;
          if (flane == 2'b11) rp_q <= rp_next;
        end
      end
      XHead: begin
        cmd_q <= buf_rdata_i[23:16];
        seq_q <= buf_rdata_i[31:24];
      end
      XArg0: arg0_q <= buf_rdata_i;
      XArg1: begin
        arg1_q <= buf_rdata_i[15:0];
        if (!is_read) arg1_q[10:0] <= plen_q;
      end
      XCheck: begin
        status_q <= dec_status;
        src_q <= dec_src;
        rlast_q <= dec_rlast;
        dec_ok_q <= (dec_status == ST_OK);
      end
      XDecode: begin
        if (!dec_ok_q) begin  // the response is the status byte alone
          src_q <= SrcNone;
          rlast_q <= LEN_W'(2);
        end
        ridx_q <= '0;
        rdone_q <= 1'b0;
        rdata_q <= 1'b0;
        maddr_q <= off;
        cidx_q <= '0;
        cbyte_q <= '0;
        cev_q <= 1'b0;
        fidx_q <= '0;
        if (cmd_q == CMD_WRITE_MEM) rp_q <= rp_next;
      end
      XWrWrite: if (ram_ready_i) begin
        maddr_q <= maddr_next;
        fidx_q <= fidx_q + 1'b1;
        rp_q <= rp_next;
      end
      XCinPush: begin
        if (prog_rx_ready_i) fidx_q <= fidx_q + 1'b1;
        if (prog_rx_ready_i && fidx_q[1:0] == 2'b11) rp_q <= rp_next;
      end
      XCapture: begin
        {arg0_q, word_q} <= mtime_i;
        fidx_q <= LEN_W'(state_i);
      end
      XResp: begin
        if (rd_pend_q) word_q <= {ram_rdata_i[7:0], ram_rdata_i[31:8]};  // byte 0 at lane 3
        if (take_q) begin
          ridx_q <= ridx_q + 1'b1;
          if (ridx_q[1]) rdata_q <= 1'b1;  // byte 2 (the status) taken: data from 3 on
          if (ridx_q == rlast_q) rdone_q <= 1'b1;
        end
        if (word_done) maddr_q <= maddr_next;
        // Counters in CSR order (mcycle 0, minstret 2, hpm 3..), each hpm counter's event byte
        // before its count.
        if (take_q && src_q == SrcCnt && rdata_q) begin
          if (cev_q) begin
            cev_q <= 1'b0;
          end else begin
            cbyte_q <= cbyte_q + 3'd1;
            if (cbyte_q == 3'd7) begin
              cidx_q <= cidx_q + ((cidx_q == 5'd0) ? 5'd2 : 5'd1);
              cev_q <= (NumHpm != 0) && (cidx_q != 5'd0);  // an event byte for hpm counters
            end
          end
        end
      end
      default: ;
    endcase
  end

  assign idle_o = (state_q == XIdle);
  assign cnt_freeze_o = freeze_q;
endmodule
