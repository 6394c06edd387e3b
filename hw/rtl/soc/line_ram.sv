// Main RAM behind the caches: one single-port memory (block RAM; on the iCE40 UP5K, Yosys maps it to
// SPRAM) serving whole-line transactions of the caches' memory-side interface (docs/cache.md):
// a request (line address, read or write), then LineWords data beats. Reads return one word per
// cycle after a one-cycle start; writes take one beat per cycle. The debug port (the host link's
// loader) reads and writes single words between transactions: dbg_ready_o says when it may. A
// cache's request taken in the same cycle only starts its transaction (its first RAM access is in
// the next cycle), so dbg_ready_o does not wait for it: the RAM's address and enables then never
// depend on a cache's request, which comes late in its cycle (after a tag compare).
// RegIo puts registers between the caches and the RAM on both sides: a write beat is written the
// cycle after it is taken (from registers), and a read beat answers a cycle later (from a
// register), so a block RAM's late output and its write inputs meet no cache logic in their
// cycle (the main RAM's block RAMs lie all over the chip). A delayed write takes the RAM in the
// cycle after the transaction's last beat, where only the debug port could have used it: that
// port waits then. A read answers the cycle after its RAM read, so the read's state ends a cycle
// later; the debug port's read data comes from the RAM's output as before.
module line_ram #(
  parameter int unsigned Words = 16384,
  parameter int unsigned LineWords = 4,
  parameter bit          Spram = 1'b0,  // iCE40 UP5K: ask Yosys for SPRAM (ram_style "huge")
  parameter bit          RegIo = 1'b0   // registered write beats and read data (see above)
) (
  input  logic        clk_i,
  input  logic        rst_ni,
  input  logic        req_valid_i,
  output logic        req_ready_o,
  input  logic [31:0] req_addr_i,   // byte address of the line
  input  logic        req_we_i,
  input  logic        wvalid_i,
  output logic        wready_o,
  input  logic [31:0] wdata_i,
  output logic        rvalid_o,
  output logic [31:0] rdata_o,
  input  logic        dbg_we_i,
  input  logic        dbg_re_i,
  input  logic [31:0] dbg_addr_i,   // byte offset into the RAM
  input  logic [31:0] dbg_wdata_i,
  output logic        dbg_ready_o,  // the access is taken this cycle; read data follows next cycle
  output logic [31:0] dbg_rdata_o
);
  localparam int unsigned AddrW = $clog2(Words);
  localparam int unsigned BeatW = $clog2(LineWords);

  typedef enum logic [1:0] {Idle, Read, Write} state_e;
  state_e state_q;
  logic [AddrW-1:0] base_q;
  logic [BeatW:0]   beat_q;      // beats issued
  logic             read_pending_q;  // a RAM read was made last cycle: its data is out
  logic             rsp_pending_q;   // RegIo: ... and is in rdata_q now
  logic             wr_q;            // RegIo: a write beat taken last cycle, written now
  logic [AddrW-1:0] wr_addr_q;
  logic [31:0]      wr_data_q;
  logic [31:0]      ram_rdata;       // the RAM's output

  logic [63:0] unused_addr_bits;
  assign unused_addr_bits = {req_addr_i, dbg_addr_i};  // only the word index inside the RAM counts
  logic             en, we;
  logic [AddrW-1:0] addr;
  logic [31:0]      wdata;

  assign req_ready_o = (state_q == Idle);
  // between transactions (and not while a delayed write takes the RAM)
  assign dbg_ready_o = (state_q == Idle) && !wr_q;
  assign dbg_rdata_o = ram_rdata;
  assign wready_o = (state_q == Write);

  always_comb begin
    en = 1'b0;
    we = 1'b0;
    addr = base_q + AddrW'(beat_q[BeatW-1:0]);
    // (RegIo: the RAM's write data comes from registers or the debug port, never the cache)
    wdata = RegIo ? wr_data_q : wdata_i;
    if (wr_q) begin
      en = 1'b1;
      we = 1'b1;
      addr = wr_addr_q;
      wdata = wr_data_q;
    end else if (state_q == Read && beat_q != (BeatW + 1)'(LineWords)) begin
      en = 1'b1;
    end else if (!RegIo && state_q == Write && wvalid_i) begin
      en = 1'b1;
      we = 1'b1;
    end else if (dbg_ready_o && (dbg_we_i || dbg_re_i)) begin
      en = 1'b1;
      we = dbg_we_i;
      addr = dbg_addr_i[AddrW+1:2];
      wdata = dbg_wdata_i;
    end
  end

  // The inferable single-port RAM template.
  if (Spram) begin : g_spram
    // SPRAM keeps its output during a write ("no change"), so the template reads only when not
    // writing (the RAM is never read in a write cycle here anyway).
    (* ram_style = "huge" *) logic [31:0] mem_q [Words];
    always_ff @(posedge clk_i) begin
      if (en) begin
        if (we) mem_q[addr] <= wdata;
        else ram_rdata <= mem_q[addr];
      end
    end
  end else begin : g_bram
    logic [31:0] mem_q [Words];
    always_ff @(posedge clk_i) begin
      if (en) begin
        if (we) mem_q[addr] <= wdata;
        ram_rdata <= mem_q[addr];
      end
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      state_q <= Idle;
      beat_q <= '0;
      base_q <= '0;
      read_pending_q <= 1'b0;
      rsp_pending_q <= 1'b0;
    end else begin
      read_pending_q <= (state_q == Read) && beat_q != (BeatW + 1)'(LineWords);
      rsp_pending_q <= RegIo && read_pending_q;
      unique case (state_q)
        Idle: if (req_valid_i) begin
          state_q <= req_we_i ? Write : Read;
          base_q <= req_addr_i[AddrW+1:2] & ~AddrW'(LineWords - 1);
          beat_q <= '0;
        end
        Read: begin
          if (beat_q != (BeatW + 1)'(LineWords)) beat_q <= beat_q + 1'b1;
          else if (!read_pending_q && !rsp_pending_q) state_q <= Idle;
        end
        Write: if (wvalid_i) begin
          beat_q <= beat_q + 1'b1;
          if (beat_q == (BeatW + 1)'(LineWords - 1)) state_q <= Idle;
        end
        default: state_q <= Idle;
      endcase
    end
  end
  if (RegIo) begin : g_reg_io
    logic [31:0] rdata_q;
    always_ff @(posedge clk_i or negedge rst_ni) begin
      if (!rst_ni) wr_q <= 1'b0;
      else wr_q <= (state_q == Write) && wvalid_i;
    end
    always_ff @(posedge clk_i) begin
      wr_addr_q <= base_q + AddrW'(beat_q[BeatW-1:0]);  // the beat's address
      wr_data_q <= wdata_i;
      rdata_q <= ram_rdata;
    end
    assign rvalid_o = rsp_pending_q;
    assign rdata_o = rdata_q;
  end else begin : g_direct_io
    assign wr_q = 1'b0;
    assign wr_addr_q = '0;
    assign wr_data_q = '0;
    assign rvalid_o = read_pending_q;
    assign rdata_o = ram_rdata;
  end
endmodule
