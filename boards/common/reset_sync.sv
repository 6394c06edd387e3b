// Reset synchroniser: asserts asynchronously (the PLL losing lock, a button), releases on the clock
// after Stages flops, so every flop of the SoC leaves reset in the same cycle.
module reset_sync #(
  parameter int unsigned Stages = 3
) (
  input  logic clk_i,
  input  logic arst_ni,   // asynchronous, active low
  output logic rst_no     // synchronous release, active low
);
  logic [Stages-1:0] sync_q;
  always_ff @(posedge clk_i or negedge arst_ni) begin
    if (!arst_ni) sync_q <= '0;
    else          sync_q <= {sync_q[Stages-2:0], 1'b1};
  end
  assign rst_no = sync_q[Stages-1];
endmodule
