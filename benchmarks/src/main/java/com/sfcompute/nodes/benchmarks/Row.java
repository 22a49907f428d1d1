package com.sfcompute.nodes.benchmarks;

import java.util.Locale;

/** One line of the table. */
final class Row {
  final String goal;
  final String sdk;
  final String raw;
  final String ratio;
  final String target;
  final String met;

  private Row(String goal, String sdk, String raw, String ratio, String target, String met) {
    this.goal = goal;
    this.sdk = sdk;
    this.raw = raw;
    this.ratio = ratio;
    this.target = target;
    this.met = met;
  }

  /** A cost ratio (time, CPU, bytes): SDK / raw, met when at most {@code max}. */
  static Row atMost(String goal, double sdk, double raw, String unit, double max, String how) {
    return atMost(goal, sdk, raw, sdk / raw, unit, max, how);
  }

  /** The same with the ratio given (the median of several rounds' ratios). */
  static Row atMost(
      String goal, double sdk, double raw, double ratio, String unit, double max, String how) {
    return new Row(
        goal,
        value(sdk, unit),
        value(raw, unit),
        ratio(ratio),
        "<= " + fmt(max) + "x (" + how + ")",
        verdict(ratio <= max, ratio));
  }

  /** Calls per second, turned into a cost ratio (raw calls/s over SDK calls/s). */
  static Row throughput(String goal, double sdkOps, double rawOps, double ratio, double max) {
    return new Row(
        goal,
        value(sdkOps, "calls/s"),
        value(rawOps, "calls/s"),
        ratio(ratio),
        "<= " + fmt(max) + "x (raw calls/s / SDK calls/s)",
        verdict(ratio <= max, ratio));
  }

  /** A speed-up: {@code slow / fast}, met when at least {@code min}. */
  static Row atLeast(String goal, double fast, double slow, String unit, double min, String how) {
    double ratio = slow / fast;
    return new Row(
        goal,
        value(fast, unit),
        value(slow, unit),
        ratio(ratio),
        ">= " + fmt(min) + "x (" + how + ")",
        verdict(ratio >= min, ratio));
  }

  /** The A/A control: two identical raw clients; the ratio's distance from 1 is the noise. */
  static Row aa(String goal, double[] compared, String unit) {
    double b = compared[0];
    double a = compared[1];
    double ratio = compared[2];
    return new Row(
        goal,
        "raw B " + value(b, unit),
        "raw A " + value(a, unit),
        ratio(ratio),
        "noise floor (issue: within 2 %)",
        Math.abs(ratio - 1) <= 0.02 ? "within 2 %" : "noisy: " + pct(ratio));
  }

  /**
   * Two different raw paths of which the first does strictly less work: at or below 1 when the
   * set-up compares paths fairly; above 1, by how much it favours the second path.
   */
  static Row control(String goal, double[] compared, String unit) {
    double ratio = compared[2];
    return new Row(
        goal,
        "untimed " + value(compared[0], unit),
        "raw " + value(compared[1], unit),
        ratio(ratio),
        "bias across paths (no goal; fair at <= 1)",
        ratio <= 1.0 ? "fair" : "favours raw by " + pct(ratio));
  }

  /** A figure shown beside a goal, with no target of its own. */
  static Row info(String goal, double sdk, double raw, String unit) {
    return info(goal, sdk, raw, sdk / raw, unit);
  }

  /** The same with the ratio given (the median of several rounds' ratios). */
  static Row info(String goal, double sdk, double raw, double ratio, String unit) {
    return new Row(goal, value(sdk, unit), value(raw, unit), ratio(ratio), "(no goal)", "-");
  }

  /** The raw floor against a bound, for reference: how close anyone gets on this machine. */
  static Row reference(String goal, double raw, double bound, String unit) {
    return new Row(
        goal, "-", value(raw, unit), ratio(raw / bound), "(reference for the row above)", "-");
  }

  static Row closure(double mib, double maxMib) {
    return new Row(
        "runtime closure of sfc-nodes (sum of jar sizes)",
        value(mib, "MiB"),
        "-",
        "-",
        "<= " + fmt(maxMib) + " MiB",
        mib <= maxMib ? "met" : "NOT MET");
  }

  static Row connections(String goal, double sdk, double raw, int concurrency) {
    return new Row(
        goal,
        value(sdk, ""),
        value(raw, ""),
        raw == 0 ? "-" : ratio(sdk / raw),
        "SDK <= " + concurrency + " (pooled connections reused)",
        sdk <= concurrency ? "met" : "NOT MET");
  }

  String markdown(String verdict) {
    return "| " + goal + " | " + sdk + " | " + raw + " | " + ratio + " | " + target + " | "
        + verdict + " |";
  }

  private static String verdict(boolean met, double ratio) {
    return Double.isNaN(ratio) ? "not measured" : met ? "met" : "NOT MET";
  }

  private static String ratio(double ratio) {
    return String.format(Locale.ROOT, "%.3fx", ratio);
  }

  private static String pct(double ratio) {
    return String.format(Locale.ROOT, "%+.1f %%", (ratio - 1) * 100);
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }

  private static String value(double v, String unit) {
    String number =
        Math.abs(v) >= 100
            ? String.format(Locale.ROOT, "%,.0f", v)
            : String.format(Locale.ROOT, "%.2f", v);
    return unit.isEmpty() ? number : number + " " + unit;
  }
}
