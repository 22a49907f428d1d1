package com.sfcompute.nodes.benchmarks;

import com.sfcompute.nodes.UserData;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.RunnerException;

/** The userdata group: encoding cloud-init user data. */
final class UserDataGroup extends Group {
  UserDataGroup(Settings settings, boolean verbose, Report report) {
    super(settings, verbose, report);
  }

  /** UserData: base64 and gzip of 16 KiB of cloud-config. Absolute figures; no floor, no goal. */
  @Override
  void run() throws RunnerException {
    int bytes = UserDataBenchmarks.CLOUD_CONFIG.length;
    for (String name : new String[] {"toBase64", "gzip"}) {
      RunResult result =
          jmh(
              UserDataBenchmarks.class,
              name,
              base()
                  .mode(Mode.AverageTime)
                  .timeUnit(TimeUnit.MICROSECONDS)
                  .addProfiler(GCProfiler.class));
      double micros = result.getPrimaryResult().getScore();
      absolute.add(
          String.format(
              Locale.ROOT,
              "userData     ofBytes(%,d bytes).%s(): %7.1f us/call (%.0f MB/s), %,.0f B/call",
              bytes,
              name,
              micros,
              bytes / micros,
              secondary(result, "gc.alloc.rate.norm")));
    }
    int gzipped = UserData.ofBytes(UserDataBenchmarks.CLOUD_CONFIG).gzip().size();
    absolute.add(
        String.format(
            Locale.ROOT,
            "userData     gzip(): %,d -> %,d bytes (%.0f %%)",
            bytes,
            gzipped,
            100.0 * gzipped / bytes));
  }
}
