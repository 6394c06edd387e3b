// counter64's iCE40 DSP form (two SB_MAC16 accumulators, simulated with Yosys' model of the cell)
// against its flip-flop form: random increments and loads, with loads near the carries into bit
// 32 and out of bit 63, and resets now and then; also a ResetOnes register (increment 0), the form
// mtimecmp takes. Prints the seed; `+seed=N` reproduces a run.
module counter64_dsp_tb;
  logic        clk = 1'b0, rst_n = 1'b0;
  logic [1:0]  inc;
  logic        load_lo, load_hi;
  logic [31:0] data;
  logic [63:0] ref_count, dsp_count, ref_ones, dsp_ones;
  integer      seed, errors, cycle, r;

  counter64 #(.Ice40Dsp(1'b0), .IncW(2)) u_ref (
    .clk_i(clk), .rst_ni(rst_n), .inc_i(inc), .load_lo_i(load_lo), .load_hi_i(load_hi),
    .data_i(data), .count_o(ref_count)
  );
  counter64 #(.Ice40Dsp(1'b1), .IncW(2)) u_dsp (
    .clk_i(clk), .rst_ni(rst_n), .inc_i(inc), .load_lo_i(load_lo), .load_hi_i(load_hi),
    .data_i(data), .count_o(dsp_count)
  );

  counter64 #(.Ice40Dsp(1'b0), .ResetOnes(1'b1), .IncW(1)) u_ref_ones (
    .clk_i(clk), .rst_ni(rst_n), .inc_i(1'b0), .load_lo_i(load_lo), .load_hi_i(load_hi),
    .data_i(data), .count_o(ref_ones)
  );
  counter64 #(.Ice40Dsp(1'b1), .ResetOnes(1'b1), .IncW(1)) u_dsp_ones (
    .clk_i(clk), .rst_ni(rst_n), .inc_i(1'b0), .load_lo_i(load_lo), .load_hi_i(load_hi),
    .data_i(data), .count_o(dsp_ones)
  );

  always #5 clk = !clk;

  initial begin
    if (!$value$plusargs("seed=%d", seed)) seed = 1;
    $display("counter64_dsp_tb: seed %0d", seed);
    errors = 0;
    inc = 2'd0;
    load_lo = 1'b0;
    load_hi = 1'b0;
    data = 32'd0;
    #12 rst_n = 1'b1;
    for (cycle = 0; cycle < 200000; cycle++) begin
      @(negedge clk);
      if (rst_n && (ref_count !== dsp_count || ref_ones !== dsp_ones)) begin
        errors++;
        if (errors <= 5)
          $display("cycle %0d: flip-flop form %h %h, DSP form %h %h", cycle, ref_count, ref_ones,
                   dsp_count, dsp_ones);
      end
      r = $random(seed);
      // A reset of one cycle now and then (the flip-flop form's is asynchronous, the DSP's
      // all-ones load takes a clock edge: they are compared outside reset).
      rst_n = (r[31:20] != 12'd0) || !rst_n ? 1'b1 : 1'b0;
      inc = r[1:0];
      load_lo = (r[9:4] == 6'd0);
      load_hi = (r[15:10] == 6'd0);
      // Mostly values close to a carry, so that the carries get exercised often.
      case (r[18:16])
        3'd0: data = $random(seed);
        3'd1: data = 32'hffff_ffff - {30'd0, r[21:20]};
        3'd2: data = 32'h0000_ffff - {30'd0, r[21:20]};
        default: data = 32'hffff_fff0 | {28'd0, r[23:20]};
      endcase
    end
    if (errors == 0) $display("PASS: 200000 cycles agree");
    else $display("FAIL: %0d cycles disagree", errors);
    $finish;
  end
endmodule
