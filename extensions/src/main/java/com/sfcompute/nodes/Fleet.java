package com.sfcompute.nodes;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sfcompute.nodes.FleetResult.Outcome;
import com.sfcompute.nodes.internal.events.FleetRecord;
import com.sfcompute.nodes.internal.events.Listeners;
import com.sfcompute.nodes.model.Node;
import com.sfcompute.nodes.model.NodeList;
import com.sfcompute.nodes.model.Vm;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;

/**
 * Fleets: {@code client.fleet()}. Redeploy, release or extend many nodes; one result per node, in
 * the order given, that says what happened to it; one failure never stops the others (unless a stop
 * rule says so).
 *
 * <pre>{@code
 * List<FleetResult<Node>> results = client.fleet().redeploy(
 *     Arrays.asList("trainer-1", "trainer-2", "trainer-3"),
 *     RedeployParams.builder().image("vmi_new").build(),
 *     FleetOptions.builder().concurrency(8).waitForRedeploy().build());
 * results.stream().filter(r -> !r.isSuccess()).forEach(System.err::println);
 * }</pre>
 *
 * <p>How a fleet spends calls: a redeploy that waits (or whose params check the node first) reads
 * its nodes in bulk first, a list call per 100 nodes, instead of a read per node; each node then
 * takes one write; the waits of all redeployed nodes run together, polled by list calls, and hold
 * no request slot and no thread. The concurrency bounds the requests in flight.
 *
 * <p>Under a rate limit, the client as a whole slows down (see {@link
 * SfcNodes.Builder#adaptiveRateLimit}); a node whose write is still answered {@code 429} after its
 * retries goes back into the queue, with the same key, while the fleet's other writes succeed (up
 * to three times in a row when none do), so that throttling alone does not fail a fleet that can
 * still finish.
 *
 * <p>Each node's write carries its own idempotency key, derived from the params' key (else a random
 * one per fleet call) and the node's id or name: repeating the same fleet call with the same key
 * repeats the same keys, and {@link #redeployAgain} repeats the nodes that did not succeed with
 * theirs.
 */
public final class Fleet {
  /** The most requests a fleet has in flight before its first answers come back. */
  static final int INITIAL_WINDOW = 64;

  /** How often a throttled node is queued again while no other node's write succeeds. */
  static final int THROTTLED_REQUEUES = 3;

  private final NodesServiceImpl nodes;
  private final Waiters waiters;
  private final Listeners listeners;

  Fleet(NodesServiceImpl nodes, Waiters waiters, Listeners listeners) {
    this.nodes = nodes;
    this.waiters = waiters;
    this.listeners = listeners;
  }

  /** Tells listeners that a fleet starts; null when none listens. */
  private @Nullable FleetRecord started(String operation, int size, boolean waits) {
    if (!listeners.active()) {
      return null;
    }
    FleetRecord fleet = new FleetRecord(Listeners.currentParent(), operation, size, waits);
    listeners.fleetStarted(fleet);
    return fleet;
  }

  /** Redeploys each node; with {@link FleetOptions.Builder#waitForRedeploy()}, waits for each. */
  public List<FleetResult<Node>> redeploy(
      List<String> idsOrNames, RedeployParams params, FleetOptions options) {
    return join(redeployAsync(idsOrNames, params, options));
  }

  /**
   * {@link #redeploy} without blocking: the future completes, never exceptionally, once every node
   * has finished, with one result per node. Cancelling it starts no further node and cancels the
   * calls and waits in flight.
   */
  public CompletableFuture<List<FleetResult<Node>>> redeployAsync(
      List<String> idsOrNames, RedeployParams params, FleetOptions options) {
    List<String> targets = targets(idsOrNames);
    Checks.notNull(params, "params");
    Checks.notNull(options, "options");
    String base = Idempotency.keyOrNew(params.idempotencyKey());
    List<String> keys = new ArrayList<>();
    for (String target : targets) {
      keys.add(derive(base, target));
    }
    return redeploy(targets, keys, params, options);
  }

  /**
   * Repeats the nodes of an earlier {@link #redeploy} that did not succeed, without redeploying any
   * node twice: each goes again with the key its first write carried, so that a node whose redeploy
   * was applied ({@link Outcome#APPLIED}) or may have been ({@link Outcome#UNKNOWN}) gets its first
   * answer replayed, and is waited for again; a node the API refused ({@link Outcome#NOT_APPLIED})
   * goes with a new key, since nothing was applied. Pass the same params as the first call.
   *
   * @return one result per node of {@code previous}, in its order: those that succeeded as they
   *     were, the others from this repeat
   */
  public List<FleetResult<Node>> redeployAgain(
      List<FleetResult<Node>> previous, RedeployParams params, FleetOptions options) {
    return join(redeployAgainAsync(previous, params, options));
  }

  /** {@link #redeployAgain} without blocking. */
  public CompletableFuture<List<FleetResult<Node>>> redeployAgainAsync(
      List<FleetResult<Node>> previous, RedeployParams params, FleetOptions options) {
    Checks.notNull(previous, "previous");
    Checks.notNull(params, "params");
    Checks.notNull(options, "options");
    List<String> targets = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    List<Integer> positions = new ArrayList<>();
    String fresh = Idempotency.keyOrNew(null);
    for (int i = 0; i < previous.size(); i++) {
      FleetResult<Node> r = Checks.notNull(previous.get(i), "previous[" + i + "]");
      if (r.isSuccess()) {
        continue;
      }
      String key = r.idempotencyKey();
      targets.add(r.target());
      keys.add(key == null || r.outcome() == Outcome.NOT_APPLIED ? derive(fresh, r.target()) : key);
      positions.add(i);
    }
    return Futures.map(
        redeploy(targets, keys, params, options),
        again -> {
          List<FleetResult<Node>> merged = new ArrayList<>(previous);
          for (int j = 0; j < again.size(); j++) {
            merged.set(positions.get(j), again.get(j));
          }
          return Collections.unmodifiableList(merged);
        });
  }

  private CompletableFuture<List<FleetResult<Node>>> redeploy(
      List<String> targets, List<String> keys, RedeployParams params, FleetOptions options) {
    WaitOptions wait = options.waitOptions();
    FleetRecord fleet = started("fleet.redeploy", targets.size(), wait != null);
    boolean readFirst = wait != null || params.needsCurrentImage() || params.requireRunning();
    if (!readFirst) {
      return new FleetRun<Node>(
              targets,
              keys,
              options,
              i -> nodes.redeployAsync(targets.get(i), params.withIdempotencyKey(keys.get(i))),
              null)
          .observed(listeners, fleet)
          .start();
    }
    return Futures.compose(
        Listeners.under(fleet, () -> readAll(targets)),
        read ->
            new FleetRun<Node>(
                    targets,
                    keys,
                    options,
                    i -> {
                      RedeployParams own = params.withIdempotencyKey(keys.get(i));
                      Node node = read.get(targets.get(i));
                      return node == null
                          ? nodes.redeployAsync(targets.get(i), own)
                          : nodes.redeployReadAsync(node, own);
                    },
                    wait == null
                        ? null
                        : (i, answer) -> {
                          Node before = read.get(targets.get(i));
                          String id = NodesServiceImpl.orNull(answer::getId);
                          if (id == null || id.isEmpty()) {
                            id =
                                before != null
                                    ? NodesServiceImpl.idOf(before, "redeploy")
                                    : targets.get(i);
                          }
                          return waiters.awaitRedeployAsync(
                              Checks.pathSegment(id, "id"), answer, vmId(before), wait);
                        })
                .observed(listeners, fleet)
                .start());
  }

  /** Releases each node. */
  public List<FleetResult<Node>> release(List<String> idsOrNames, FleetOptions options) {
    return join(releaseAsync(idsOrNames, options));
  }

  /**
   * {@link #release} without blocking: the future completes, never exceptionally, once every node
   * has finished, with one result per node. Cancelling it starts no further node and cancels the
   * calls in flight.
   */
  public CompletableFuture<List<FleetResult<Node>>> releaseAsync(
      List<String> idsOrNames, FleetOptions options) {
    List<String> targets = targets(idsOrNames);
    Checks.notNull(options, "options");
    List<String> keys = keys(targets, Idempotency.keyOrNew(null));
    return new FleetRun<Node>(
            targets, keys, options, i -> nodes.releaseAsync(targets.get(i), keys.get(i)), null)
        .observed(listeners, started("fleet.release", targets.size(), false))
        .start();
  }

  /** Extends each node by the same duration and price. Spends money for each. */
  public List<FleetResult<Node>> extend(
      List<String> idsOrNames, ExtendNodeParams params, FleetOptions options) {
    return join(extendAsync(idsOrNames, params, options));
  }

  /**
   * {@link #extend} without blocking: the future completes, never exceptionally, once every node
   * has finished, with one result per node. Cancelling it starts no further node and cancels the
   * calls in flight.
   */
  public CompletableFuture<List<FleetResult<Node>>> extendAsync(
      List<String> idsOrNames, ExtendNodeParams params, FleetOptions options) {
    List<String> targets = targets(idsOrNames);
    Checks.notNull(params, "params");
    Checks.notNull(options, "options");
    List<String> keys = keys(targets, Idempotency.keyOrNew(params.idempotencyKey()));
    return new FleetRun<Node>(
            targets,
            keys,
            options,
            i -> nodes.extendAsync(targets.get(i), params.withIdempotencyKey(keys.get(i))),
            null)
        .observed(listeners, started("fleet.extend", targets.size(), false))
        .start();
  }

  private static List<String> targets(List<String> idsOrNames) {
    List<String> all = new ArrayList<>(Checks.notNull(idsOrNames, "idsOrNames"));
    for (int i = 0; i < all.size(); i++) {
      Checks.notNull(all.get(i), "idsOrNames[" + i + "]");
    }
    return all;
  }

  private static List<String> keys(List<String> targets, String base) {
    List<String> keys = new ArrayList<>();
    for (String target : targets) {
      keys.add(derive(base, target));
    }
    return keys;
  }

  /**
   * The nodes as they are now, by the id or name given: a list call per {@value
   * WaitPolls#MAX_PER_LIST} ids, and per as many names. A node the lists do not show (or whose list
   * call failed) is missing from the map, and takes the per-node path, which reads it on its own.
   */
  private CompletableFuture<Map<String, Node>> readAll(List<String> targets) {
    Set<String> ids = new LinkedHashSet<>();
    Set<String> names = new LinkedHashSet<>();
    for (String target : targets) {
      (WaitPolls.looksLikeId(target) ? ids : names).add(target);
    }
    List<CompletableFuture<@Nullable NodeList>> reads = new ArrayList<>();
    for (List<String> chunk : chunks(ids)) {
      reads.add(tolerant(nodes.listAsync(ListNodesParams.builder().ids(chunk).build())));
    }
    for (List<String> chunk : chunks(names)) {
      reads.add(tolerant(nodes.listAsync(ListNodesParams.builder().names(chunk).build())));
    }
    CompletableFuture<Map<String, Node>> all =
        Futures.onCancel(() -> reads.forEach(Futures::cancel));
    CompletableFuture<?> unused =
        CompletableFuture.allOf(reads.toArray(new CompletableFuture<?>[0]))
            .whenComplete(
                (done, error) -> {
                  Map<String, Node> found = new HashMap<>();
                  for (CompletableFuture<@Nullable NodeList> read : reads) {
                    NodeList list = read.getNow(null);
                    List<Node> listed =
                        list == null ? null : NodesServiceImpl.orNull(list::getData);
                    if (listed == null) {
                      continue;
                    }
                    for (Node node : listed) {
                      if (node == null) {
                        continue;
                      }
                      // A node without its id or name is not one sought by it; the others count.
                      String id = NodesServiceImpl.orNull(node::getId);
                      String name = NodesServiceImpl.orNull(node::getName);
                      if (id != null && ids.contains(id)) {
                        found.put(id, node);
                      }
                      if (name != null && names.contains(name)) {
                        found.put(name, node);
                      }
                    }
                  }
                  all.complete(found);
                });
    return all;
  }

  /** A read whose failure only means "not known": the per-node path reads the node itself. */
  private static CompletableFuture<@Nullable NodeList> tolerant(CompletableFuture<NodeList> read) {
    CompletableFuture<@Nullable NodeList> result = Futures.onCancel(() -> read.cancel(false));
    CompletableFuture<?> unused =
        read.whenComplete((list, error) -> result.complete(error == null ? list : null));
    return result;
  }

  private static List<List<String>> chunks(Set<String> targets) {
    List<List<String>> chunks = new ArrayList<>();
    List<String> all = new ArrayList<>(targets);
    for (int from = 0; from < all.size(); from += WaitPolls.MAX_PER_LIST) {
      chunks.add(all.subList(from, Math.min(all.size(), from + WaitPolls.MAX_PER_LIST)));
    }
    return chunks;
  }

  private static @Nullable String vmId(@Nullable Node node) {
    Vm vm = node == null ? null : node.getCurrentVm();
    return vm == null ? null : vm.getId();
  }

  private static <T> List<FleetResult<T>> join(CompletableFuture<List<FleetResult<T>>> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      throw Futures.unwrapUnchecked(e);
    }
  }

  /** A per-node key from the caller's key: stable for the same key and target, any order. */
  static String derive(String key, String target) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(target.getBytes(UTF_8));
      StringBuilder hex = new StringBuilder();
      for (byte b : Arrays.copyOf(digest, 6)) {
        hex.append(String.format("%02x", b & 0xff));
      }
      String suffix = "-" + hex;
      String base =
          key.length() + suffix.length() > 255 ? key.substring(0, 255 - suffix.length()) : key;
      return base + suffix;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
