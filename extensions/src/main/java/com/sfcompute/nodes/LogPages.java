package com.sfcompute.nodes;

import com.sfcompute.nodes.model.VmLogChunk;
import com.sfcompute.nodes.model.VmLogsOrderBy;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Walks a VM's logs page by page: ascending by moving {@code since_seqnum} past the last chunk,
 * descending by moving {@code before_seqnum} to it. Stops at an empty page, or when a page brings
 * nothing new (a server ignoring the cursor would otherwise loop forever).
 */
final class LogPages implements Iterator<VmLogChunk> {
  private final @Nullable Function<VmLogsParams, List<VmLogChunk>> fetch;
  private final boolean ascending;
  private VmLogsParams next;
  private @Nullable Long lastSeqnum;
  private boolean exhausted;
  private final Deque<VmLogChunk> buffer = new ArrayDeque<>();

  /** A cursor only: the caller reads each page of {@link #cursor()} and hands it to accept. */
  LogPages(VmLogsParams first) {
    this(null, first);
  }

  /** An iterator reading pages with {@code fetch}. */
  LogPages(@Nullable Function<VmLogsParams, List<VmLogChunk>> fetch, VmLogsParams first) {
    this.fetch = fetch;
    this.next = first;
    this.ascending = first.orderBy() == VmLogsOrderBy.SEQNUM_ASC;
  }

  @Override
  public boolean hasNext() {
    while (buffer.isEmpty() && !exhausted && fetch != null) {
      accept(fetch.apply(next));
    }
    return !buffer.isEmpty();
  }

  @Override
  public VmLogChunk next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return buffer.removeFirst();
  }

  /** What to read next: the first params, moved past every chunk accepted so far. */
  VmLogsParams cursor() {
    return next;
  }

  /** Takes the page read for {@link #cursor()}; returns how many chunks were new. */
  int accept(List<VmLogChunk> page) {
    int added = 0;
    for (VmLogChunk chunk : page) {
      long seqnum = chunk.getSeqnum();
      if (lastSeqnum == null || (ascending ? seqnum > lastSeqnum : seqnum < lastSeqnum)) {
        buffer.addLast(chunk);
        lastSeqnum = seqnum;
        added++;
      }
    }
    if (added == 0) {
      exhausted = true;
      return 0;
    }
    VmLogsParams.Builder builder = next.toBuilder();
    next =
        ascending
            ? builder.sinceSeqnum(lastSeqnum + 1).build()
            : builder.beforeSeqnum(lastSeqnum).build();
    return added;
  }

  /** Takes what the last fetches brought. */
  @Nullable VmLogChunk poll() {
    return buffer.pollFirst();
  }
}
