package com.sfcompute.nodes.mock;

import java.io.PrintStream;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;

/**
 * Runs a {@link MockNodesServer} from the command line until Ctrl-C.
 *
 * <pre>
 * java -jar sfc-nodes-mock-server-VERSION-standalone.jar --port 8080 --token t
 * </pre>
 *
 * <p>Prints the base URL and token as {@code SFC_NODES_BASE_URL} and {@code SFC_NODES_BEARER_TOKEN}
 * lines, the variables the SDKs read. {@code --help} lists the options.
 */
public final class MockNodesServerMain {
  private static final String USAGE =
      String.join(
          "\n",
          "Usage: java -jar sfc-nodes-mock-server-<version>-standalone.jar [options]",
          "",
          "An in-memory SF Compute nodes API for tests and demos. Stops on Ctrl-C.",
          "",
          "Options:",
          "  --host HOST               address to listen on (default 127.0.0.1)",
          "  --port N                  port to listen on; 0 picks a free one (default 0)",
          "  --token T                 bearer token to require (default "
              + MockNodesServer.DEFAULT_TOKEN
              + ")",
          "  --transition-delay D      how long nodes and VMs stay pending: 2s, 500ms, 1m,",
          "                            PT2S, or a number of milliseconds (default 2s)",
          "  --seed N                  seed of IDs and random faults (default 0)",
          "  --vm-status-case C        pascal (Running, the default) or lower (running)",
          "  --script-form F           string (the default) or bytes: how scripts are answered",
          "  --rate-limit R            answer 429 past R requests per second (a token bucket;",
          "                            default: no limit)",
          "  --burst N                 the bucket's size: requests let through at once",
          "                            (default: R rounded up; needs --rate-limit)",
          "  --retry-after H           the 429's retry hint: none (the default), seconds",
          "                            (Retry-After) or millis (Retry-After-Ms)",
          "  --allow-unknown-fields    ignore body fields and query parameters the spec lacks",
          "                            (by default they are refused with 400)",
          "  -h, --help                print this and exit",
          "");

  private static final Set<String> VALUED_OPTIONS =
      new HashSet<>(
          Arrays.asList(
              "--host",
              "--port",
              "--token",
              "--transition-delay",
              "--seed",
              "--vm-status-case",
              "--script-form",
              "--rate-limit",
              "--burst",
              "--retry-after"));

  private MockNodesServerMain() {}

  /**
   * Starts the server the options describe and serves until the JVM shuts down (Ctrl-C); prints the
   * usage instead for {@code --help}, and exits with status 2 on a bad option.
   *
   * @param args the options {@code --help} lists
   * @throws InterruptedException if the main thread is interrupted while serving
   */
  public static void main(String[] args) throws InterruptedException {
    // The spec parser logs through SLF4J; without a binding it would warn on every start.
    if (System.getProperty("slf4j.provider") == null) {
      System.setProperty("slf4j.provider", "org.slf4j.helpers.NOP_FallbackServiceProvider");
      System.setProperty("slf4j.internal.verbosity", "WARN");
    }
    MockNodesServer.Builder builder;
    try {
      builder = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.err.println();
      System.err.print(USAGE);
      System.exit(2);
      return;
    }
    if (builder == null) {
      System.out.print(USAGE);
      return;
    }
    MockNodesServer server = builder.start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                },
                "mock-nodes-server-shutdown"));
    PrintStream out = System.out;
    out.println("SF Compute nodes API mock listening on " + server.baseUrl());
    out.println("SFC_NODES_BASE_URL=" + server.baseUrl());
    out.println("SFC_NODES_BEARER_TOKEN=" + server.token());
    out.println("Press Ctrl-C to stop.");
    out.flush();
    stopped.await();
  }

  /** The builder the arguments describe, or null for {@code --help}. */
  static MockNodesServer.@Nullable Builder parse(String[] args) {
    MockNodesServer.Builder builder = MockNodesServer.builder();
    double rate = 0;
    int burst = 0;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        value = arg.substring(eq + 1);
        arg = arg.substring(0, eq);
      }
      switch (arg) {
        case "-h":
        case "--help":
          return null;
        case "--allow-unknown-fields":
          builder.rejectUnknownFields(false);
          continue;
        default:
          break;
      }
      if (!VALUED_OPTIONS.contains(arg)) {
        throw new IllegalArgumentException("unknown option " + arg);
      }
      if (value == null) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(arg + " needs a value");
        }
        value = args[++i];
      }
      switch (arg) {
        case "--host":
          builder.host(value);
          break;
        case "--port":
          builder.port(parseInt(arg, value));
          break;
        case "--token":
          builder.token(value);
          break;
        case "--transition-delay":
          builder.transitionDelay(parseDuration(value));
          break;
        case "--seed":
          builder.seed(parseLong(arg, value));
          break;
        case "--vm-status-case":
          builder.vmStatusCase(parseEnum(VmStatusCase.class, arg, value));
          break;
        case "--script-form":
          builder.scriptForm(parseEnum(ScriptForm.class, arg, value));
          break;
        case "--rate-limit":
          rate = parseDouble(arg, value);
          if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException(arg + " needs a positive number, got " + value);
          }
          break;
        case "--burst":
          burst = parseInt(arg, value);
          if (burst < 1) {
            throw new IllegalArgumentException(arg + " needs at least 1, got " + value);
          }
          break;
        case "--retry-after":
          builder.rateLimitRetryAfter(parseEnum(RetryAfter.class, arg, value));
          break;
        default:
          throw new IllegalArgumentException("unknown option " + arg);
      }
    }
    if (rate > 0) {
      builder.rateLimit(
          rate, burst > 0 ? burst : (int) Math.min(Integer.MAX_VALUE, Math.ceil(rate)));
    } else if (burst > 0) {
      throw new IllegalArgumentException("--burst needs --rate-limit");
    }
    return builder;
  }

  /** {@code 2s}, {@code 500ms}, {@code 1m}, ISO-8601 ({@code PT2S}) or bare milliseconds. */
  static Duration parseDuration(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (t.startsWith("p")) {
        return Duration.parse(text.trim());
      }
      if (t.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
      }
      if (t.endsWith("s")) {
        return Duration.ofMillis(
            Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
      }
      if (t.endsWith("m")) {
        return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
      }
      return Duration.ofMillis(Long.parseLong(t));
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new IllegalArgumentException("not a duration: " + text, e);
    }
  }

  private static int parseInt(String option, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " needs a number, got " + value, e);
    }
  }

  private static double parseDouble(String option, String value) {
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " needs a number, got " + value, e);
    }
  }

  private static long parseLong(String option, String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " needs a number, got " + value, e);
    }
  }

  private static <E extends Enum<E>> E parseEnum(Class<E> type, String option, String value) {
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(value)) {
        return constant;
      }
    }
    throw new IllegalArgumentException(option + " does not take " + value);
  }
}
