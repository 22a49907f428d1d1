package com.sfcompute.nodes.mock;

import java.util.Collections;
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

  void requestSeen(String routeKey) {
    requests.incrementAndGet();
    requestsByRoute.computeIfAbsent(routeKey, k -> new AtomicInteger()).incrementAndGet();
  }

  void created(int nodes) {
    creates.incrementAndGet();
    nodesCreated.addAndGet(nodes);
  }

  void redeployed() {
    redeploys.incrementAndGet();
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
