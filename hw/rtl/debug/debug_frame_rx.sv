// The debug unit's receiver: SLIP-decodes the line, checks each frame (length, escapes, CRC-32),
// stores it in the frame buffer and queues it as a job for the executor, so frames keep arriving
// while earlier ones execute (docs/protocol.md, pipelining).
//
// The buffer is a ring of BufWords 32-bit words. A candidate's body byte i goes to byte 4*b+2+i of
// the ring, b being its base word: cmd and seq fill the top of word b, so the payload starts on
// word b+1, aligned for WRITE_MEM; the CRC follows it. A job takes only its own length and frees
// it when the executor releases the job. A frame is dropped (the host retries) only if it would
// overrun the oldest unreleased job, or JobDepth jobs are already queued. With JobDepth >= 4 (the
// host's WRITE_MEMs in flight) and BufWords >= 512, pipelined WRITE_MEMs at full line rate are
// never dropped: the executor releases each one within a few cycles per word. Forward jobs (below)
// may take at most JobDepth - 1 entries, so detached garbage never crowds out a valid frame.
//
// Every END delimits; the bytes between two ENDs are a candidate. Detached (no host session),
// received bytes that are not part of a valid frame belong to the program: before the first END
// (after reset, DETACH or the attach timeout) they pass straight through (pass_*); a candidate that
// is not a valid frame is queued as a forward job, which the executor hands to the program in
// order. A candidate also ends, as a forward job, when the line stays idle for IdleCycles (bytes
// then pass straight through again, so a terminal keeps working after a stray END), and when it
// outgrows the longest frame (the rest continues as a new job). Attached, candidates that are not
// valid frames are dropped here and use no job. The idle time is counted by debug_session's timer
// (idle_count_o / idle_fire_i): the attach timeout runs only while attached, this one only while
// detached, so the two share one counter.
module debug_frame_rx
  import debug_pkg::*;
#(
  parameter int unsigned BufWords = 512,    // frame buffer words, power of two, >= 512
  parameter int unsigned JobDepth = 4,      // queued jobs, power of two, >= 2
  localparam int unsigned BufAw = $clog2(BufWords)
) (
  input  logic             clk_i,
  input  logic             rst_ni,
  input  logic             rx_valid_i,     // a line byte from the UART receiver (pulse)
  input  logic [7:0]       rx_data_i,
  input  logic             attached_i,     // a host session is open
  input  logic             detached_i,     // pulse: the session just ended
  input  logic             exec_idle_i,    // the executor has no job in hand
  output logic             idle_count_o,   // detached, inside a candidate, no byte this cycle
  input  logic             idle_fire_i,    // ... and the line has been idle for IdleCycles
  output logic             pass_valid_o,   // detached, outside frames: a byte for the program
  output logic [7:0]       pass_data_o,
  output logic             valid_frame_o,  // pulse: a valid frame was queued
  // frame buffer write port (byte lanes of 32-bit words)
  output logic [3:0]       buf_we_o,
  output logic [BufAw-1:0] buf_waddr_o,
  output logic [31:0]      buf_wdata_o,
  // the oldest queued job (held until job_done_i)
  output logic             job_valid_o,
  output logic [BufAw-1:0] job_base_o,     // ring word holding cmd (byte 2) and seq (byte 3)
  output logic [LEN_W-1:0] job_len_o,      // body bytes (with the CRC)
  output logic             job_fwd_o,      // forward to the program (else a valid frame)
  output logic             job_raw_o,      // bytes as received (else unstuffed: re-stuff them)
  input  logic             job_done_i
);
  typedef enum logic {RxOutside, RxFrame} rx_state_e;
  localparam int unsigned JobW = $clog2(JobDepth);

  rx_state_e        state_q, state_d;
  logic             raw_q, raw_d;      // candidate holds bytes as received (begun outside frames)
  logic             fwd_q, fwd_d;      // candidate can only be forwarded (raw or a continuation)
  logic             store_q, store_d;  // candidate is being stored (the ring had room so far)
  logic             bad_q, bad_d;      // bad escape or too long
  logic [LEN_W-1:0] len_q, len_d;
  logic [BufAw:0]   wbase_q;           // base word of the candidate
  logic [JobW:0]    wr_q, rd_q;        // job queue

  // The job queue's entries live in block RAM (iCE40 EBR), not in flip-flops with a read mux: the
  // head entry is read synchronously, at the pointer's next value, so head_q is the entry at rd_q.
  // A job written at the edge it becomes the head reads stale (the RAM need not bypass): it shows
  // one cycle later (head_stale_q), when the entry is read again.
  typedef struct packed {
    logic [BufAw:0]   base;
    logic [LEN_W-1:0] len;
    logic             fwd;
    logic             raw;
  } meta_t;
  (* ram_style = "block", no_rw_check *) meta_t meta_q [JobDepth];
  meta_t            head_q;
  logic             head_stale_q;
  logic [JobW:0]    rd_d;

  // ---- line decoding ----
  // Everything here takes the line byte a cycle after it came (line_valid, line_data), with its
  // SLIP decoding from registers (slip_rx).
  logic       s_end, s_byte, s_bad, s_clear, line_valid;
  logic [7:0] s_data, line_data;
  slip_rx u_slip (
    .clk_i, .rst_ni, .valid_i(rx_valid_i), .data_i(rx_data_i), .clear_i(s_clear),
    .line_valid_o(line_valid), .line_data_o(line_data), .end_o(s_end), .byte_o(s_byte),
    .data_o(s_data), .bad_o(s_bad)
  );

  logic       in_frame;    // attached, there is no outside: every byte belongs to a candidate
  logic       is_data;     // a body byte for the candidate
  logic [7:0] dbyte;
  assign in_frame = (state_q == RxFrame) || attached_i;
  assign is_data = raw_q ? (line_valid && !s_end) : s_byte;
  assign dbyte = raw_q ? line_data : s_data;

  // ---- CRC ----
  // The engine takes a byte (or restarts) the cycle after it arrives, from registers (crc_init_q,
  // crc_feed_q and the byte as it is stored, wr_byte_q): the line byte's decoding ahead of the
  // CRC register's enable was a critical path. Bytes arrive 10 * ClksPerBit cycles apart, so the
  // 8-cycle engine has always finished the last byte, one cycle late, before the next one and
  // before the END that checks the residue.
  logic        crc_init, crc_feed, crc_init_q, crc_feed_q, crc_ready_unused;
  logic [7:0]  wr_byte_q;  // the byte received last cycle (stored and added to the CRC now)
  logic [31:0] crc;
  crc32_serial u_crc (
    .clk_i, .rst_ni, .init_i(crc_init_q), .valid_i(crc_feed_q), .data_i(wr_byte_q),
    .drain_i(1'b0), .ready_o(crc_ready_unused), .crc_o(crc)
  );

  // ---- what this cycle does ----
  logic             close;         // the candidate ends
  logic             put;           // dbyte is stored as body byte put_n
  logic [LEN_W-1:0] put_n;
  logic             fresh;         // start an empty candidate
  logic             idle_fire;
  assign idle_count_o = in_frame && !attached_i && !line_valid;
  assign idle_fire = idle_fire_i;

  always_comb begin
    state_d = state_q;
    raw_d = raw_q;
    fwd_d = fwd_q;
    bad_d = bad_q;
    len_d = len_q;
    close = 1'b0;
    put = 1'b0;
    put_n = len_q;
    fresh = 1'b0;
    pass_valid_o = 1'b0;
    s_clear = 1'b0;

    if (!in_frame) begin
      if (line_valid) begin
        if (s_end) begin
          state_d = RxFrame;
          fresh = 1'b1;
        end else if (exec_idle_i && !job_valid_o) begin
          pass_valid_o = 1'b1;
        end else begin
          // Earlier bytes still wait in the queue: keep the order by queueing this one too.
          state_d = RxFrame;
          raw_d = 1'b1;
          fwd_d = 1'b1;
          put = 1'b1;
          put_n = '0;
        end
      end
    end else begin
      state_d = RxFrame;
      if (s_end) begin
        close = (len_q != '0);
        fresh = 1'b1;
      end else if (is_data) begin
        if (len_q == LEN_W'(MAX_BODY)) begin
          if (!attached_i && store_q) begin
            close = 1'b1;  // forward what is stored, continue as a new job
            fwd_d = 1'b1;
            put = 1'b1;
            put_n = '0;
          end else begin
            bad_d = 1'b1;
          end
        end else begin
          put = 1'b1;
          if (!raw_q && s_bad) bad_d = 1'b1;
        end
      end else if (idle_fire || (detached_i && len_q == '0)) begin
        close = (len_q != '0);
        fresh = 1'b1;
        state_d = RxOutside;
        s_clear = 1'b1;
      end
    end

    if (fresh) begin
      raw_d = 1'b0;
      fwd_d = 1'b0;
      bad_d = 1'b0;
      len_d = '0;
    end
    if (put) len_d = put_n + 1'b1;
  end

  // ---- queueing ----
  // The queue's room comes from registers (last cycle's): its subtraction ran on through the
  // checks into the commit, the iCEBreaker's debug unit's longest path. Two closes are at least
  // two cycles apart (each comes with a line byte, or the idle timeout after one), so no commit
  // happened since; a job the executor released since only leaves more room.
  logic           jobs_full_q, fwd_room_q, frame_ok, commit_cmd, commit_fwd, commit;
  logic [BufAw:0] rbase;       // base word of the oldest unreleased job
  always_ff @(posedge clk_i) begin
    jobs_full_q <= (wr_q - rd_q) == (JobW + 1)'(JobDepth);
    fwd_room_q <= (wr_q - rd_q) < (JobW + 1)'(JobDepth - 1);
  end
  // While the head is stale no byte can overrun it: it is the only job then (every older one was
  // released), at most MAX_BODY bytes long, and the one byte stored meanwhile starts a candidate.
  assign rbase = job_valid_o ? head_q.base : wbase_q;
  // Length <= MAX_BODY holds: a longer candidate has bad_q set. s_bad with an END: ESC, END.
  // len_q >= MIN_BODY (6), as bit tests: a comparison with a constant costs a carry chain.
  logic min_body;
  assign min_body = len_q[LEN_W-1:3] != '0 || (len_q[2] && len_q[1]);
  // The residue check is registered (crc_ok_q): the 32-bit compare ran on through the commit into
  // the queue, the base and the session. The engine has finished a byte 9 cycles after it
  // arrived, so with ClksPerBit >= 2 (bytes 20 cycles apart or more) crc_ok_q is that of the
  // final CRC when the END comes (checked in simulation below).
  logic crc_ok_q;
  always_ff @(posedge clk_i) crc_ok_q <= (crc == CRC_RESIDUE);
  assign frame_ok = !fwd_q && !raw_q && store_q && !bad_q && !s_bad && min_body && crc_ok_q;
  // (commit as one AND-OR of the two reasons: commit_fwd's !commit_cmd stays off its path)
  logic cmd_ok, fwd_ok;
  assign cmd_ok = s_end && frame_ok && !jobs_full_q;
  assign fwd_ok = store_q && !attached_i && fwd_room_q;
  assign commit = close && (cmd_ok || fwd_ok);
  assign commit_cmd = close && cmd_ok;
  assign commit_fwd = close && !cmd_ok && fwd_ok;
  assign valid_frame_o = commit_cmd;
  assign pass_data_o = line_data;
  assign crc_init = fresh;
  assign crc_feed = put && !raw_d;

  // ---- storing: body byte n at ring byte 4 * base + 2 + n ----
  // A byte is written the cycle after it arrives (wr_pend_q), with its word, lane and overrun
  // check computed from registers only: the line byte's decoding, the commit and the oldest job's
  // base (read from block RAM, late) ahead of the subtraction and the write enable were the ECP5
  // build's critical path. The next line byte comes many cycles later, so nothing else happens in
  // that cycle: len_q is then n + 1 for body byte n, and wbase_q is already its candidate's base
  // (a byte that starts a candidate while a commit moves the base sees the new one). rbase_q keeps
  // the oldest job's base of the cycle the byte arrived, so the check is the one made then.
  logic           wr_pend_q;   // the byte received last cycle is to be stored now
  logic [BufAw:0] rbase_q;     // rbase when it arrived
  logic [BufAw:0] waddr;       // its word, with the ring's wrap bit
  logic [BufAw:0] ahead;       // how far it is ahead of the oldest unreleased job's base
  logic [1:0]     blane;       // its byte lane
  always_ff @(posedge clk_i) begin
    wr_byte_q <= dbyte;
    rbase_q <= rbase;
  end
  // body byte n = len_q - 1: word wbase_q + (n + 2) / 4, lane (n + 2) mod 4
  assign waddr = wbase_q + (BufAw + 1)'((len_q + LEN_W'(1)) >> 2);
  assign blane = len_q[1:0] + 2'd1;
  // base is at most BufWords words ahead of rbase and a candidate spans fewer than BufWords more,
  // so ahead < 2 * BufWords: its top bit says the byte would land on the oldest job's words.
  assign ahead = waddr - rbase_q;
`ifndef SYNTHESIS
  // (Checked in simulation once reset has come: before, the flops hold what they power up with.)
  logic reset_seen_q = 1'b0;
  logic commit_last_q = 1'b0;
  always_ff @(posedge clk_i) commit_last_q <= commit;
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) reset_seen_q <= 1'b1;
  end
  always_ff @(posedge clk_i) begin
    if (reset_seen_q && wr_pend_q && (put || close || fresh))
      $error("debug_frame_rx: a byte or close the cycle after a byte (its store needs that cycle)");
    if (reset_seen_q && close && s_end && crc_ok_q != (crc == CRC_RESIDUE))
      $error("debug_frame_rx: the CRC changed in the cycle before the END (ClksPerBit < 2?)");
    if (reset_seen_q && close && commit_last_q)
      $error("debug_frame_rx: a close the cycle after a commit (the queue's room is stale)");
  end
`endif

  // A byte that would overrun the oldest unreleased job drops the candidate.
  always_comb begin
    store_d = fresh ? 1'b0 : store_q;
    if (put && put_n == '0) store_d = 1'b1;
    if (wr_pend_q && ahead[BufAw]) store_d = 1'b0;
  end
  // (No byte arrives while one is stored, so store_q is the candidate's state before the check.)
  assign buf_we_o = (wr_pend_q && store_q && !ahead[BufAw]) ? (4'b0001 << blane) : 4'b0000;
  assign buf_waddr_o = waddr[BufAw-1:0];
  assign buf_wdata_o = {4{wr_byte_q}};

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      state_q <= RxOutside;
      raw_q <= 1'b0;
      fwd_q <= 1'b0;
      store_q <= 1'b0;
      bad_q <= 1'b0;
      len_q <= '0;
      wbase_q <= '0;
      wr_pend_q <= 1'b0;
      crc_init_q <= 1'b0;
      crc_feed_q <= 1'b0;
      wr_q <= '0;
      rd_q <= '0;
      head_stale_q <= 1'b0;
    end else begin
      state_q <= state_d;
      raw_q <= raw_d;
      fwd_q <= fwd_d;
      store_q <= store_d;
      bad_q <= bad_d;
      len_q <= len_d;
      if (commit) wbase_q <= wbase_q + (BufAw + 1)'((len_q + LEN_W'(5)) >> 2);
      wr_pend_q <= put;
      crc_init_q <= crc_init;
      crc_feed_q <= crc_feed;
      if (commit) wr_q <= wr_q + 1'b1;
      rd_q <= rd_d;
      head_stale_q <= commit && wr_q[JobW-1:0] == rd_d[JobW-1:0];
    end
  end

  assign rd_d = rd_q + (JobW + 1)'(job_done_i);
  always_ff @(posedge clk_i) begin
    if (commit) meta_q[wr_q[JobW-1:0]] <= '{base: wbase_q, len: len_q, fwd: commit_fwd, raw: raw_q};
    head_q <= meta_q[rd_d[JobW-1:0]];
  end

  assign job_valid_o = (wr_q != rd_q) && !head_stale_q;
  assign job_base_o = head_q.base[BufAw-1:0];
  assign job_len_o = head_q.len;
  assign job_fwd_o = head_q.fwd;
  assign job_raw_o = head_q.raw;
endmodule
