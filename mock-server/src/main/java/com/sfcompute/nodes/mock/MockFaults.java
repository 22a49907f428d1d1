package com.sfcompute.nodes.mock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The faults a {@link MockNodesServer} injects, scripted or at seeded random rates.
 *
 * <pre>{@code
 * // The next redeploy is applied, then its connection dropped.
 * server.faults().next(1, "PUT", "/v1/nodes/{id}/redeploy", Fault.dropAfterAction());
 * // Then two 429s for any request.
 * server.faults().next(2, Fault.tooManyRequests(Duration.ofMillis(100)));
 * // One create in ten fails with 503, drawn from the server's seed.
 * server.faults().rate(0.1, "POST", "/v1/nodes", Fault.status(503));
 * }</pre>
 *
 * <p>Each request gets at most one fault: the oldest scripted rule that matches it and has uses
 * left, else the first rate rule that matches and fires. {@linkplain #latency Latency} comes on
 * top. Faults hit every route, the request is recorded and counted first, and faulted requests are
 * not authenticated: they stand for trouble in front of the API.
 *
 * <p>A path pattern is matched against the request path: {@code *} or a spec-style {@code {id}}
 * matches one path segment, {@code **} any number. A method of {@code *} matches every method.
 * Thread-safe.
 */
public final class MockFaults {
  private final Object lock = new Object();
  private final List<Rule> scripted = new ArrayList<>();
  private final List<Rule> rated = new ArrayList<>();
  private final long seed;
  private Random random;
  private Duration latency = Duration.ZERO;
  private Duration jitter = Duration.ZERO;

  MockFaults(long seed) {
    this.seed = seed;
    this.random = new Random(seed);
  }

  /** The next request, whatever it is, gets {@code fault}. */
  public MockFaults next(Fault fault) {
    return next(1, "*", "**", fault);
  }

  /** The next {@code count} requests, whatever they are, get {@code fault}. */
  public MockFaults next(int count, Fault fault) {
    return next(count, "*", "**", fault);
  }

  /**
   * The next {@code count} requests matching {@code method} and {@code pathPattern} get {@code
   * fault}; other requests pass untouched.
   */
  public MockFaults next(int count, String method, String pathPattern, Fault fault) {
    if (count < 1) {
      throw new IllegalArgumentException("count < 1: " + count);
    }
    Rule rule = new Rule(method, pathPattern, fault, count, 0);
    synchronized (lock) {
      scripted.add(rule);
    }
    return this;
  }

  /** Every request gets {@code fault} with {@code probability}, drawn from the server's seed. */
  public MockFaults rate(double probability, Fault fault) {
    return rate(probability, "*", "**", fault);
  }

  /**
   * Every request matching {@code method} and {@code pathPattern} gets {@code fault} with {@code
   * probability} (0 to 1), drawn from the server's seed.
   */
  public MockFaults rate(double probability, String method, String pathPattern, Fault fault) {
    if (!(probability >= 0 && probability <= 1)) {
      throw new IllegalArgumentException("probability not in 0..1: " + probability);
    }
    Rule rule = new Rule(method, pathPattern, fault, -1, probability);
    synchronized (lock) {
      rated.add(rule);
    }
    return this;
  }

  /**
   * Delays every request by {@code base} plus a uniform random part of at most {@code jitter} (real
   * time, drawn from the server's seed). Zero and zero (the default) turn it off.
   */
  public MockFaults latency(Duration base, Duration jitter) {
    Objects.requireNonNull(base, "base == null");
    Objects.requireNonNull(jitter, "jitter == null");
    if (base.isNegative() || jitter.isNegative()) {
      throw new IllegalArgumentException("negative latency: " + base + " + " + jitter);
    }
    synchronized (lock) {
      this.latency = base;
      this.jitter = jitter;
    }
    return this;
  }

  /** How many scripted faults are still to come. */
  public int pending() {
    synchronized (lock) {
      int pending = 0;
      for (Rule rule : scripted) {
        pending += rule.remaining;
      }
      return pending;
    }
  }

  /** Removes every rule and the latency, and draws again from the seed's start. */
  public void clear() {
    synchronized (lock) {
      scripted.clear();
      rated.clear();
      latency = Duration.ZERO;
      jitter = Duration.ZERO;
      random = new Random(seed);
    }
  }

  /** Picks the fault and the delay for one request; consumes a scripted use. */
  Decision decide(String method, String path) {
    synchronized (lock) {
      long delayMillis = latency.toMillis();
      if (!jitter.isZero()) {
        delayMillis += (long) (random.nextDouble() * (jitter.toMillis() + 1));
      }
      Fault fault = null;
      for (Iterator<Rule> it = scripted.iterator(); it.hasNext(); ) {
        Rule rule = it.next();
        if (rule.matches(method, path)) {
          fault = rule.fault;
          if (--rule.remaining == 0) {
            it.remove();
          }
          break;
        }
      }
      if (fault == null) {
        for (Rule rule : rated) {
          if (rule.matches(method, path) && random.nextDouble() < rule.probability) {
            fault = rule.fault;
            break;
          }
        }
      }
      if (fault != null && fault.kind == Fault.Kind.LATENCY) {
        delayMillis += fault.delay.toMillis();
      }
      return new Decision(fault, delayMillis);
    }
  }

  static final class Decision {
    final @Nullable Fault fault;
    final long delayMillis;

    Decision(@Nullable Fault fault, long delayMillis) {
      this.fault = fault;
      this.delayMillis = delayMillis;
    }
  }

  private static final class Rule {
    final String method;
    final Pattern path;
    final Fault fault;
    int remaining;
    final double probability;

    Rule(String method, String pathPattern, Fault fault, int remaining, double probability) {
      Objects.requireNonNull(method, "method == null");
      Objects.requireNonNull(pathPattern, "pathPattern == null");
      Objects.requireNonNull(fault, "fault == null");
      if (method.isEmpty() || pathPattern.isEmpty()) {
        throw new IllegalArgumentException("empty method or path pattern");
      }
      this.method = method.toUpperCase(Locale.ROOT);
      this.path = glob(pathPattern);
      this.fault = fault;
      this.remaining = remaining;
      this.probability = probability;
    }

    boolean matches(String method, String path) {
      return (this.method.equals("*") || this.method.equals(method))
          && this.path.matcher(path).matches();
    }

    static Pattern glob(String pattern) {
      StringBuilder regex = new StringBuilder();
      for (int i = 0; i < pattern.length(); i++) {
        char c = pattern.charAt(i);
        if (c == '*' && i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
          regex.append(".*");
          i++;
        } else if (c == '*') {
          regex.append("[^/]*");
        } else if (c == '{' && pattern.indexOf('}', i) > i) {
          regex.append("[^/]+");
          i = pattern.indexOf('}', i);
        } else {
          regex.append(Pattern.quote(String.valueOf(c)));
        }
      }
      return Pattern.compile(regex.toString());
    }
  }
}
