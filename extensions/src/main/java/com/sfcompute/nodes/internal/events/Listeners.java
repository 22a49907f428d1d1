package com.sfcompute.nodes.internal.events;

import com.sfcompute.nodes.events.AttemptEvent;
import com.sfcompute.nodes.events.CallEvent;
import com.sfcompute.nodes.events.EventScope;
import com.sfcompute.nodes.events.FleetEvent;
import com.sfcompute.nodes.events.FleetNodeEvent;
import com.sfcompute.nodes.events.RedirectEvent;
import com.sfcompute.nodes.events.RetryEvent;
import com.sfcompute.nodes.events.SfcNodesListener;
import com.sfcompute.nodes.events.WaitEvent;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A client's listeners, told of each event in the order they were registered. A listener that
 * throws is logged once and never breaks the work. With none, {@link #active()} is false and the
 * SDK builds no event at all: the per-call cost stays what it was without listeners.
 */
public final class Listeners {
  /** No listener. */
  public static final Listeners NONE = new Listeners(new SfcNodesListener[0], line -> {});

  /** The scope (a wait, a fleet node) whose work the current thread is starting, if any. */
  private static final ThreadLocal<@Nullable EventScope> PARENT = new ThreadLocal<>();

  private final SfcNodesListener[] listeners;
  private final AtomicBoolean[] logged;
  private final Consumer<String> log;

  private Listeners(SfcNodesListener[] listeners, Consumer<String> log) {
    this.listeners = listeners;
    this.logged = new AtomicBoolean[listeners.length];
    for (int i = 0; i < logged.length; i++) {
      logged[i] = new AtomicBoolean();
    }
    this.log = log;
  }

  /** {@code listeners}, telling their failures to {@code log}; {@link #NONE} when empty. */
  public static Listeners of(List<SfcNodesListener> listeners, Consumer<String> log) {
    return listeners.isEmpty()
        ? NONE
        : new Listeners(listeners.toArray(new SfcNodesListener[0]), log);
  }

  /** Whether anyone listens: when not, no event is built. */
  public boolean active() {
    return listeners.length > 0;
  }

  /**
   * Runs {@code start} with {@code parent} as the parent of every call and wait it starts on this
   * thread (the call's start event is told on the starting thread).
   */
  public static <T> T under(@Nullable EventScope parent, java.util.function.Supplier<T> start) {
    EventScope previous = PARENT.get();
    PARENT.set(parent);
    try {
      return start.get();
    } finally {
      if (previous == null) {
        PARENT.remove();
      } else {
        PARENT.set(previous);
      }
    }
  }

  /** The parent for work started now on this thread (see {@link #under}). */
  public static @Nullable EventScope currentParent() {
    return PARENT.get();
  }

  public void callStarted(CallEvent e) {
    tell(e, SfcNodesListener::callStarted, "callStarted");
  }

  public void attemptStarted(AttemptEvent e) {
    tell(e, SfcNodesListener::attemptStarted, "attemptStarted");
  }

  public void attemptEnded(AttemptEvent e) {
    tell(e, SfcNodesListener::attemptEnded, "attemptEnded");
  }

  public void retryScheduled(RetryEvent e) {
    tell(e, SfcNodesListener::retryScheduled, "retryScheduled");
  }

  public void redirectRefused(RedirectEvent e) {
    tell(e, SfcNodesListener::redirectRefused, "redirectRefused");
  }

  public void callEnded(CallEvent e) {
    tell(e, SfcNodesListener::callEnded, "callEnded");
  }

  public void waitStarted(WaitEvent e) {
    tell(e, SfcNodesListener::waitStarted, "waitStarted");
  }

  public void waitPolled(WaitEvent e) {
    tell(e, SfcNodesListener::waitPolled, "waitPolled");
  }

  public void waitEnded(WaitEvent e) {
    tell(e, SfcNodesListener::waitEnded, "waitEnded");
  }

  public void fleetStarted(FleetEvent e) {
    tell(e, SfcNodesListener::fleetStarted, "fleetStarted");
  }

  public void fleetNodeStarted(FleetNodeEvent e) {
    tell(e, SfcNodesListener::fleetNodeStarted, "fleetNodeStarted");
  }

  public void fleetNodeEnded(FleetNodeEvent e) {
    tell(e, SfcNodesListener::fleetNodeEnded, "fleetNodeEnded");
  }

  public void fleetEnded(FleetEvent e) {
    tell(e, SfcNodesListener::fleetEnded, "fleetEnded");
  }

  private <E> void tell(E event, BiConsumer<SfcNodesListener, E> method, String name) {
    for (int i = 0; i < listeners.length; i++) {
      try {
        method.accept(listeners[i], event);
      } catch (RuntimeException | LinkageError | AssertionError e) {
        // A listener's bug must not change a call, nor flood the log: its first failure is told.
        if (logged[i].compareAndSet(false, true)) {
          log.accept(
              "Listener "
                  + listeners[i].getClass().getName()
                  + " threw from "
                  + name
                  + ", ignored (later failures of this listener are not logged): "
                  + e);
        }
      }
    }
  }

  @Override
  public String toString() {
    return "Listeners{" + listeners.length + "}";
  }
}
