// counter64's iCE40 DSP form (two SB_MAC16 accumulators, simulated with Yosys' model of the cell)
// against its flip-flop form: random increments and loads, with loads near the carries into bit
// 32 and out of bit 63, and resets now and then; also compare64 (mtimecmp and its compare with the
// count, mtime), loaded mostly with values near the count's halves, so that ge_o changes often.
// Prints the seed; `+seed=N` reproduces a run.
module counter64_dsp_tb;
  logic        clk = 1'b0, rst_n = 1'b0;
  logic [1:0]  inc;
  logic        load_lo, load_hi, cmp_lo, cmp_hi, ref_ge, dsp_ge;
  logic [31:0] data, cmp_data;
  logic [63:0] ref_count, dsp_count, ref_cmp, dsp_cmp;
  integer      seed, errors, cycle, r, ge_changes;
  logic        last_ge;

  counter64 #(.Ice40Dsp(1'b0), .IncW(2)) u_ref (
    .clk_i(clk), .rst_ni(rst_n), .inc_i(inc), .load_lo_i(load_lo), .load_hi_i(load_hi),
    .data_i(data), .count_o(ref_count)
  );
  counter64 #(.Ice40Dsp(1'b1), .IncW(2)) u_dsp (
    .clk_i(clk), .rst_ni(rst_n), .inc_i(inc), .load_lo_i(load_lo), .load_hi_i(load_hi),
    .data_i(data), .count_o(dsp_count)
  );

  compare64 #(.Ice40Dsp(1'b0)) u_ref_cmp (
    .clk_i(clk), .rst_ni(rst_n), .load_lo_i(cmp_lo), .load_hi_i(cmp_hi), .data_i(cmp_data),
    .value_i(ref_count), .reg_o(ref_cmp), .ge_o(ref_ge)
  );
  compare64 #(.Ice40Dsp(1'b1)) u_dsp_cmp (
    .clk_i(clk), .rst_ni(rst_n), .load_lo_i(cmp_lo), .load_hi_i(cmp_hi), .data_i(cmp_data),
    .value_i(ref_count), .reg_o(dsp_cmp), .ge_o(dsp_ge)
  );

  always #5 clk = !clk;

  initial begin
    if (!$value$plusargs("seed=%d", seed)) seed = 1;
    $display("counter64_dsp_tb: seed %0d", seed);
    errors = 0;
    ge_changes = 0;
    last_ge = 1'b0;
    inc = 2'd0;
    load_lo = 1'b0;
    load_hi = 1'b0;
    data = 32'd0;
    #12 rst_n = 1'b1;
    for (cycle = 0; cycle < 200000; cycle++) begin
      @(negedge clk);
      if (rst_n && (ref_count !== dsp_count || ref_cmp !== dsp_cmp || ref_ge !== dsp_ge)) begin
        errors++;
        if (errors <= 5)
          $display("cycle %0d: flip-flop form %h %h %b, DSP form %h %h %b", cycle, ref_count,
                   ref_cmp, ref_ge, dsp_count, dsp_cmp, dsp_ge);
      end
      if (rst_n && ref_ge !== last_ge) ge_changes++;
      last_ge = ref_ge;
      r = $random(seed);
      // A reset of one cycle now and then (the flip-flop form's is asynchronous, the DSP blocks'
      // output reset takes a clock edge: they are compared outside reset).
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
      r = $random(seed);
      cmp_lo = (r[4:0] == 5'd0);
      cmp_hi = (r[9:5] == 5'd0);
      // Near the count's halves (a few cycles ahead or behind), or random.
      case (r[11:10])
        2'd0: cmp_data = $random(seed);
        2'd1: cmp_data = ref_count[63:32] + {{30{r[13]}}, r[13:12]};
        default: cmp_data = ref_count[31:0] + {{28{r[17]}}, r[17:14]};
      endcase
    end
    // (the compare must have changed often, or it was not tested)
    if (errors == 0 && ge_changes > 1000)
      $display("PASS: 200000 cycles agree, mtime >= mtimecmp changed %0d times", ge_changes);
    else if (errors == 0) $display("FAIL: the compare changed only %0d times", ge_changes);
    else $display("FAIL: %0d cycles disagree", errors);
    $finish;
  end
endmodule
