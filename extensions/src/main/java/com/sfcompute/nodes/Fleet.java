package com.sfcompute.nodes;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sfcompute.nodes.model.Node;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Fleets: {@code client.fleet()}. Redeploy, release or extend many nodes with bounded concurrency;
 * one result per node, in the order given; one failure never stops the others.
 *
 * <pre>{@code
 * List<FleetResult<Node>> results = client.fleet().redeploy(
 *     Arrays.asList("trainer-1", "trainer-2", "trainer-3"),
 *     RedeployParams.builder().image("vmi_new").build(),
 *     FleetOptions.builder().concurrency(8).waitForRedeploy().build());
 * results.stream().filter(r -> !r.isSuccess()).forEach(System.err::println);
 * }</pre>
 *
 * <p>Calls run asynchronously: no thread per node. Each node's call has its own idempotency key;
 * when the params carry a key, each node's key is derived from it and the node's id or name, so
 * repeating the same fleet call repeats the same keys.
 */
public final class Fleet {
  private final NodesService nodes;
  private final Waiters waiters;

  Fleet(NodesService nodes, Waiters waiters) {
    this.nodes = nodes;
    this.waiters = waiters;
  }

  /** Redeploys each node; with {@link FleetOptions.Builder#waitForRedeploy()}, waits for each. */
  public List<FleetResult<Node>> redeploy(
      List<String> idsOrNames, RedeployParams params, FleetOptions options) {
    return join(redeployAsync(idsOrNames, params, options));
  }

  /**
   * {@link #redeploy} without blocking: the future completes, never exceptionally, once every node
   * has finished, with one result per node. Cancelling it starts no further node and cancels the
   * calls in flight.
   */
  public CompletableFuture<List<FleetResult<Node>>> redeployAsync(
      List<String> idsOrNames, RedeployParams params, FleetOptions options) {
    Checks.notNull(params, "params");
    WaitOptions wait = Checks.notNull(options, "options").waitOptions();
    return run(
        idsOrNames,
        options,
        target -> {
          RedeployParams own =
              params.idempotencyKey() == null
                  ? params
                  : params.withIdempotencyKey(derive(params.idempotencyKey(), target));
          return wait == null
              ? nodes.redeployAsync(target, own)
              : waiters.redeployAndWaitAsync(target, own, wait);
        });
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
    return run(idsOrNames, options, target -> nodes.releaseAsync(target, null));
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
    Checks.notNull(params, "params");
    return run(
        idsOrNames,
        options,
        target ->
            nodes.extendAsync(
                target,
                params.idempotencyKey() == null
                    ? params
                    : params.withIdempotencyKey(derive(params.idempotencyKey(), target))));
  }

  private static <T> CompletableFuture<List<FleetResult<T>>> run(
      List<String> targets, FleetOptions options, Function<String, CompletableFuture<T>> action) {
    List<String> all = new ArrayList<>(Checks.notNull(targets, "idsOrNames"));
    for (int i = 0; i < all.size(); i++) {
      Checks.notNull(all.get(i), "idsOrNames[" + i + "]");
    }
    Checks.notNull(options, "options");
    Batch<T> batch = new Batch<>(all, action);
    if (all.isEmpty()) {
      batch.done.complete(Collections.emptyList());
    }
    for (int i = 0; i < Math.min(options.concurrency(), all.size()); i++) {
      batch.launchNext();
    }
    return batch.done;
  }

  /** A bounded run: each finished node starts the next one. */
  private static final class Batch<T> {
    private final List<String> targets;
    private final Function<String, CompletableFuture<T>> action;
    private final @Nullable FleetResult<?>[] results;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger finished = new AtomicInteger();

    /** The calls in flight, by identity (CompletableFuture's equality): each its own element. */
    private final Set<CompletableFuture<T>> inFlight = ConcurrentHashMap.newKeySet();

    /** Cancelling it starts no further node and cancels the calls in flight. */
    final CompletableFuture<List<FleetResult<T>>> done =
        Futures.onCancel(() -> inFlight.forEach(Futures::cancel));

    Batch(List<String> targets, Function<String, CompletableFuture<T>> action) {
      this.targets = targets;
      this.action = action;
      this.results = new FleetResult<?>[targets.size()];
    }

    @SuppressWarnings("CollectionUndefinedEquality") // inFlight is by identity, as intended.
    void launchNext() {
      if (done.isDone()) {
        return;
      }
      int index = next.getAndIncrement();
      if (index >= targets.size()) {
        return;
      }
      String target = targets.get(index);
      CompletableFuture<T> call;
      try {
        call = action.apply(target);
      } catch (RuntimeException e) {
        finish(index, FleetResult.failure(target, e));
        return;
      }
      inFlight.add(call);
      if (done.isCancelled()) {
        call.cancel(false);
      }
      CompletableFuture<?> unused =
          call.whenComplete(
              (value, error) -> {
                inFlight.remove(call);
                finish(
                    index,
                    error == null
                        ? FleetResult.success(target, value)
                        : FleetResult.failure(target, Futures.unwrapUnchecked(error)));
              });
    }

    @SuppressWarnings("unchecked")
    private void finish(int index, FleetResult<T> result) {
      synchronized (results) {
        results[index] = result;
      }
      if (finished.incrementAndGet() == targets.size()) {
        List<FleetResult<T>> list = new ArrayList<>();
        synchronized (results) {
          for (FleetResult<?> r : results) {
            list.add((FleetResult<T>) r);
          }
        }
        done.complete(Collections.unmodifiableList(list));
      } else {
        launchNext();
      }
    }
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
