package com.sfcompute.nodes;

import com.sfcompute.nodes.events.AttemptEvent;
import com.sfcompute.nodes.events.CallEvent;
import com.sfcompute.nodes.events.EventScope;
import com.sfcompute.nodes.events.FleetEvent;
import com.sfcompute.nodes.events.FleetNodeEvent;
import com.sfcompute.nodes.events.RedirectEvent;
import com.sfcompute.nodes.events.RetryEvent;
import com.sfcompute.nodes.events.SfcNodesListener;
import com.sfcompute.nodes.events.WaitEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * Writes every event as one line ({@link #lines}) and keeps the event objects ({@link #events}), in
 * the order told; thread-safe.
 */
final class RecordingListener implements SfcNodesListener {
  final List<String> lines = Collections.synchronizedList(new ArrayList<>());
  final List<Object> events = Collections.synchronizedList(new ArrayList<>());

  /** Run at each attemptStarted, e.g. to add a header. */
  volatile Consumer<AttemptEvent> onAttempt = a -> {};

  private void add(Object event, String line) {
    synchronized (lines) {
      events.add(event);
      lines.add(line);
    }
  }

  /** The lines so far, as one list (a copy). */
  List<String> lines() {
    synchronized (lines) {
      return new ArrayList<>(lines);
    }
  }

  /** The lines starting with {@code prefix}. */
  List<String> lines(String prefix) {
    List<String> some = new ArrayList<>();
    for (String line : lines()) {
      if (line.startsWith(prefix)) {
        some.add(line);
      }
    }
    return some;
  }

  /** The events of {@code type}, in order. */
  <T> List<T> events(Class<T> type) {
    List<T> some = new ArrayList<>();
    synchronized (lines) {
      for (Object e : events) {
        if (type.isInstance(e)) {
          some.add(type.cast(e));
        }
      }
    }
    return some;
  }

  static String describe(EventScope scope) {
    if (scope instanceof CallEvent) {
      CallEvent c = (CallEvent) scope;
      return c.operation() + (c.target() != null ? " " + c.target() : "");
    }
    if (scope instanceof WaitEvent) {
      return "wait " + ((WaitEvent) scope).target();
    }
    if (scope instanceof FleetNodeEvent) {
      return "node " + ((FleetNodeEvent) scope).target();
    }
    if (scope instanceof FleetEvent) {
      return ((FleetEvent) scope).operation();
    }
    return String.valueOf(scope);
  }

  @Override
  public void callStarted(CallEvent call) {
    add(call, "callStarted " + describe(call));
  }

  @Override
  public void attemptStarted(AttemptEvent attempt) {
    onAttempt.accept(attempt);
    add(attempt, "attemptStarted " + attempt.resendCount());
  }

  @Override
  public void attemptEnded(AttemptEvent attempt) {
    add(
        attempt,
        "attemptEnded "
            + attempt.resendCount()
            + " "
            + (attempt.error() != null
                ? attempt.error().getClass().getSimpleName()
                : attempt.statusCode()));
  }

  @Override
  public void retryScheduled(RetryEvent retry) {
    add(retry, "retryScheduled " + retry.reason() + " " + retry.delay().toMillis() + "ms");
  }

  @Override
  public void redirectRefused(RedirectEvent redirect) {
    add(redirect, "redirectRefused " + redirect.statusCode() + " " + redirect.location());
  }

  @Override
  public void callEnded(CallEvent call) {
    add(
        call,
        "callEnded "
            + describe(call)
            + (call.error() != null ? " " + call.error().getClass().getSimpleName() : ""));
  }

  @Override
  public void waitStarted(WaitEvent wait) {
    add(wait, "waitStarted " + wait.target());
  }

  @Override
  public void waitPolled(WaitEvent wait) {
    add(
        wait,
        "waitPolled "
            + wait.target()
            + " "
            + (wait.pollError() != null
                ? wait.pollError().getClass().getSimpleName()
                : wait.nodeStatus() + "/" + wait.vmStatus()));
  }

  @Override
  public void waitEnded(WaitEvent wait) {
    add(
        wait,
        "waitEnded "
            + wait.target()
            + (wait.error() != null ? " " + wait.error().getClass().getSimpleName() : ""));
  }

  @Override
  public void fleetStarted(FleetEvent fleet) {
    add(fleet, "fleetStarted " + fleet.operation() + " " + fleet.size());
  }

  @Override
  public void fleetNodeStarted(FleetNodeEvent node) {
    add(node, "fleetNodeStarted " + node.target());
  }

  @Override
  public void fleetNodeEnded(FleetNodeEvent node) {
    add(node, "fleetNodeEnded " + node.target() + " " + node.outcome());
  }

  @Override
  public void fleetEnded(FleetEvent fleet) {
    add(fleet, "fleetEnded " + fleet.operation() + " " + fleet.succeeded() + "/" + fleet.size());
  }
}
