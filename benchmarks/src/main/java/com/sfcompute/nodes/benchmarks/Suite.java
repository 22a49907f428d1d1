package com.sfcompute.nodes.benchmarks;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sfcompute.nodes.SfcNodes;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Runs the whole suite through JMH's Runner API and prints each goal of the performance issue as a
 * ratio, SDK over the raw OkHttp + Gson floor measured in the same run, with its target and whether
 * it is met. Absolute figures are printed too, but on a shared machine only the ratios are stable.
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar            # the record: about 5 minutes on 2 cores
 * java -jar benchmarks/target/benchmarks.jar --smoke    # everything once, briefly: a check, not a figure
 * </pre>
 *
 * <p>Options: {@code --smoke}; {@code --rounds N} (the per-call benchmarks N times, every other
 * round in the reverse order; each ratio is the median of the rounds' ratios); {@code --only
 * calls,interleaved,list,cold,fleet,connections,closure,userdata} (groups); {@code --verbose}
 * (JMH's own output); {@code --server URL} (the interleaved group calls a canned server running
 * elsewhere instead of its own, e.g. one started by {@code --serve}, which runs a canned server and
 * prints its URL). The table also goes to {@code benchmarks/target/performance.md}.
 *
 * <p>{@code fleetscale} ({@link FleetScale}) is not in the default set: it runs in real time (about
 * ten minutes against the current SDK) and has its own table. Its options: {@code --fleetscale-boot
 * SECONDS}, {@code --fleetscale-rate R}, {@code --fleetscale-burst N}, {@code --fleetscale-nodes
 * A,B,C} and {@code --fleetscale-concurrency A,B,C} (per scenario; {@code default} for the SDK's),
 * {@code --fleetscale-cap-minutes M}.
 *
 * <p>This class reads the options and runs the groups in order; each group is its own class, named
 * for it ({@code CallsGroup}, {@code InterleavedGroup}, ...), and adds its rows and figures to the
 * {@code Report}, which writes the table.
 */
public final class Suite {
  private final Settings settings;
  private final boolean verbose;
  private final List<String> groups;
  private final int rounds;

  /** The canned server the interleaved group calls, when not its own (another JVM's). */
  private final @Nullable String server;

  /** The fleetscale group's settings. */
  private final FleetScale.Config fleetScale;

  private Suite(
      Settings settings,
      int rounds,
      boolean verbose,
      List<String> groups,
      @Nullable String server,
      FleetScale.Config fleetScale) {
    this.server = server;
    this.fleetScale = fleetScale;
    this.settings = settings;
    this.rounds = rounds;
    this.verbose = verbose;
    this.groups = groups;
  }

  public static void main(String[] args) throws Exception {
    boolean smoke = false;
    boolean verbose = false;
    String server = null;
    int rounds = 1;
    FleetScale.Config fleetScale = new FleetScale.Config();
    List<String> groups =
        Arrays.asList(
            "calls", "interleaved", "list", "cold", "fleet", "connections", "closure", "userdata");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--smoke":
          smoke = true;
          break;
        case "--verbose":
          verbose = true;
          break;
        case "--rounds":
          if (i + 1 == args.length) {
            throw new IllegalArgumentException("--rounds needs a number");
          }
          rounds = Integer.parseInt(args[++i]);
          if (rounds < 1) {
            throw new IllegalArgumentException("--rounds must be at least 1");
          }
          break;
        case "--serve":
          serve();
          return;
        case "--server":
          if (i + 1 == args.length) {
            throw new IllegalArgumentException("--server needs a URL (one --serve printed)");
          }
          server = args[++i].replaceAll("/+$", "");
          break;
        case "--only":
          if (i + 1 == args.length) {
            throw new IllegalArgumentException("--only needs a list of groups");
          }
          groups = Arrays.asList(args[++i].split(","));
          break;
        case "--fleetscale-boot":
          fleetScale.boot = Duration.ofMillis(Math.round(1000 * number(args, ++i)));
          break;
        case "--fleetscale-rate":
          fleetScale.rate = number(args, ++i);
          break;
        case "--fleetscale-burst":
          fleetScale.burst = (int) number(args, ++i);
          break;
        case "--fleetscale-cap-minutes":
          fleetScale.cap = Duration.ofMillis(Math.round(60_000 * number(args, ++i)));
          break;
        case "--fleetscale-nodes":
          {
            String[] values = perScenario(args, ++i, fleetScale.scenarios.size());
            for (int k = 0; k < values.length; k++) {
              FleetScale.Scenario old = fleetScale.scenarios.get(k);
              fleetScale.scenarios.set(
                  k,
                  new FleetScale.Scenario(
                      old.name, Integer.parseInt(values[k]), old.concurrency, old.wait));
            }
            break;
          }
        case "--fleetscale-concurrency":
          {
            String[] values = perScenario(args, ++i, fleetScale.scenarios.size());
            for (int k = 0; k < values.length; k++) {
              FleetScale.Scenario old = fleetScale.scenarios.get(k);
              Integer concurrency = values[k].equals("default") ? null : Integer.valueOf(values[k]);
              fleetScale.scenarios.set(
                  k, new FleetScale.Scenario(old.name, old.nodes, concurrency, old.wait));
            }
            break;
          }
        default:
          throw new IllegalArgumentException(
              "unknown option "
                  + args[i]
                  + " (known: --smoke, --rounds N, --verbose, --only"
                  + " calls,interleaved,list,cold,fleet,connections,closure,userdata,fleetscale,"
                  + " --server URL, --serve, --fleetscale-boot S, --fleetscale-rate R,"
                  + " --fleetscale-burst N, --fleetscale-nodes A,B,C,"
                  + " --fleetscale-concurrency A,B,C, --fleetscale-cap-minutes M)");
      }
    }
    new Suite(smoke ? Settings.SMOKE : Settings.FULL, rounds, verbose, groups, server, fleetScale)
        .run();
  }

  private static double number(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs a number");
    }
    double value = Double.parseDouble(args[i]);
    if (!(value > 0)) {
      throw new IllegalArgumentException(args[i - 1] + " must be positive, got " + args[i]);
    }
    return value;
  }

  /** One value per fleetscale scenario, comma-separated, in the scenarios' order. */
  private static String[] perScenario(String[] args, int i, int scenarios) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs " + scenarios + " values");
    }
    String[] values = args[i].split(",", -1);
    if (values.length != scenarios) {
      throw new IllegalArgumentException(
          args[i - 1] + " needs " + scenarios + " comma-separated values, got " + args[i]);
    }
    return values;
  }

  /**
   * Runs a canned server in this JVM until the process is stopped, and prints its URL: the other
   * side of {@code --server}, so that the server can run in its own process (and, with the
   * operating system's tools, on its own core).
   */
  private static void serve() throws Exception {
    try (CannedServer canned = CannedServer.start()) {
      System.out.println(canned.baseUrl());
      System.out.flush();
      new java.util.concurrent.CountDownLatch(1).await();
    }
  }

  private void run() throws Exception {
    long started = System.nanoTime();
    String load0 = load();
    System.out.printf(
        Locale.ROOT,
        "sfc-nodes-java %s, Java %s (%s), %d cores, load %s, %s mode%n",
        SfcNodes.VERSION,
        System.getProperty("java.version"),
        System.getProperty("java.vm.name"),
        Runtime.getRuntime().availableProcessors(),
        load0,
        settings.name);
    Report report = new Report(settings, rounds);
    if (groups.contains("calls")) {
      new CallsGroup(settings, verbose, report, rounds).run();
    }
    if (groups.contains("interleaved")) {
      new InterleavedGroup(settings, verbose, report, server).run();
    }
    if (groups.contains("list")) {
      new ListGroup(settings, verbose, report).run();
    }
    if (groups.contains("cold")) {
      new ColdGroup(settings, verbose, report).run();
    }
    if (groups.contains("fleet")) {
      new FleetGroup(settings, verbose, report).run();
    }
    if (groups.contains("connections")) {
      new ConnectionsGroup(settings, verbose, report).run();
    }
    if (groups.contains("closure")) {
      new ClosureGroup(settings, verbose, report).run();
    }
    if (groups.contains("userdata")) {
      new UserDataGroup(settings, verbose, report).run();
    }
    if (groups.contains("fleetscale")) {
      report.fleetScaleTable = FleetScale.run(fleetScale);
    }
    String markdown = report.write(load0, load(), (System.nanoTime() - started) / 1e9);
    System.out.println();
    System.out.print(markdown);
    Path out = Group.outputDirectory().resolve("performance.md");
    Files.write(out, markdown.getBytes(UTF_8));
    System.out.println("(also written to " + out + ")");
  }

  private static String load() {
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    return load < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f", load);
  }
}
