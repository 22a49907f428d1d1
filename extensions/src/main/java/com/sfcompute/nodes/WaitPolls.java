package com.sfcompute.nodes;

import com.sfcompute.nodes.events.EventScope;
import com.sfcompute.nodes.internal.events.Listeners;
import com.sfcompute.nodes.internal.http.Scheduler;
import com.sfcompute.nodes.model.Node;
import com.sfcompute.nodes.model.NodeList;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * The asynchronous waits of one client, polled together: one timer for all of them, and one list
 * call for every {@value #MAX_PER_LIST} nodes whose polls fall due together, instead of a {@code
 * GET} per node per interval. A poll that finds one wait due alone reads its node with {@code GET},
 * as a single wait always has.
 *
 * <p>When the timer fires, every wait due by then is polled, and with it every wait due within half
 * of its own poll interval: reading a node a little early costs nothing, and it keeps the waits of
 * a fleet (started a few milliseconds or seconds apart) in the same list calls. A node that a list
 * answer does not show is read on its own, so that a deleted node ends its wait exactly as a {@code
 * GET}'s 404 does. A failed list call is a failed poll for each of its waits, each of which decides
 * what that means ({@link Watch#failed}).
 *
 * <p>Thread-safe. The state is guarded by {@code this}; calls, timers and the waits' callbacks run
 * outside the lock.
 */
final class WaitPolls {
  /** The most nodes one list call asks for: about 2.5 KB of query. */
  static final int MAX_PER_LIST = 100;

  private final NodesService nodes;
  private final Clock clock;
  private final Scheduler scheduler;

  /** The waits waiting for their next poll (not those whose poll is in flight). */
  private final List<Watch> waiting = new ArrayList<>();

  private @Nullable Future<?> timer;
  private @Nullable Object timerToken;
  private @Nullable Instant timerDue;

  WaitPolls(NodesService nodes, Clock clock, Scheduler scheduler) {
    this.nodes = nodes;
    this.clock = clock;
    this.scheduler = scheduler;
  }

  /**
   * One wait's side of the shared polls: the node it polls, when, and what it makes of each read.
   */
  abstract static class Watch {
    /** The node's id (or name, for a wait started with one). */
    final String target;

    /** When its next poll is due; guarded by the {@link WaitPolls}. */
    Instant due = Instant.EPOCH;

    /** How early it may be polled with others. */
    Duration slack = Duration.ZERO;

    /** The wait as listeners see it, parent of its reads; null when none listens. */
    @Nullable EventScope scope;

    Watch(String target) {
      this.target = target;
    }

    /** Whether the wait has ended (done, failed or cancelled): it is polled no more. */
    abstract boolean isDone();

    /**
     * Takes one read of the node: null when the wait has ended (its future completed), else how
     * long until its next poll.
     */
    abstract @Nullable Duration seen(Node node);

    /**
     * Takes a failed poll: null when the wait has ended (its future completed), else how long until
     * its next poll.
     */
    abstract @Nullable Duration failed(Throwable error);

    /** Ends the wait: its polls cannot go on (the client was closed). */
    abstract void end(Throwable error);

    /** Holds the read of its own in flight, to cancel with the wait. */
    abstract void reading(Future<?> read);
  }

  /** Polls {@code watch} after {@code delay}, with whichever other waits fall due by then. */
  void add(Watch watch, Duration delay) {
    synchronized (this) {
      watch.due = clock.instant().plus(delay);
      watch.slack = Duration.ofNanos(delay.toNanos() / 2);
      waiting.add(watch);
    }
    arm();
  }

  /** Stops polling {@code watch} (its wait was cancelled). */
  synchronized void remove(Watch watch) {
    waiting.remove(watch);
  }

  /**
   * Makes sure the timer fires when the earliest wait falls due. Each timer is known by a token of
   * its own, taken before it is scheduled: on fake time it may fire before {@code schedule}
   * returns.
   */
  private void arm() {
    Object token = new Object();
    Instant earliest = null;
    Future<?> replaced;
    synchronized (this) {
      for (Watch w : waiting) {
        if (earliest == null || w.due.isBefore(earliest)) {
          earliest = w.due;
        }
      }
      if (earliest == null || (timerDue != null && !earliest.isBefore(timerDue))) {
        return;
      }
      replaced = timer;
      timer = null;
      timerToken = token;
      timerDue = earliest;
    }
    Futures.cancel(replaced);
    Duration delay = Duration.between(clock.instant(), earliest);
    Future<?> scheduled;
    try {
      scheduled = scheduler.schedule(() -> poll(token), delay.isNegative() ? Duration.ZERO : delay);
    } catch (RuntimeException closed) {
      endAll(closed);
      return;
    }
    if (scheduled instanceof CompletableFuture) { // The timer reports a task that will never run.
      CompletableFuture<?> unused =
          ((CompletableFuture<?>) scheduled)
              .whenComplete(
                  (value, error) -> {
                    if (error != null && isCurrent(token)) { // Not one this class replaced.
                      endAll(Futures.unwrap(error));
                    }
                  });
    }
    synchronized (this) {
      if (timerToken == token) {
        timer = scheduled;
      }
    }
  }

  private synchronized boolean isCurrent(Object token) {
    return timerToken == token;
  }

  private void endAll(Throwable error) {
    List<Watch> ended;
    synchronized (this) {
      ended = new ArrayList<>(waiting);
      waiting.clear();
    }
    for (Watch w : ended) {
      w.end(error);
    }
  }

  /** The timer: polls every wait due now, and those that may go early with them. */
  private void poll(Object token) {
    List<Watch> due = new ArrayList<>();
    synchronized (this) {
      if (timerToken == token) {
        timer = null;
        timerToken = null;
        timerDue = null;
      }
      Instant now = clock.instant();
      for (Iterator<Watch> it = waiting.iterator(); it.hasNext(); ) {
        Watch w = it.next();
        if (w.isDone()) {
          it.remove();
        } else if (!w.due.isAfter(now.plus(w.slack))) {
          due.add(w);
          it.remove();
        }
      }
    }
    if (due.size() == 1) {
      readAlone(due.get(0));
    } else if (!due.isEmpty()) {
      readTogether(due);
    }
    arm();
  }

  /** One wait's own read: a {@code GET}. */
  private void readAlone(Watch watch) {
    CompletableFuture<Node> read;
    try {
      read = Listeners.under(watch.scope, () -> nodes.getAsync(watch.target));
    } catch (RuntimeException e) {
      next(watch, null, e);
      return;
    }
    watch.reading(read);
    CompletableFuture<?> unused = read.whenComplete((node, error) -> next(watch, node, error));
  }

  /** Many waits' reads: a list call per {@value #MAX_PER_LIST} nodes, by id or by name. */
  private void readTogether(List<Watch> due) {
    Map<String, List<Watch>> byId = new LinkedHashMap<>();
    Map<String, List<Watch>> byName = new LinkedHashMap<>();
    for (Watch w : due) {
      Map<String, List<Watch>> group = looksLikeId(w.target) ? byId : byName;
      group.computeIfAbsent(w.target, k -> new ArrayList<>()).add(w);
    }
    for (List<String> chunk : chunks(byId.keySet())) {
      list(ListNodesParams.builder().ids(chunk).build(), chunk, byId, true);
    }
    for (List<String> chunk : chunks(byName.keySet())) {
      list(ListNodesParams.builder().names(chunk).build(), chunk, byName, false);
    }
  }

  /**
   * The parent of a read shared by several waits: the fleet they all belong to, if they do (a
   * fleet's waits are its nodes' children); else none.
   */
  private static @Nullable EventScope sharedParent(
      List<String> targets, Map<String, List<Watch>> watches) {
    EventScope fleet = null;
    for (String target : targets) {
      for (Watch w : watches.get(target)) {
        EventScope wait = w.scope;
        EventScope node = wait == null ? null : wait.parent();
        EventScope parent = node == null ? null : node.parent();
        if (parent == null || (fleet != null && fleet != parent)) {
          return null;
        }
        fleet = parent;
      }
    }
    return fleet;
  }

  private void list(
      ListNodesParams params,
      List<String> targets,
      Map<String, List<Watch>> watches,
      boolean byId) {
    CompletableFuture<NodeList> read;
    try {
      read = Listeners.under(sharedParent(targets, watches), () -> nodes.listAsync(params));
    } catch (RuntimeException e) {
      read = new CompletableFuture<>();
      read.completeExceptionally(e);
    }
    CompletableFuture<?> unused =
        read.whenComplete(
            (answer, error) -> {
              Map<String, Node> found = new HashMap<>();
              List<Node> listed =
                  error == null && answer != null ? NodesServiceImpl.orNull(answer::getData) : null;
              if (listed != null) {
                for (Node node : listed) {
                  // A node without the key is not one sought: its target's own GET tells.
                  String key =
                      node == null
                          ? null
                          : NodesServiceImpl.orNull(byId ? node::getId : node::getName);
                  if (key != null) {
                    found.put(key, node);
                  }
                }
              }
              for (String target : targets) {
                Node node = found.get(target);
                for (Watch w : watches.get(target)) {
                  if (error != null) {
                    next(w, null, Futures.unwrap(error));
                  } else if (node != null) {
                    next(w, node, null);
                  } else {
                    readAlone(w); // Not listed: its own GET says whether it still exists.
                  }
                }
              }
            });
  }

  /** Hands one read to its wait, and polls it again when the wait says so. */
  private void next(Watch watch, @Nullable Node node, @Nullable Throwable error) {
    if (watch.isDone()) {
      return;
    }
    Duration wait;
    try {
      wait = error != null || node == null ? watch.failed(noNode(error)) : watch.seen(node);
    } catch (RuntimeException e) {
      watch.end(e);
      return;
    }
    if (wait != null && !watch.isDone()) {
      add(watch, wait);
    }
  }

  private static Throwable noNode(@Nullable Throwable error) {
    return error != null
        ? Futures.unwrap(error)
        : new IllegalStateException("the read answered no node");
  }

  /** Node ids start with {@code n_}; names may not (the API keeps that prefix for ids). */
  static boolean looksLikeId(String target) {
    return target.startsWith("n_");
  }

  private static List<List<String>> chunks(Iterable<String> targets) {
    List<List<String>> chunks = new ArrayList<>();
    List<String> chunk = new ArrayList<>();
    for (String target : targets) {
      chunk.add(target);
      if (chunk.size() == MAX_PER_LIST) {
        chunks.add(chunk);
        chunk = new ArrayList<>();
      }
    }
    if (!chunk.isEmpty()) {
      chunks.add(chunk);
    }
    return chunks;
  }
}
