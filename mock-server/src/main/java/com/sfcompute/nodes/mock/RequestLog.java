package com.sfcompute.nodes.mock;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;

/** The most recent requests received, oldest first; bounded so a long-running mock stays small. */
final class RequestLog {
  static final int CAPACITY = 10_000;

  private final Deque<ReceivedRequest> requests = new ArrayDeque<>();

  synchronized void add(ReceivedRequest request) {
    if (requests.size() == CAPACITY) {
      requests.removeFirst();
    }
    requests.addLast(request);
  }

  synchronized List<ReceivedRequest> snapshot() {
    return Collections.unmodifiableList(new ArrayList<>(requests));
  }

  synchronized void clear() {
    requests.clear();
  }
}
