package com.sfcompute.nodes.benchmarks;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sfcompute.nodes.SfcNodes;
import com.sfcompute.nodes.UserData;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

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
 */
public final class Suite {
  private final Settings settings;
  private final boolean verbose;
  private final List<String> groups;
  private final int rounds;

  /** The canned server the interleaved group calls, when not its own (another JVM's). */
  private final @Nullable String server;

  /** Each call benchmark's results, round after round: {1 caller, 16 callers}. */
  private final Map<String, List<RunResult[]>> runs = new LinkedHashMap<>();

  private final List<String> absolute = new ArrayList<>();
  private final List<Row> rows = new ArrayList<>();

  /** The fleetscale group's settings, and its table once run. */
  private final FleetScale.Config fleetScale;

  private List<String> fleetScaleTable = Collections.emptyList();

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
    if (groups.contains("calls")) {
      calls();
    }
    if (groups.contains("interleaved")) {
      interleaved();
    }
    if (groups.contains("list")) {
      list();
    }
    if (groups.contains("cold")) {
      cold();
    }
    if (groups.contains("fleet")) {
      fleet();
    }
    if (groups.contains("connections")) {
      connections();
    }
    if (groups.contains("closure")) {
      closure();
    }
    if (groups.contains("userdata")) {
      userData();
    }
    if (groups.contains("fleetscale")) {
      fleetScaleTable = FleetScale.run(fleetScale);
    }
    String report = report(load0, load(), (System.nanoTime() - started) / 1e9);
    System.out.println();
    System.out.print(report);
    Path out = outputDirectory().resolve("performance.md");
    Files.write(out, report.getBytes(UTF_8));
    System.out.println("(also written to " + out + ")");
  }

  // ---------------------------------------------------------------------------------------------
  // The groups

  /** get, getAsync and redeploy: p50, CPU and allocation at 1 caller; throughput at 1 and 16. */
  private void calls() throws RunnerException {
    // Raw, SDK, second raw: the A/A pair brackets the SDK, so a drift in the machine's load during
    // the run shows up in the A/A ratio instead of hiding in the SDK's. With several rounds, every
    // other round runs in the reverse order, and each ratio is the median of the rounds' ratios.
    String[][] pairs = {
      {"get", "getRawA", "getSdk", "getRawB"},
      {"getAsync", "getAsyncRaw", "getAsyncSdk"},
      {"redeploy", "redeployRaw", "redeploySdk"},
    };
    for (int round = 0; round < rounds; round++) {
      for (String[] pair : pairs) {
        List<String> order = new ArrayList<>(Arrays.asList(pair).subList(1, pair.length));
        if (round % 2 == 1) {
          Collections.reverse(order);
        }
        for (String name : order) {
          callRound(name, round);
        }
      }
    }
    for (String[] pair : pairs) {
      perCallRows(pair[0] + "()", pair[2], pair[1]);
    }
    aaRows();
  }

  private void callRound(String name, int round) throws RunnerException {
    RunResult one =
        jmh(
            CallBenchmarks.class,
            name,
            base()
                .mode(Mode.SampleTime)
                .timeUnit(TimeUnit.MICROSECONDS)
                .threads(1)
                .addProfiler(GCProfiler.class)
                .addProfiler(ClientCpuProfiler.class));
    RunResult sixteen =
        jmh(
            CallBenchmarks.class,
            name,
            base().mode(Mode.Throughput).timeUnit(TimeUnit.SECONDS).threads(CALLERS));
    runs.computeIfAbsent(name, k -> new ArrayList<>()).add(new RunResult[] {one, sixteen});
    absolute.add(
        String.format(
            Locale.ROOT,
            "%-12s %s1 caller: p50 %7.1f us, mean %7.1f us (%6.0f calls/s), CPU %6.1f us/call,"
                + " %,7.0f B/call; 16 callers: %6.0f calls/s",
            name,
            rounds == 1 ? "" : "round " + (round + 1) + ", ",
            P50.cost(one, sixteen),
            THROUGHPUT_1.cost(one, sixteen),
            1e6 / THROUGHPUT_1.cost(one, sixteen),
            CPU.cost(one, sixteen),
            ALLOCATION.cost(one, sixteen),
            sixteen.getPrimaryResult().getScore()));
  }

  /** A cost per call (more is worse) read from a benchmark's 1-caller and 16-caller results. */
  private interface Metric {
    double cost(RunResult oneCaller, RunResult sixteenCallers);
  }

  private static final Metric P50 = (one, sixteen) -> p50(one);
  private static final Metric CPU = (one, sixteen) -> secondary(one, ClientCpuProfiler.LABEL) / 1e3;
  private static final Metric ALLOCATION = (one, sixteen) -> secondary(one, "gc.alloc.rate.norm");

  /** At one caller, time per call is the inverse of calls per second. */
  private static final Metric THROUGHPUT_1 = (one, sixteen) -> one.getPrimaryResult().getScore();

  /** The callers of the throughput benchmarks (JMH's threads, the interleaved group's pool). */
  private static final int CALLERS = 16;

  /** Time per call at 16 callers: 1 / (calls per second), in us. */
  private static final Metric THROUGHPUT_16 =
      (one, sixteen) -> 1e6 / sixteen.getPrimaryResult().getScore();

  /** {median cost of a, median cost of b, median over the rounds of a's cost / b's}. */
  private double[] compare(String a, String b, Metric metric) {
    List<RunResult[]> as = runs.get(a);
    List<RunResult[]> bs = runs.get(b);
    double[] costA = new double[as.size()];
    double[] costB = new double[as.size()];
    double[] ratio = new double[as.size()];
    for (int i = 0; i < as.size(); i++) {
      costA[i] = metric.cost(as.get(i)[0], as.get(i)[1]);
      costB[i] = metric.cost(bs.get(i)[0], bs.get(i)[1]);
      ratio[i] = costA[i] / costB[i];
    }
    return new double[] {median(costA), median(costB), median(ratio)};
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private void perCallRows(String what, String sdk, String raw) {
    double[] p50 = compare(sdk, raw, P50);
    rows.add(
        Row.atMost(
            what + " p50 latency, 1 caller", p50[0], p50[1], p50[2], "us", 1.03, "SDK / raw"));
    double[] cpu = compare(sdk, raw, CPU);
    rows.add(
        Row.atMost(
            what + " CPU per call, 1 caller", cpu[0], cpu[1], cpu[2], "us", 1.03, "SDK / raw"));
    double[] t1 = compare(sdk, raw, THROUGHPUT_1);
    rows.add(Row.throughput(what + " throughput, 1 caller", 1e6 / t1[0], 1e6 / t1[1], t1[2], 1.03));
    double[] t16 = compare(sdk, raw, THROUGHPUT_16);
    rows.add(
        Row.throughput(what + " throughput, 16 callers", 1e6 / t16[0], 1e6 / t16[1], t16[2], 1.03));
    double[] alloc = compare(sdk, raw, ALLOCATION);
    rows.add(
        Row.atMost(
            what + " allocation per call", alloc[0], alloc[1], alloc[2], "B", 1.05, "SDK / raw"));
  }

  private void aaRows() {
    String what = "A/A: raw B / raw A, get() ";
    double[] p50 = compare("getRawB", "getRawA", P50);
    rows.add(Row.aa(what + "p50 latency", p50, "us"));
    rows.add(Row.aa(what + "CPU per call", compare("getRawB", "getRawA", CPU), "us"));
    rows.add(
        Row.aa(
            what + "time per call, 1 caller", compare("getRawB", "getRawA", THROUGHPUT_1), "us"));
    rows.add(
        Row.aa(
            what + "time per call, 16 callers",
            compare("getRawB", "getRawA", THROUGHPUT_16),
            "us"));
    rows.add(Row.aa(what + "allocation per call", compare("getRawB", "getRawA", ALLOCATION), "B"));
  }

  /**
   * The per-call goals measured the second way ({@link Interleaved}): the SDK and the raw floor in
   * one JVM, in alternating batches, and two raw clients the same way for the noise.
   */
  private void interleaved() throws Exception {
    boolean smoke = settings == Settings.SMOKE;
    int warmup = smoke ? 200 : 20_000;
    int rounds = smoke ? 2 : 60;
    int batch = smoke ? 20 : 500;
    try (CannedServer own = server == null ? CannedServer.start() : null) {
      interleaved(own != null ? own.baseUrl() : server, warmup, rounds, batch);
    }
    absolute.add(
        String.format(
            Locale.ROOT,
            "interleaved  %d rounds of %d calls a side (in turns) after %,d warm-up calls, one JVM;"
                + " server: %s",
            rounds,
            batch,
            warmup,
            server == null ? "in the same JVM" : server + " (another process)"));
  }

  private void interleaved(String baseUrl, int warmup, int rounds, int batch) throws Exception {
    com.sfcompute.nodes.RedeployParams params =
        com.sfcompute.nodes.RedeployParams.builder().image(CallBenchmarks.IMAGE).build();
    boolean smoke = settings == Settings.SMOKE;
    try (SfcNodes sdk =
            SfcNodes.builder().bearerToken(CallBenchmarks.TOKEN).baseUrl(baseUrl).build();
        RawClient rawA = new RawClient(baseUrl, CallBenchmarks.TOKEN, 64);
        RawClient rawB = new RawClient(baseUrl, CallBenchmarks.TOKEN, 64);
        RawClient untimed = RawClient.withoutTimeouts(baseUrl, CallBenchmarks.TOKEN, 64)) {
      Interleaved.Call sdkGet = () -> sdk.nodes().get(CallBenchmarks.ID);
      Interleaved.Call rawGet = () -> rawA.get(CallBenchmarks.ID);
      Interleaved.Call sdkRedeploy = () -> sdk.nodes().redeploy(CallBenchmarks.ID, params);
      Interleaved.Call rawRedeploy =
          () -> rawA.redeploy(CallBenchmarks.ID, RawClient.redeployBody(CallBenchmarks.IMAGE));
      Interleaved.Call[][] pairs = {
        {sdkGet, rawGet},
        {
          () -> sdk.nodes().getAsync(CallBenchmarks.ID).join(),
          () -> rawA.getAsync(CallBenchmarks.ID).join()
        },
        {sdkRedeploy, rawRedeploy},
      };
      String[] names = {"get()", "getAsync()", "redeploy()"};
      Interleaved.Result aa =
          Interleaved.compare(() -> rawB.get(CallBenchmarks.ID), rawGet, warmup, rounds, batch);
      for (int i = 0; i < pairs.length; i++) {
        interleavedRows(
            names[i], Interleaved.compare(pairs[i][0], pairs[i][1], warmup, rounds, batch), rounds);
      }
      // The same with 16 callers at once: a batch shared among 16 threads, its time per call the
      // inverse of the throughput (a batch of 16 x 32 calls; 16 x 2 in smoke mode).
      int shared = smoke ? 32 : 512;
      Interleaved.Result aa16 =
          Interleaved.compare(
              () -> rawB.get(CallBenchmarks.ID), rawGet, CALLERS, warmup, rounds, shared);
      for (int i = 0; i < pairs.length; i++) {
        Interleaved.Result r =
            Interleaved.compare(pairs[i][0], pairs[i][1], CALLERS, warmup, rounds, shared);
        rows.add(
            Row.atMost(
                names[i] + " time per call at 16 callers (1 / throughput), interleaved",
                r.wallA / 1000,
                r.wallB / 1000,
                r.wallRatio,
                "us",
                1.03,
                "SDK / raw, median of " + rounds / 2 + " pairs of rounds"));
      }
      // The 10,000-node list the same way: JMH's forks put it anywhere from 0.6x to 1.6x the floor,
      // although both sides decode with the same code (its time is mostly GC of ~45 MB a call).
      Interleaved.Result list =
          Interleaved.compare(
              () -> sdk.nodes().list(),
              () -> rawA.list(),
              smoke ? 2 : 50,
              smoke ? 2 : 20,
              smoke ? 1 : 5);
      rows.add(
          Row.atMost(
              "list() of 10,000 nodes, time per call, interleaved in one JVM",
              list.wallA / 1e6,
              list.wallB / 1e6,
              list.wallRatio,
              "ms",
              1.05,
              "SDK / raw, median of " + (smoke ? 1 : 10) + " pairs of rounds of 5 calls"));
      // No goal: the SDK against a floor that pays nothing for timeouts because it has none: what
      // the SDK's own work costs per call, its bound on each attempt included.
      Interleaved.Result bare =
          Interleaved.compare(sdkGet, () -> untimed.get(CallBenchmarks.ID), warmup, rounds, batch);
      rows.add(
          Row.info(
              "get() time per call, against a raw floor without timeouts",
              bare.wallA / 1000,
              bare.wallB / 1000,
              bare.wallRatio,
              "us"));
      rows.add(
          Row.info(
              "get() CPU per call, against a raw floor without timeouts",
              bare.cpuA / 1000,
              bare.cpuB / 1000,
              bare.cpuRatio,
              "us"));
      Interleaved.Call untimedRedeploy =
          () -> untimed.redeploy(CallBenchmarks.ID, RawClient.redeployBody(CallBenchmarks.IMAGE));
      Interleaved.Result bareRedeploy =
          Interleaved.compare(sdkRedeploy, untimedRedeploy, warmup, rounds, batch);
      rows.add(
          Row.info(
              "redeploy() time per call, against a raw floor without timeouts",
              bareRedeploy.wallA / 1000,
              bareRedeploy.wallB / 1000,
              bareRedeploy.wallRatio,
              "us"));
      // A control across code paths: the floor without timeouts does strictly less work than the
      // floor, so above 1 this row is the bias of comparing two different paths in this set-up,
      // which the A/A rows (one path twice) cannot show.
      Interleaved.Result paths =
          Interleaved.compare(untimedRedeploy, rawRedeploy, warmup, rounds, batch);
      rows.add(
          Row.control(
              "control: raw floor without timeouts / raw floor, redeploy() time per call",
              new double[] {paths.wallA / 1000, paths.wallB / 1000, paths.wallRatio},
              "us"));
      rows.add(
          Row.aa(
              "A/A interleaved: raw B / raw A, get() time per call",
              new double[] {aa.wallA / 1000, aa.wallB / 1000, aa.wallRatio},
              "us"));
      rows.add(
          Row.aa(
              "A/A interleaved: raw B / raw A, get() CPU per call",
              new double[] {aa.cpuA / 1000, aa.cpuB / 1000, aa.cpuRatio},
              "us"));
      rows.add(
          Row.aa(
              "A/A interleaved: raw B / raw A, get() time per call at 16 callers",
              new double[] {aa16.wallA / 1000, aa16.wallB / 1000, aa16.wallRatio},
              "us"));
    }
  }

  private void interleavedRows(String what, Interleaved.Result r, int rounds) {
    String how = "SDK / raw, median of " + rounds / 2 + " pairs of rounds";
    rows.add(
        Row.atMost(
            what + " time per call, interleaved in one JVM",
            r.wallA / 1000,
            r.wallB / 1000,
            r.wallRatio,
            "us",
            1.03,
            how));
    rows.add(
        Row.atMost(
            what + " CPU per call, interleaved in one JVM",
            r.cpuA / 1000,
            r.cpuB / 1000,
            r.cpuRatio,
            "us",
            1.03,
            how));
  }

  /** nodes().list() of 10,000 nodes: time and allocation per call. */
  private void list() throws RunnerException {
    Map<String, RunResult> r = new LinkedHashMap<>();
    for (String name : new String[] {"listRaw", "listSdk"}) {
      RunResult result =
          jmh(
              CallBenchmarks.class,
              name,
              base()
                  .mode(Mode.AverageTime)
                  .timeUnit(TimeUnit.MILLISECONDS)
                  .addProfiler(GCProfiler.class));
      r.put(name, result);
      absolute.add(
          String.format(
              Locale.ROOT,
              "%-12s %,d nodes: %7.2f ms/call, %,.0f B/call",
              name,
              Payloads.LIST_SIZE,
              result.getPrimaryResult().getScore(),
              secondary(result, "gc.alloc.rate.norm")));
    }
    rows.add(
        Row.atMost(
            "list() of 10,000 nodes, time per call",
            r.get("listSdk").getPrimaryResult().getScore(),
            r.get("listRaw").getPrimaryResult().getScore(),
            "ms",
            1.05,
            "SDK / raw"));
    rows.add(
        Row.info(
            "list() of 10,000 nodes, allocation per call",
            secondary(r.get("listSdk"), "gc.alloc.rate.norm"),
            secondary(r.get("listRaw"), "gc.alloc.rate.norm"),
            "B"));
  }

  /**
   * A fresh JVM per sample: build a client, get one node. The two programs take turns, one fresh
   * JVM each, starting with the other one every other pair, so that a machine whose load drifts
   * weighs on both alike; the medians of the samples are compared.
   */
  private void cold() throws RunnerException {
    String[] names = {"firstCallRaw", "firstCallSdk"};
    Map<String, double[]> samples = new LinkedHashMap<>();
    for (String name : names) {
      samples.put(name, new double[settings.coldForks]);
    }
    for (int i = 0; i < settings.coldForks; i++) {
      for (int k = 0; k < names.length; k++) {
        String name = names[(i + k) % names.length];
        RunResult result =
            jmh(
                ColdStartBenchmarks.class,
                name,
                base()
                    .mode(Mode.SingleShotTime)
                    .timeUnit(TimeUnit.MILLISECONDS)
                    .forks(1)
                    .warmupIterations(0)
                    .measurementIterations(1));
        samples.get(name)[i] = result.getPrimaryResult().getScore();
      }
    }
    for (String name : names) {
      double[] values = samples.get(name);
      absolute.add(
          String.format(
              Locale.ROOT,
              "%-12s median %6.1f ms over %d fresh JVMs, taking turns (min %.1f, max %.1f)",
              name,
              median(values),
              values.length,
              Arrays.stream(values).min().orElse(Double.NaN),
              Arrays.stream(values).max().orElse(Double.NaN)));
    }
    rows.add(
        Row.atMost(
            "cold first call (fresh JVM, build + get)",
            median(samples.get("firstCallSdk")),
            median(samples.get("firstCallRaw")),
            "ms",
            1.15,
            "SDK / raw program, median"));
  }

  /**
   * 200 redeploys at 50 ms each: SDK fleet vs raw at C = 16 and 64; at C = 32 vs N·L/C and a loop.
   */
  private void fleet() throws RunnerException {
    int n = settings.fleetNodes;
    long latency = 50;
    Map<String, Double> ms = new LinkedHashMap<>();
    for (int c : new int[] {16, 64}) {
      for (String name : new String[] {"fleetRaw", "fleetSdk"}) {
        ms.put(name + "@" + c, fleetRun(name, n, latency, c, settings.fleetIterations));
      }
      rows.add(
          Row.atMost(
              "fleet: " + n + " redeploys at " + latency + " ms, C = " + c,
              ms.get("fleetSdk@" + c),
              ms.get("fleetRaw@" + c),
              "ms",
              1.10,
              "SDK / raw, median"));
    }
    double sdk32 = fleetRun("fleetSdk", n, latency, 32, settings.fleetIterations);
    double ideal = (double) n * latency / 32;
    rows.add(
        Row.atMost(
            "fleet: " + n + " redeploys at " + latency + " ms, C = 32, vs N·L/C",
            sdk32,
            ideal,
            "ms",
            1.20,
            "SDK / (N·L/C)"));
    // The same bound for the raw floor: what the machine and OkHttp's defaults allow at all.
    double raw32 = fleetRun("fleetRaw", n, latency, 32, settings.fleetIterations);
    rows.add(
        Row.reference(
            "fleet: " + n + " redeploys at " + latency + " ms, C = 32, raw floor vs N·L/C",
            raw32,
            ideal,
            "ms"));
    // The loop is slow by nature (N·L): in smoke mode it runs fewer nodes, scaled up to N.
    int seqNodes = settings.sequentialNodes;
    double seq = fleetRun("sequentialSdk", seqNodes, latency, 32, 1) * n / seqNodes;
    rows.add(
        Row.atLeast(
            "fleet: C = 32 speed-up over a sequential loop"
                + (seqNodes == n ? "" : " (loop of " + seqNodes + ", scaled)"),
            sdk32,
            seq,
            "ms",
            20,
            "loop / fleet"));
  }

  private double fleetRun(String name, int nodes, long latency, int concurrency, int iterations)
      throws RunnerException {
    RunResult result =
        jmh(
            FleetBenchmarks.class,
            name,
            base()
                .mode(Mode.SingleShotTime)
                .timeUnit(TimeUnit.MILLISECONDS)
                .warmupIterations(name.equals("sequentialSdk") ? 0 : settings.fleetWarmups)
                .measurementIterations(iterations)
                .param("nodes", String.valueOf(nodes))
                .param("latencyMillis", String.valueOf(latency))
                .param("concurrency", String.valueOf(concurrency)));
    double median = p50(result);
    absolute.add(
        String.format(
            Locale.ROOT,
            "%-13s %d nodes, %d ms each, C = %2d: median %7.1f ms (min %.1f, max %.1f)",
            name,
            nodes,
            latency,
            concurrency,
            median,
            result.getPrimaryResult().getStatistics().getMin(),
            result.getPrimaryResult().getStatistics().getMax()));
    return median;
  }

  /** New TCP connections per 10,000 calls at concurrency 64, after a warm-up; SDK and raw. */
  private void connections() throws Exception {
    int calls = settings.connectionCalls;
    int concurrency = 64;
    long sdk;
    long raw;
    try (CannedServer server = CannedServer.start();
        SfcNodes client =
            SfcNodes.builder()
                .bearerToken(CallBenchmarks.TOKEN)
                .baseUrl(server.baseUrl())
                .build()) {
      sdk = newConnections(server, concurrency, calls, () -> client.nodes().get(CallBenchmarks.ID));
    }
    try (CannedServer server = CannedServer.start();
        RawClient client = new RawClient(server.baseUrl(), CallBenchmarks.TOKEN, 64)) {
      raw = newConnections(server, concurrency, calls, () -> client.get(CallBenchmarks.ID));
    }
    double per10k = 10_000.0 / calls;
    absolute.add(
        String.format(
            Locale.ROOT,
            "connections  %,d calls at concurrency %d after a warm-up: SDK %d new, raw %d new",
            calls,
            concurrency,
            sdk,
            raw));
    rows.add(
        Row.connections(
            "new TCP connections per 10,000 calls, concurrency 64",
            sdk * per10k,
            raw * per10k,
            concurrency));
  }

  interface Call {
    Object call() throws Exception;
  }

  private static long newConnections(CannedServer server, int threads, int calls, Call call)
      throws Exception {
    runConcurrently(threads, Math.max(threads * 4, calls / 10), call); // fills the pool, warms up
    long before = server.acceptedConnections();
    runConcurrently(threads, calls, call);
    return server.acceptedConnections() - before;
  }

  private static void runConcurrently(int threads, int calls, Call call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      AtomicInteger left = new AtomicInteger(calls);
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        workers.add(
            pool.submit(
                () -> {
                  while (left.getAndDecrement() > 0) {
                    call.call();
                  }
                  return null;
                }));
      }
      for (Future<?> w : workers) {
        w.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** The sum of the sizes of sfc-nodes's runtime jars, as the build listed them. */
  private void closure() throws IOException {
    Path list = outputDirectory().resolve("sfc-nodes-closure.txt");
    if (!Files.exists(list)) {
      absolute.add("closure      not measured: " + list + " is missing (build with mvn package)");
      return;
    }
    String text = new String(Files.readAllBytes(list), UTF_8).trim();
    long total = 0;
    StringBuilder jars = new StringBuilder();
    for (String entry : text.split(File.pathSeparator, -1)) {
      if (entry.trim().isEmpty()) {
        continue;
      }
      Path p = Paths.get(entry.trim());
      long size = size(p);
      total += size;
      jars.append(String.format(Locale.ROOT, "%n             %,10d  %s", size, p.getFileName()));
    }
    absolute.add("closure      runtime jars of sfc-nodes:" + jars);
    rows.add(Row.closure(total / (1024.0 * 1024.0), 4.0));
  }

  /** UserData: base64 and gzip of 16 KiB of cloud-config. Absolute figures; no floor, no goal. */
  private void userData() throws RunnerException {
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

  private static long size(Path p) throws IOException {
    if (!Files.isDirectory(p)) {
      return Files.size(p);
    }
    // A module's classes directory (a build without package): the uncompressed size, an upper
    // bound.
    long sum = 0;
    try (Stream<Path> files = Files.walk(p)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        sum += Files.size(f);
      }
    }
    return sum;
  }

  // ---------------------------------------------------------------------------------------------
  // JMH plumbing

  private ChainedOptionsBuilder base() {
    return new OptionsBuilder()
        .forks(settings.forks)
        .warmupIterations(settings.warmupIterations)
        .warmupTime(TimeValue.milliseconds(settings.iterationMillis))
        .measurementIterations(settings.measurementIterations)
        .measurementTime(TimeValue.milliseconds(settings.iterationMillis))
        // A fixed heap, the same for every fork: the 10,000-node list needs a few hundred MB.
        .jvmArgsAppend("-Xms1g", "-Xmx1g")
        .shouldFailOnError(true)
        .verbosity(verbose ? VerboseMode.NORMAL : VerboseMode.SILENT);
  }

  private RunResult jmh(Class<?> benchmarks, String method, ChainedOptionsBuilder options)
      throws RunnerException {
    System.out.printf(Locale.ROOT, "  running %s.%s%n", benchmarks.getSimpleName(), method);
    Collection<RunResult> run =
        new Runner(options.include("^" + benchmarks.getName() + "\\." + method + "$").build())
            .run();
    if (run.size() != 1) {
      throw new IllegalStateException(
          benchmarks.getSimpleName() + "." + method + " gave " + run.size() + " results");
    }
    return run.iterator().next();
  }

  private static double p50(RunResult r) {
    return r.getPrimaryResult().getStatistics().getPercentile(50);
  }

  private static double secondary(RunResult r, String label) {
    Result<?> result = r.getSecondaryResults().get(label);
    return result == null ? Double.NaN : result.getScore();
  }

  /** Where the jar (or the classes directory) is: benchmarks/target. */
  private static Path outputDirectory() {
    try {
      Path here =
          Paths.get(Suite.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return here.getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String load() {
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    return load < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f", load);
  }

  // ---------------------------------------------------------------------------------------------
  // The report

  private String report(String loadBefore, String loadAfter, double seconds) {
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

  /** One line of the table. */
  private static final class Row {
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

  /** How long each part runs. */
  private static final class Settings {
    static final Settings FULL = new Settings("full", 1, 3, 4, 1000, 11, 200, 200, 3, 5, 10_000);

    /**
     * Everything once, briefly, in this JVM where possible: proves the suite runs, not a figure.
     */
    static final Settings SMOKE = new Settings("smoke", 0, 0, 1, 100, 1, 200, 10, 0, 1, 640);

    final String name;
    final int forks;
    final int warmupIterations;
    final int measurementIterations;
    final long iterationMillis;
    final int coldForks;
    final int fleetNodes;
    final int sequentialNodes;
    final int fleetWarmups;
    final int fleetIterations;
    final int connectionCalls;

    Settings(
        String name,
        int forks,
        int warmupIterations,
        int measurementIterations,
        long iterationMillis,
        int coldForks,
        int fleetNodes,
        int sequentialNodes,
        int fleetWarmups,
        int fleetIterations,
        int connectionCalls) {
      this.name = name;
      this.forks = forks;
      this.warmupIterations = warmupIterations;
      this.measurementIterations = measurementIterations;
      this.iterationMillis = iterationMillis;
      this.coldForks = coldForks;
      this.fleetNodes = fleetNodes;
      this.sequentialNodes = sequentialNodes;
      this.fleetWarmups = fleetWarmups;
      this.fleetIterations = fleetIterations;
      this.connectionCalls = connectionCalls;
    }
  }
}
