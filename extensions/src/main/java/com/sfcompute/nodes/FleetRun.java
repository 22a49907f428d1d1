package com.sfcompute.nodes;

import com.sfcompute.nodes.FleetResult.Outcome;
import com.sfcompute.nodes.errors.OutcomeUnknownException;
import com.sfcompute.nodes.errors.RateLimitException;
import com.sfcompute.nodes.internal.events.FleetRecord;
import com.sfcompute.nodes.internal.events.Listeners;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;

/**
 * One fleet call: which node starts next, what is in flight, and each node's result. A node takes a
 * request slot for its write, then (when the fleet waits) joins the client's shared polls, giving
 * the slot back. Guarded by {@code this}; calls start and complete outside the lock.
 */
final class FleetRun<T> {
  private final List<String> targets;
  private final List<String> keys;
  private final int concurrency;
  private final int maxOutOfService;
  private final int stopAfterFailures;
  private final IntFunction<CompletableFuture<T>> request;
  private final @Nullable BiFunction<Integer, T, CompletableFuture<T>> await;

  private final @Nullable FleetResult<?>[] results;
  private final ArrayDeque<Integer> queue = new ArrayDeque<>();
  private final Set<CompletableFuture<?>> inFlight =
      Collections.newSetFromMap(new IdentityHashMap<>());
  private final int[] successesAtStart;
  private final int[] throttledInARow;
  private int window;
  private int requesting;
  private int waiting;
  private int outOfService;
  private int successes;
  private int failures;
  private boolean stopped;
  private boolean pumping;
  private boolean again;

  private Listeners listeners = Listeners.NONE;
  private @Nullable FleetRecord fleet;
  private FleetRecord.@Nullable Node[] nodes = new FleetRecord.Node[0];

  final CompletableFuture<List<FleetResult<T>>> done;

  FleetRun(
      List<String> targets,
      List<String> keys,
      FleetOptions options,
      IntFunction<CompletableFuture<T>> request,
      @Nullable BiFunction<Integer, T, CompletableFuture<T>> await) {
    this.targets = targets;
    this.keys = keys;
    this.concurrency = options.concurrency();
    this.maxOutOfService = options.maxOutOfService();
    this.stopAfterFailures = options.stopAfterFailures();
    this.request = request;
    this.await = await;
    this.results = new FleetResult<?>[targets.size()];
    this.successesAtStart = new int[targets.size()];
    this.throttledInARow = new int[targets.size()];
    this.window = Math.min(concurrency, Fleet.INITIAL_WINDOW);
    for (int i = 0; i < targets.size(); i++) {
      queue.add(i);
    }
    this.done = Futures.onCancel(this::cancel);
  }

  /** Tells {@code listeners} of each node, under {@code fleet}; none when null. */
  FleetRun<T> observed(Listeners listeners, @Nullable FleetRecord fleet) {
    if (fleet != null) {
      this.listeners = listeners;
      this.fleet = fleet;
      this.nodes = new FleetRecord.Node[targets.size()];
    }
    return this;
  }

  CompletableFuture<List<FleetResult<T>>> start() {
    pump();
    return done;
  }

  private void cancel() {
    List<CompletableFuture<?>> running;
    synchronized (this) {
      stopped = true;
      running = new ArrayList<>(inFlight);
    }
    running.forEach(Futures::cancel);
  }

  /** Starts every node that may start now; re-entrant calls leave the work to the running one. */
  private void pump() {
    synchronized (this) {
      if (pumping) {
        again = true;
        return;
      }
      pumping = true;
    }
    while (true) {
      int index;
      synchronized (this) {
        if (!mayStart()) {
          if (again) {
            again = false;
            continue;
          }
          pumping = false;
          break;
        }
        index = queue.removeFirst();
        requesting++;
        if (maxOutOfService > 0) {
          outOfService++;
        }
        successesAtStart[index] = successes;
      }
      send(index);
    }
    completeIfFinished();
  }

  private boolean mayStart() {
    return !stopped
        && !queue.isEmpty()
        && requesting < window
        && (maxOutOfService == 0 || outOfService < maxOutOfService);
  }

  private void send(int index) {
    FleetRecord.Node node = nodeStarting(index);
    CompletableFuture<T> call;
    try {
      call = Listeners.under(node, () -> request.apply(index));
    } catch (RuntimeException e) { // Bad input for this node: nothing was sent.
      requested(index, null, e);
      return;
    }
    track(call);
    CompletableFuture<?> unused =
        call.whenComplete(
            (value, error) -> {
              untrack(call);
              requested(index, value, error);
            });
  }

  private void requested(int index, @Nullable T value, @Nullable Throwable error) {
    BiFunction<Integer, T, CompletableFuture<T>> then = await;
    if (error == null) {
      synchronized (this) {
        successes++;
        throttledInARow[index] = 0;
        window = Math.min(concurrency, window + 1); // Doubles per round trip, up to the bound.
        if (then != null) { // One step: a node is always counted requesting, waiting or finished.
          requesting--;
          waiting++;
        }
      }
    }
    if (error != null) {
      failedRequest(index, Futures.unwrapUnchecked(error));
    } else if (then == null) {
      finish(
          index,
          Phase.REQUESTING,
          FleetResult.success(targets.get(index), value, keys.get(index)),
          true);
    } else {
      waitFor(index, then, value);
    }
    pump();
  }

  private void failedRequest(int index, RuntimeException error) {
    if (error instanceof RateLimitException) {
      synchronized (this) {
        boolean progress = successes > successesAtStart[index];
        if (!stopped && (progress || throttledInARow[index] < Fleet.THROTTLED_REQUEUES)) {
          throttledInARow[index] = progress ? 0 : throttledInARow[index] + 1;
          requesting--;
          queue.addFirst(index); // Not applied: it goes again, with the same key.
          if (maxOutOfService > 0) {
            outOfService--;
          }
          return;
        }
      }
    }
    Outcome outcome =
        error instanceof OutcomeUnknownException ? Outcome.UNKNOWN : Outcome.NOT_APPLIED;
    finish(
        index,
        Phase.REQUESTING,
        FleetResult.failure(targets.get(index), outcome, null, error, keys.get(index)),
        outcome == Outcome.NOT_APPLIED); // A write that may have been applied keeps its place.
  }

  private void waitFor(
      int index, BiFunction<Integer, T, CompletableFuture<T>> then, @Nullable T answer) {
    CompletableFuture<T> wait;
    try {
      wait = Listeners.under(node(index), () -> then.apply(index, answer));
    } catch (RuntimeException e) {
      waited(index, answer, null, e);
      return;
    }
    track(wait);
    CompletableFuture<?> unused =
        wait.whenComplete(
            (node, error) -> {
              untrack(wait);
              waited(index, answer, node, error);
            });
  }

  private void waited(int index, @Nullable T answer, @Nullable T node, @Nullable Throwable error) {
    String target = targets.get(index);
    if (error == null) {
      finish(index, Phase.WAITING, FleetResult.success(target, node, keys.get(index)), true);
    } else {
      // Applied: the node is out of service until someone sees it running again.
      finish(
          index,
          Phase.WAITING,
          FleetResult.failure(
              target, Outcome.APPLIED, answer, Futures.unwrapUnchecked(error), keys.get(index)),
          false);
    }
    pump();
  }

  /** Where a node was before it finished; leaving it and recording its result are one step. */
  private enum Phase {
    REQUESTING,
    WAITING
  }

  /** The node's record, told started at its first start (a throttled node starts again). */
  private FleetRecord.@Nullable Node nodeStarting(int index) {
    FleetRecord f = fleet;
    if (f == null) {
      return null;
    }
    FleetRecord.Node node;
    synchronized (this) {
      node = nodes[index];
      if (node != null) {
        return node;
      }
      node = f.node(index, targets.get(index), keys.get(index));
      nodes[index] = node;
    }
    listeners.fleetNodeStarted(node);
    return node;
  }

  private synchronized FleetRecord.@Nullable Node node(int index) {
    return nodes.length == 0 ? null : nodes[index];
  }

  private void finish(int index, Phase from, FleetResult<T> result, boolean backInService) {
    FleetRecord.Node node = node(index);
    if (node != null) {
      node.ended(result.outcome(), result.error());
      listeners.fleetNodeEnded(node);
    }
    synchronized (this) {
      if (from == Phase.REQUESTING) {
        requesting--;
      } else {
        waiting--;
      }
      results[index] = result;
      if (backInService && maxOutOfService > 0) {
        outOfService--;
      }
      if (!result.isSuccess()) {
        failures++;
        if (stopAfterFailures > 0 && failures >= stopAfterFailures) {
          stopped = true;
        }
      }
    }
  }

  private synchronized void track(CompletableFuture<?> call) {
    inFlight.add(call);
    if (done.isCancelled()) {
      call.cancel(false);
    }
  }

  @SuppressWarnings("CollectionUndefinedEquality") // inFlight is by identity, as intended.
  private synchronized void untrack(CompletableFuture<?> call) {
    inFlight.remove(call);
  }

  /**
   * Completes the fleet once nothing is in flight and nothing more can start: every node finished,
   * or the rest cannot start (stopped, or a rolling redeploy whose places are all held by nodes
   * that did not come back), which are reported not started.
   */
  @SuppressWarnings("unchecked")
  private void completeIfFinished() {
    List<FleetResult<T>> list;
    synchronized (this) {
      if (done.isDone() || pumping || requesting > 0 || waiting > 0 || mayStart()) {
        return;
      }
      for (Integer index : queue) {
        results[index] =
            FleetResult.failure(
                targets.get(index),
                Outcome.NOT_STARTED,
                null,
                new CancellationException(
                    "Not started: the fleet stopped after "
                        + failures
                        + " failed node"
                        + (failures == 1 ? "" : "s")
                        + (maxOutOfService > 0 && outOfService >= maxOutOfService
                            ? ", with " + outOfService + " out of service"
                            : "")),
                keys.get(index));
      }
      queue.clear();
      list = new ArrayList<>();
      for (FleetResult<?> r : results) {
        list.add((FleetResult<T>) r);
      }
    }
    FleetRecord f = fleet;
    if (f != null) {
      f.ended();
      listeners.fleetEnded(f);
    }
    done.complete(Collections.unmodifiableList(list));
  }
}
