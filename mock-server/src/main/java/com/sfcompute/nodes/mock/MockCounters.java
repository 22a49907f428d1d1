package com.sfcompute.nodes.mock;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Live counts of what a {@link MockNodesServer} has seen and done, for assertions such as "the
 * client redeployed once although the first answer was lost".
 *
 * <p>Action counts move only when an action is applied: not for refused, throttled,
 * faulted-before-action or idempotently replayed requests. Request counts move for every request
 * received, faulted, throttled or not. Thread-safe; {@link MockNodesServer#reset()} sets everything
 * back to zero.
 */
public final class MockCounters {
  private final AtomicInteger creates = new AtomicInteger();
  private final AtomicInteger nodesCreated = new AtomicInteger();
  private final AtomicInteger redeploys = new AtomicInteger();
  private final AtomicInteger extensions = new AtomicInteger();
  private final AtomicInteger releases = new AtomicInteger();
  private final AtomicInteger deletes = new AtomicInteger();
  private final AtomicInteger scriptUpdates = new AtomicInteger();
  private final AtomicInteger idempotentReplays = new AtomicInteger();
  private final AtomicInteger requests = new AtomicInteger();
  private final Map<String, AtomicInteger> requestsByRoute = new ConcurrentHashMap<>();
  private final AtomicInteger throttled = new AtomicInteger();
  private final Map<String, AtomicInteger> throttledByRoute = new ConcurrentHashMap<>();

  /**
   * Per node ID, when each stretch out of service began and ended (a redeploy applied until its new
   * VM runs), in the order applied; a redeploy while the node is still out of service extends its
   * last stretch. Guarded by itself.
   */
  private final Map<String, List<long[]>> outOfService = new HashMap<>();

  MockCounters() {}

  /** Create requests ({@code POST /v1/nodes}) applied. */
  public int creates() {
    return creates.get();
  }

  /** Nodes created, over all create requests applied. */
  public int nodesCreated() {
    return nodesCreated.get();
  }

  /** Redeploys ({@code PUT /v1/nodes/{id}/redeploy}) applied. */
  public int redeploys() {
    return redeploys.get();
  }

  /** Reservation extensions ({@code PATCH /v1/nodes/{id}/extend}) applied. */
  public int extensions() {
    return extensions.get();
  }

  /** Releases ({@code PATCH /v1/nodes/{id}/release}) applied. */
  public int releases() {
    return releases.get();
  }

  /** Deletes ({@code DELETE /v1/nodes/{id}}) applied. */
  public int deletes() {
    return deletes.get();
  }

  /** Start-up scripts set ({@code POST /v0/vms/script}). */
  public int scriptUpdates() {
    return scriptUpdates.get();
  }

  /** Requests answered from the idempotency store instead of being applied again. */
  public int idempotentReplays() {
    return idempotentReplays.get();
  }

  /** Every request received, on any route, faulted or not. */
  public int requests() {
    return requests.get();
  }

  /**
   * Requests received on one route of the spec, named as the spec names it: {@code requests("PUT",
   * "/v1/nodes/{id}/redeploy")}.
   */
  public int requests(String method, String pathTemplate) {
    Objects.requireNonNull(method, "method == null");
    Objects.requireNonNull(pathTemplate, "pathTemplate == null");
    AtomicInteger count = requestsByRoute.get(method.toUpperCase(Locale.ROOT) + " " + pathTemplate);
    return count == null ? 0 : count.get();
  }

  /**
   * Requests received per route, keyed like {@code "PUT /v1/nodes/{id}/redeploy"}; requests on no
   * route are keyed by their path. A sorted snapshot.
   */
  public Map<String, Integer> requestsByRoute() {
    Map<String, Integer> snapshot = new TreeMap<>();
    requestsByRoute.forEach((route, count) -> snapshot.put(route, count.get()));
    return Collections.unmodifiableMap(snapshot);
  }

  /**
   * Requests answered {@code 429} by the server's {@linkplain MockNodesServer.Builder#rateLimit
   * rate limit} (not injected 429 faults).
   */
  public int throttled() {
    return throttled.get();
  }

  /** Requests throttled on one route of the spec: {@code throttled("GET", "/v1/nodes/{id}")}. */
  public int throttled(String method, String pathTemplate) {
    Objects.requireNonNull(method, "method == null");
    Objects.requireNonNull(pathTemplate, "pathTemplate == null");
    AtomicInteger count =
        throttledByRoute.get(method.toUpperCase(Locale.ROOT) + " " + pathTemplate);
    return count == null ? 0 : count.get();
  }

  /** Requests throttled per route, keyed like {@link #requestsByRoute()}; a sorted snapshot. */
  public Map<String, Integer> throttledByRoute() {
    Map<String, Integer> snapshot = new TreeMap<>();
    throttledByRoute.forEach((route, count) -> snapshot.put(route, count.get()));
    return Collections.unmodifiableMap(snapshot);
  }

  /** Redeploys applied to the node with this ID (not name), for "each node redeployed once". */
  public int redeploys(String nodeId) {
    Objects.requireNonNull(nodeId, "nodeId == null");
    synchronized (outOfService) {
      List<long[]> stretches = outOfService.get(nodeId);
      if (stretches == null) {
        return 0;
      }
      int count = 0;
      for (long[] stretch : stretches) {
        count += (int) stretch[2];
      }
      return count;
    }
  }

  /** Redeploys applied per node ID, for nodes redeployed at least once; a sorted snapshot. */
  public Map<String, Integer> redeploysByNode() {
    Map<String, Integer> snapshot = new TreeMap<>();
    synchronized (outOfService) {
      for (String id : outOfService.keySet()) {
        snapshot.put(id, redeploys(id));
      }
    }
    return Collections.unmodifiableMap(snapshot);
  }

  /**
   * The most nodes out of service at the same time so far, on the server's clock. A node is out of
   * service from the moment a redeploy is applied to it until its new VM runs (the {@linkplain
   * MockNodesServer.Builder#transitionDelay transition delay} later); a second redeploy before then
   * keeps it out until the newer VM runs. Only redeploys count: creating, releasing, deleting or
   * failing a node does not. Computed from the redeploys' times, so it is exact on a {@link
   * MockClock} as on the system clock, and counts stretches still under way.
   */
  public int maxOutOfService() {
    List<long[]> events = new ArrayList<>();
    synchronized (outOfService) {
      for (List<long[]> stretches : outOfService.values()) {
        for (long[] stretch : stretches) {
          if (stretch[1] > stretch[0]) {
            events.add(new long[] {stretch[0], +1});
            events.add(new long[] {stretch[1], -1});
          }
        }
      }
    }
    // At the same instant, a VM that starts running frees its node before another redeploy takes
    // one: stretches are half-open, [redeployed, running).
    events.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
    int now = 0;
    int max = 0;
    for (long[] event : events) {
      now += (int) event[1];
      max = Math.max(max, now);
    }
    return max;
  }

  void requestSeen(String routeKey) {
    requests.incrementAndGet();
    requestsByRoute.computeIfAbsent(routeKey, k -> new AtomicInteger()).incrementAndGet();
  }

  void created(int nodes) {
    creates.incrementAndGet();
    nodesCreated.addAndGet(nodes);
  }

  /**
   * A redeploy of {@code nodeId} applied at {@code atMillis}; its new VM runs at {@code
   * runningAtMillis}.
   */
  void redeployed(String nodeId, long atMillis, long runningAtMillis) {
    redeploys.incrementAndGet();
    synchronized (outOfService) {
      List<long[]> stretches = outOfService.computeIfAbsent(nodeId, k -> new ArrayList<>());
      long[] last = stretches.isEmpty() ? null : stretches.get(stretches.size() - 1);
      if (last != null && atMillis < last[1]) {
        last[1] = Math.max(last[1], runningAtMillis);
        last[2]++;
      } else {
        stretches.add(new long[] {atMillis, runningAtMillis, 1});
      }
    }
  }

  void throttled(String routeKey) {
    throttled.incrementAndGet();
    throttledByRoute.computeIfAbsent(routeKey, k -> new AtomicInteger()).incrementAndGet();
  }

  void extended() {
    extensions.incrementAndGet();
  }

  void released() {
    releases.incrementAndGet();
  }

  void deleted() {
    deletes.incrementAndGet();
  }

  void scriptUpdated() {
    scriptUpdates.incrementAndGet();
  }

  void replayed() {
    idempotentReplays.incrementAndGet();
  }

  void reset() {
    for (AtomicInteger counter :
        new AtomicInteger[] {
          creates,
          nodesCreated,
          redeploys,
          extensions,
          releases,
          deletes,
          scriptUpdates,
          idempotentReplays,
          requests,
          throttled
        }) {
      counter.set(0);
    }
    requestsByRoute.clear();
    throttledByRoute.clear();
    synchronized (outOfService) {
      outOfService.clear();
    }
  }

  @Override
  public String toString() {
    return "MockCounters[creates="
        + creates
        + ", nodesCreated="
        + nodesCreated
        + ", redeploys="
        + redeploys
        + ", extensions="
        + extensions
        + ", releases="
        + releases
        + ", deletes="
        + deletes
        + ", scriptUpdates="
        + scriptUpdates
        + ", idempotentReplays="
        + idempotentReplays
        + ", requests="
        + requests
        + ", throttled="
        + throttled
        + "]";
  }
}
