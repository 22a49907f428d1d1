package com.sfcompute.nodes.benchmarks;

import com.sfcompute.nodes.SfcNodes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** The run's results (the table, the absolute figures, fleetscale's table) and their Markdown. */
final class Report {
  private final Settings settings;
  private final int rounds;

  final List<String> absolute = new ArrayList<>();
  final List<Row> rows = new ArrayList<>();

  /** The fleetscale group's table once run. */
  List<String> fleetScaleTable = Collections.emptyList();

  Report(Settings settings, int rounds) {
    this.settings = settings;
    this.rounds = rounds;
  }

  /**
   * The report in Markdown: the run's facts, the table of goals, the figures, fleetscale's table.
   */
  String write(String loadBefore, String loadAfter, double seconds) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "sfc-nodes-java %s, Java %s, %d cores, 1-min load %s before / %s after, %s mode,"
                + " %d round(s), %.0f s%n%n",
            SfcNodes.VERSION,
            System.getProperty("java.version"),
            Runtime.getRuntime().availableProcessors(),
            loadBefore,
            loadAfter,
            settings.name,
            rounds,
            seconds));
    // A run of the fleetscale group alone has no goals and no absolute figures: only its table.
    if (!rows.isEmpty() || !absolute.isEmpty()) {
      out.append(
          "Ratios are costs, SDK over the raw OkHttp + Gson floor of the same run (time, CPU or bytes"
              + " per call; for throughput, raw calls/s over SDK calls/s): above 1, the SDK costs"
              + " more. The A/A rows compare two identical raw clients: how far they are from 1 is"
              + " the noise of this run.\n\n");
      out.append("| goal | SDK | raw | ratio | target | met |\n");
      out.append("|---|---:|---:|---:|---|---|\n");
      for (Row row : rows) {
        // A smoke run proves that every part runs; its figures carry no verdict.
        out.append(row.markdown(settings == Settings.SMOKE ? "(smoke)" : row.met)).append('\n');
      }
      out.append("\nAbsolute figures (this machine, this run):\n\n```\n");
      for (String line : absolute) {
        out.append(line).append('\n');
      }
      out.append("```\n");
    }
    if (!fleetScaleTable.isEmpty()) {
      out.append("\nFleet at scale (fleetscale; see benchmarks/README.md):\n\n");
      for (String line : fleetScaleTable) {
        out.append(line).append('\n');
      }
    }
    return out.toString();
  }
}
