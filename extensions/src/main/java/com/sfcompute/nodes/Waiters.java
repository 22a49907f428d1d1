package com.sfcompute.nodes;

import com.sfcompute.nodes.errors.NodeStateException;
import com.sfcompute.nodes.errors.NotFoundException;
import com.sfcompute.nodes.errors.SfcNodesException;
import com.sfcompute.nodes.errors.WaitTimeoutException;
import com.sfcompute.nodes.internal.events.Listeners;
import com.sfcompute.nodes.internal.events.WaitRecord;
import com.sfcompute.nodes.internal.http.Scheduler;
import com.sfcompute.nodes.model.Node;
import com.sfcompute.nodes.model.Vm;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Waiters: {@code client.waiters()}. Poll a node until it runs, or until a redeploy has replaced
 * its VM with a running one; fail fast when that can no longer happen.
 *
 * <pre>{@code
 * Node node = client.waiters().redeployAndWait("cuda-crunch",
 *     RedeployParams.builder().userData(UserData.ofText(script)).build());
 * }</pre>
 *
 * <p>Polls start every 2 s and grow by half up to every 15 s; the whole wait times out after 15
 * minutes ({@link WaitOptions}). Every wait, blocking or not, reads the client's {@link
 * SfcNodes.Builder#clock clock} and waits with its {@link SfcNodes.Builder#sleeper sleeper}, so a
 * sleeper that advances a fake clock runs every wait instantly. The synchronous forms stop when the
 * thread is interrupted; the asynchronous forms hold no thread while waiting (one scheduling thread
 * per client) and stop when their future is cancelled. The asynchronous waits of one client are
 * polled together ({@link WaitPolls}): a list call per 100 nodes whose polls fall due together, a
 * {@code GET} for a wait due alone.
 *
 * <p>A poll that fails (an I/O error, a 5xx, a throttled read past its retries) is polled again at
 * the next interval: only the deadline ends a wait whose polls fail, with a {@link
 * WaitTimeoutException} caused by the last failure.
 *
 * <p>A node that is deleted while a wait watches it (read as {@code deleted}, or answered 404 after
 * it was seen) ends the wait with {@link NodeStateException}; a node that does not exist at the
 * first read fails with {@link com.sfcompute.nodes.errors.NotFoundException}.
 */
public final class Waiters {
  private final NodesService nodes;
  private final Clock clock;
  private final Sleeper sleeper;
  private final WaitPolls polls;
  private final Listeners listeners;

  Waiters(
      NodesService nodes, Clock clock, Sleeper sleeper, Scheduler scheduler, Listeners listeners) {
    this.nodes = nodes;
    this.clock = clock;
    this.sleeper = sleeper;
    this.polls = new WaitPolls(nodes, clock, scheduler);
    this.listeners = listeners;
  }

  /**
   * Waits until the node and its current VM run, e.g. after create.
   *
   * @throws NodeStateException when the node fails, terminates, is released or deleted (also a 404
   *     after the node was seen), or its VM fails
   * @throws com.sfcompute.nodes.errors.NotFoundException when the node does not exist at the first
   *     read
   * @throws WaitTimeoutException when the timeout passes first
   */
  public Node waitUntilRunning(String idOrName) {
    return waitUntilRunning(idOrName, WaitOptions.defaults());
  }

  /** {@link #waitUntilRunning(String)} with your own timeout, poll intervals and listener. */
  public Node waitUntilRunning(String idOrName, WaitOptions options) {
    return poll(Checks.pathSegment(idOrName, "id"), WaitGoal.running(), options);
  }

  /**
   * {@link #waitUntilRunning(String, WaitOptions)} without blocking: the future completes with the
   * running node, or fails with what the blocking form throws.
   *
   * @throws IllegalArgumentException if {@code idOrName} is blank, {@code "."} or {@code ".."}, at
   *     once rather than through the future
   */
  public CompletableFuture<Node> waitUntilRunningAsync(String idOrName, WaitOptions options) {
    return pollAsync(Checks.pathSegment(idOrName, "id"), WaitGoal.running(), options);
  }

  /**
   * Waits until the node's current VM is another VM than {@code previousVmId} and runs: the end of
   * a redeploy. A VM replaced twice meanwhile is fine: any other VM that runs ends the wait.
   *
   * @param previousVmId the VM before the redeploy, or null if the node had none
   * @throws NodeStateException when the node fails, terminates, is released or deleted (also a 404
   *     after the node was seen), or the new VM fails or is destroyed
   * @throws com.sfcompute.nodes.errors.NotFoundException when the node does not exist at the first
   *     read
   * @throws WaitTimeoutException when the timeout passes first
   */
  public Node waitForRedeploy(String idOrName, @Nullable String previousVmId) {
    return waitForRedeploy(idOrName, previousVmId, WaitOptions.defaults());
  }

  /**
   * {@link #waitForRedeploy(String, String)} with your own timeout, poll intervals and listener.
   */
  public Node waitForRedeploy(String idOrName, @Nullable String previousVmId, WaitOptions options) {
    return poll(Checks.pathSegment(idOrName, "id"), WaitGoal.redeployed(previousVmId), options);
  }

  /**
   * {@link #waitForRedeploy(String, String, WaitOptions)} without blocking: the future completes
   * with the node running its new VM, or fails with what the blocking form throws.
   *
   * @throws IllegalArgumentException if {@code idOrName} is blank, {@code "."} or {@code ".."}, at
   *     once rather than through the future
   */
  public CompletableFuture<Node> waitForRedeployAsync(
      String idOrName, @Nullable String previousVmId, WaitOptions options) {
    return pollAsync(
        Checks.pathSegment(idOrName, "id"), WaitGoal.redeployed(previousVmId), options);
  }

  /**
   * Redeploys the node and waits for the VM the redeploy answer names to run. The node is read
   * first (a name resolves to one id for the whole operation). Repeating the call with the
   * idempotency key of an {@link com.sfcompute.nodes.errors.OutcomeUnknownException} is safe: the
   * replayed answer names the VM the first attempt started, and the wait ends when that one runs.
   *
   * @throws NodeStateException when the node fails, terminates, is released or deleted while
   *     waiting, or the new VM fails or is destroyed
   * @throws com.sfcompute.nodes.errors.SfcNodesInvalidDataException when the node read has no id
   * @throws WaitTimeoutException when the timeout passes first
   */
  public Node redeployAndWait(String idOrName, RedeployParams params) {
    return redeployAndWait(idOrName, params, WaitOptions.defaults());
  }

  /**
   * {@link #redeployAndWait(String, RedeployParams)}, waiting with your own timeout, poll intervals
   * and listener.
   */
  public Node redeployAndWait(String idOrName, RedeployParams params, WaitOptions options) {
    Checks.notNull(params, "params");
    Checks.notNull(options, "options");
    Node before = nodes.get(Checks.pathSegment(idOrName, "id"));
    String id = NodesServiceImpl.idOf(before, "redeploy");
    Node answer = nodes.redeploy(id, params);
    WaitGoal goal = WaitGoal.redeployedTo(vmId(answer), vmId(before));
    return goal.check(answer) == WaitGoal.Verdict.DONE ? answer : poll(id, goal, options, answer);
  }

  /**
   * {@link #redeployAndWait(String, RedeployParams, WaitOptions)} without blocking: the future
   * completes with the node running its new VM; cancelling it cancels the read, the redeploy or the
   * wait in flight.
   *
   * @throws IllegalArgumentException if {@code idOrName} is blank, {@code "."} or {@code ".."}, at
   *     once rather than through the future
   */
  public CompletableFuture<Node> redeployAndWaitAsync(
      String idOrName, RedeployParams params, WaitOptions options) {
    Checks.notNull(params, "params");
    Checks.notNull(options, "options");
    return Futures.compose(
        nodes.getAsync(Checks.pathSegment(idOrName, "id")),
        before -> {
          String id = NodesServiceImpl.idOf(before, "redeploy");
          return Futures.compose(
              nodes.redeployAsync(id, params),
              answer -> {
                WaitGoal goal = WaitGoal.redeployedTo(vmId(answer), vmId(before));
                return goal.check(answer) == WaitGoal.Verdict.DONE
                    ? CompletableFuture.completedFuture(answer)
                    : pollAsync(id, goal, options, answer, Duration.ZERO);
              });
        });
  }

  private Node poll(String id, WaitGoal goal, WaitOptions options) {
    return poll(id, goal, options, null);
  }

  private Node poll(String id, WaitGoal goal, WaitOptions options, @Nullable Node known) {
    Checks.notNull(options, "options");
    Poller poller = new Poller(id, goal, options, known);
    while (true) {
      Duration wait;
      try {
        wait = poller.observe(Listeners.under(poller.record, () -> nodes.get(id)));
      } catch (SfcNodesException e) {
        if (e instanceof NodeStateException || e instanceof WaitTimeoutException) {
          throw e;
        }
        wait = poller.failed(e);
      }
      if (wait == null) {
        return poller.last();
      }
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        CancellationException cancelled =
            new CancellationException("interrupted while waiting for node " + id);
        cancelled.initCause(e);
        poller.ended(cancelled);
        throw cancelled;
      }
    }
  }

  private CompletableFuture<Node> pollAsync(String id, WaitGoal goal, WaitOptions options) {
    return pollAsync(id, goal, options, null, Duration.ZERO);
  }

  private CompletableFuture<Node> pollAsync(
      String id, WaitGoal goal, WaitOptions options, @Nullable Node known, Duration firstPoll) {
    Checks.notNull(options, "options");
    AsyncPoll poll = new AsyncPoll(id, new Poller(id, goal, options, known));
    poll.scope = poll.poller.record;
    polls.add(poll, firstPoll);
    return poll.result;
  }

  /**
   * The wait for a redeploy whose answer the caller already holds (a fleet's): no read before the
   * first poll interval has passed, since the answer is what a read at once would show; the polls
   * shared with the client's other waits. {@code previousVmId}: the VM before the redeploy, when
   * known.
   */
  CompletableFuture<Node> awaitRedeployAsync(
      String id, Node answer, @Nullable String previousVmId, WaitOptions options) {
    WaitGoal goal = WaitGoal.redeployedTo(vmId(answer), previousVmId);
    if (goal.check(answer) == WaitGoal.Verdict.DONE) {
      return CompletableFuture.completedFuture(answer);
    }
    return pollAsync(id, goal, options, answer, options.pollInterval());
  }

  /**
   * One asynchronous wait: the shared polls read its node when due, it decides; no thread held in
   * between.
   */
  private final class AsyncPoll extends WaitPolls.Watch {
    private final Poller poller;
    private final AtomicReference<@Nullable Future<?>> pending = new AtomicReference<>();
    final CompletableFuture<Node> result =
        Futures.onCancel(
            () -> {
              polls.remove(this);
              Futures.cancel(pending.get());
              cancelled();
            });

    AsyncPoll(String id, Poller poller) {
      super(id);
      this.poller = poller;
    }

    private void cancelled() {
      poller.ended(new CancellationException("wait for node " + target + " cancelled"));
    }

    @Override
    boolean isDone() {
      return result.isDone();
    }

    @Override
    void reading(Future<?> read) {
      pending.set(read);
      if (result.isCancelled()) {
        read.cancel(false);
      }
    }

    @Override
    @Nullable Duration seen(Node node) {
      return settle(() -> poller.observe(node));
    }

    @Override
    @Nullable Duration failed(Throwable error) {
      return settle(() -> poller.failed(error));
    }

    @Override
    void end(Throwable error) {
      poller.ended(error);
      result.completeExceptionally(error);
    }

    /** Runs one step of the wait: its next delay, or null once the result is complete. */
    private @Nullable Duration settle(java.util.function.Supplier<@Nullable Duration> step) {
      try {
        Duration wait = step.get();
        if (wait == null) {
          result.complete(poller.last());
        }
        return wait;
      } catch (RuntimeException e) {
        result.completeExceptionally(e);
        return null;
      }
    }
  }

  /** The state of one wait: what it saw, when, and how long to wait next. */
  private final class Poller {
    private final String id;
    private final WaitGoal goal;
    private final WaitOptions options;
    private final Instant start;
    private final Instant deadline;
    private Duration interval;
    private int polls;
    private @Nullable WaitProgress lastProgress;

    private @Nullable Node lastNode;
    private @Nullable Throwable lastFailure;

    /** The wait as listeners see it; null when none listens. */
    final @Nullable WaitRecord record;

    private boolean ended;

    /** {@code known}: the node as the caller last saw it (a redeploy's answer), or null. */
    Poller(String id, WaitGoal goal, WaitOptions options, @Nullable Node known) {
      this.id = id;
      this.goal = goal;
      this.options = options;
      this.start = clock.instant();
      this.deadline = start.plus(options.timeout());
      this.interval = options.pollInterval();
      this.lastNode = known;
      if (listeners.active()) {
        record = new WaitRecord(Listeners.currentParent(), id, goal.description());
        listeners.waitStarted(record);
      } else {
        record = null;
      }
    }

    /** Tells listeners that the wait ended (once): its goal reached when {@code error} is null. */
    void ended(@Nullable Throwable error) {
      WaitRecord r = record;
      if (r == null) {
        return;
      }
      synchronized (this) {
        if (ended) {
          return;
        }
        ended = true;
      }
      r.ended(Duration.between(start, clock.instant()), error);
      listeners.waitEnded(r);
    }

    /** Tells listeners of a poll that read the node, then of the end if it was the last. */
    private @Nullable Duration polled(
        WaitProgress progress, @Nullable Duration next, @Nullable RuntimeException end) {
      WaitRecord r = record;
      if (r != null) {
        r.polled(
            polls,
            progress.elapsed(),
            progress.nodeStatus(),
            progress.vmStatus(),
            next == null ? Duration.ZERO : next);
        listeners.waitPolled(r);
        if (next == null) {
          ended(end);
        }
      }
      if (end != null) {
        throw end;
      }
      return next;
    }

    /** Tells listeners of a failed poll, then of the end if it was the last. */
    private Duration pollFailed(
        Throwable error, @Nullable Duration next, @Nullable RuntimeException end) {
      WaitRecord r = record;
      if (r != null) {
        r.pollFailed(
            polls,
            Duration.between(start, clock.instant()),
            error,
            next == null ? Duration.ZERO : next);
        listeners.waitPolled(r);
        if (next == null) {
          ended(end);
        }
      }
      if (end != null) {
        throw end;
      }
      if (next == null) {
        throw new IllegalStateException("a failed poll goes on or ends with an exception");
      }
      return next;
    }

    /**
     * What a 404 means: a node seen before (by this wait, or by the caller just before it) was
     * deleted, which no waiting will undo; a node never seen does not exist, and the 404 stands.
     */
    RuntimeException gone(NotFoundException notFound) {
      Node seen = lastNode;
      if (seen == null) {
        return notFound;
      }
      return new NodeStateException(
          "Node "
              + WaitGoal.describe(seen)
              + " was deleted while waiting for it to "
              + goal.description()
              + " (404 on "
              + id
              + ")",
          seen,
          notFound);
    }

    /**
     * Takes one read: null when the goal is reached, else how long to wait before the next read.
     *
     * @throws NodeStateException when the goal can no longer be reached
     * @throws WaitTimeoutException when the deadline has passed
     */
    @Nullable Duration observe(Node node) {
      Instant now = clock.instant();
      polls++;
      WaitProgress progress = new WaitProgress(node, Duration.between(start, now), polls);
      if (!progress.sameState(lastProgress) && options.listener() != null) {
        options.listener().onChange(progress);
      }
      lastProgress = progress;
      lastNode = node;
      WaitGoal.Verdict verdict = goal.check(node);
      if (verdict == WaitGoal.Verdict.DONE) {
        return polled(progress, null, null);
      }
      if (verdict == WaitGoal.Verdict.FAILED) {
        return polled(progress, null, new NodeStateException(goal.failure(node), node));
      }
      if (!now.isBefore(deadline)) {
        return polled(progress, null, timedOut(progress));
      }
      return polled(progress, next(now), null);
    }

    /**
     * Takes one failed read: a poll that failed or was throttled is polled again until the
     * deadline, never the end of the wait by itself; a 404 means what {@link #gone} says.
     *
     * @return how long to wait before the next read
     * @throws WaitTimeoutException when the deadline has passed, caused by this failure
     * @throws RuntimeException the failure itself, when it is not the API's (the client was closed,
     *     the wait cancelled)
     */
    Duration failed(Throwable error) {
      if (error instanceof NotFoundException) {
        polls++;
        return pollFailed(error, null, gone((NotFoundException) error));
      }
      if (!(error instanceof SfcNodesException)) {
        RuntimeException end = Futures.unwrapUnchecked(error);
        ended(end);
        throw end;
      }
      Instant now = clock.instant();
      polls++;
      lastFailure = error;
      if (!now.isBefore(deadline)) {
        WaitTimeoutException timeout = timedOut(lastProgress);
        timeout.initCause(error);
        return pollFailed(error, null, timeout);
      }
      return pollFailed(error, next(now), null);
    }

    private WaitTimeoutException timedOut(@Nullable WaitProgress progress) {
      Throwable failure = lastFailure;
      return new WaitTimeoutException(
          "Timed out after "
              + options.timeout()
              + " waiting for node "
              + id
              + " to "
              + goal.description()
              + "; last seen: "
              + (progress != null
                  ? progress
                  : lastNode != null ? WaitGoal.describe(lastNode) : "none")
              + (failure != null ? "; last poll failed: " + failure.getMessage() : ""),
          progress != null ? progress.node() : lastNode,
          options.timeout());
    }

    private Duration next(Instant now) {
      Duration wait = min(interval, Duration.between(now, deadline));
      interval =
          min(Duration.ofNanos((long) (interval.toNanos() * 1.5)), options.maxPollInterval());
      return wait;
    }

    Node last() {
      WaitProgress progress = lastProgress;
      if (progress == null) {
        throw new IllegalStateException("no read yet");
      }
      return progress.node();
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static @Nullable String vmId(Node node) {
    Vm vm = node.getCurrentVm();
    return vm == null ? null : vm.getId();
  }
}
