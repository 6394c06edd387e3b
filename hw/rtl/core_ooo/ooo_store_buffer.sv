// The committed-store buffer: a store that commits (RAM only) waits here for the data port, so
// commit does not wait for the D$. Entries are architectural state: flushes and interrupts do not
// touch them. A load that reads bytes an entry writes takes them from the youngest such entry
// when it writes all of them (store-to-load forwarding), else it waits until that entry has
// drained (docs/ooo.md, Memory ordering).
module ooo_store_buffer #(
  parameter int unsigned Entries = 4,
  // The address bits that tell the words of RAM apart (the buffer holds RAM stores, the queries
  // come from RAM loads): the query carries and compares bits [WordW-1:2] only.
  parameter int unsigned WordW = 32
) (
  input  logic        clk_i,
  input  logic        rst_ni,
  // push (commit)
  input  logic        push_i,
  input  logic [31:0] push_addr_i,   // word address
  input  logic [3:0]  push_be_i,
  input  logic [31:0] push_wdata_i,  // already in its byte lanes
  output logic        full_o,
  output logic        empty_o,
  // the oldest entry, to the data port
  output logic        head_valid_o,
  output logic [31:0] head_addr_o,
  output logic [3:0]  head_be_o,
  output logic [31:0] head_wdata_o,
  input  logic        pop_i,
  // a load's query: does an entry write some of these bytes (hit_o); does the youngest such
  // entry write all of them (cover_o), and its word (data_o, in its byte lanes)
  input  logic [WordW-1:2] query_addr_i,  // word address within RAM
  input  logic [3:0]  query_be_i,
  output logic        hit_o,
  output logic        cover_o,
  output logic [31:0] data_o
);
  localparam int unsigned PtrW = $clog2(Entries);

  logic [31:0]        addr_q  [Entries];
  logic [3:0]         be_q    [Entries];
  logic [31:0]        wdata_q [Entries];
  logic [Entries-1:0] valid_q;
  logic [PtrW:0]      rd_q, wr_q;  // one extra bit tells full from empty

  assign empty_o = rd_q == wr_q;
  assign full_o = (wr_q - rd_q) == (PtrW + 1)'(Entries);
  assign head_valid_o = !empty_o;
  assign head_addr_o = addr_q[rd_q[PtrW-1:0]];
  assign head_be_o = be_q[rd_q[PtrW-1:0]];
  assign head_wdata_o = wdata_q[rd_q[PtrW-1:0]];

  // From the oldest entry to the youngest, the last that overlaps wins.
  always_comb begin
    logic [PtrW-1:0] i;
    i = '0;
    hit_o = 1'b0;
    cover_o = 1'b0;
    data_o = wdata_q[rd_q[PtrW-1:0]];
    for (int k = 0; k < Entries; k++) begin
      i = rd_q[PtrW-1:0] + PtrW'(k);
      if (valid_q[i] && addr_q[i][WordW-1:2] == query_addr_i &&
          |(be_q[i] & query_be_i)) begin
        hit_o = 1'b1;
        cover_o = (be_q[i] & query_be_i) == query_be_i;
        data_o = wdata_q[i];
      end
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      rd_q <= '0;
      wr_q <= '0;
      valid_q <= '0;
    end else begin
      if (pop_i) begin
        rd_q <= rd_q + 1'b1;
        valid_q[rd_q[PtrW-1:0]] <= 1'b0;
      end
      if (push_i) begin
        wr_q <= wr_q + 1'b1;
        valid_q[wr_q[PtrW-1:0]] <= 1'b1;
      end
    end
  end
  always_ff @(posedge clk_i) begin
    if (push_i) begin
      addr_q[wr_q[PtrW-1:0]] <= push_addr_i;
      be_q[wr_q[PtrW-1:0]] <= push_be_i;
      wdata_q[wr_q[PtrW-1:0]] <= push_wdata_i;
    end
  end

`ifndef SYNTHESIS
  always_ff @(posedge clk_i) begin
    if (rst_ni && push_i && full_o) $error("ooo_store_buffer: push into a full buffer");
    if (rst_ni && pop_i && empty_o) $error("ooo_store_buffer: pop from an empty buffer");
  end
`endif
endmodule
