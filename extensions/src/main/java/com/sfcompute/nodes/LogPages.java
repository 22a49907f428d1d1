package com.sfcompute.nodes;

import com.sfcompute.nodes.errors.SfcNodesInvalidDataException;
import com.sfcompute.nodes.model.VmLogChunk;
import com.sfcompute.nodes.model.VmLogs;
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
 * descending by moving {@code before_seqnum} to it. Stops at an empty page, when a page brings
 * nothing new (a server ignoring the cursor would otherwise loop forever), or at the end of the
 * seqnum range ({@code Long.MAX_VALUE} ascending, 0 descending). A page without {@code data}, a
 * null chunk or a chunk without {@code seqnum} or {@code data} is {@link
 * SfcNodesInvalidDataException}, naming what is missing.
 */
final class LogPages implements Iterator<VmLogChunk> {
  private final @Nullable Function<VmLogsParams, List<VmLogChunk>> fetch;
  private final boolean ascending;
  private VmLogsParams next;
  private @Nullable Long lastSeqnum;
  private boolean exhausted;
  private boolean atEnd;
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

  /** The chunks of a page as read, or {@link SfcNodesInvalidDataException} if it has none. */
  static List<VmLogChunk> dataOf(@Nullable VmLogs page) {
    if (page == null) {
      throw new SfcNodesInvalidDataException("A page of VM logs is empty: no body", null);
    }
    List<VmLogChunk> data = page.getData();
    if (data == null) {
      throw new SfcNodesInvalidDataException("A page of VM logs has no data (null)", null);
    }
    return data;
  }

  /**
   * Takes the page read for {@link #cursor()}; returns how many chunks were new. Once the cursor
   * cannot move on (the last seqnum is the highest there is, ascending, or 0, descending), every
   * later page brings nothing new, so the walk ends.
   *
   * @throws SfcNodesInvalidDataException when the page, a chunk, its seqnum or its data is missing,
   *     or a seqnum is negative; nothing of the page is taken then
   */
  int accept(@Nullable List<VmLogChunk> page) {
    if (page == null) {
      throw new SfcNodesInvalidDataException("A page of VM logs has no data (null)", null);
    }
    for (int i = 0; i < page.size(); i++) {
      check(page.get(i), i);
    }
    int added = 0;
    for (VmLogChunk chunk : page) {
      long seqnum = chunk.getSeqnum();
      if (lastSeqnum == null || (ascending ? seqnum > lastSeqnum : seqnum < lastSeqnum)) {
        buffer.addLast(chunk);
        lastSeqnum = seqnum;
        added++;
      }
    }
    Long last = lastSeqnum;
    if (added == 0 || last == null) {
      exhausted = true;
      return added;
    }
    if (ascending ? last == Long.MAX_VALUE : last == 0) {
      // No chunk can come after this one: asking would need a cursor the API cannot carry.
      exhausted = true;
      atEnd = true;
      return added;
    }
    VmLogsParams.Builder builder = next.toBuilder();
    next = ascending ? builder.sinceSeqnum(last + 1).build() : builder.beforeSeqnum(last).build();
    return added;
  }

  private static void check(@Nullable VmLogChunk chunk, int index) {
    if (chunk == null) {
      throw new SfcNodesInvalidDataException("VM log chunk data[" + index + "] is null", null);
    }
    Long seqnum = chunk.getSeqnum();
    if (seqnum == null) {
      throw new SfcNodesInvalidDataException(
          "VM log chunk data[" + index + "] has no seqnum (null)", null);
    }
    if (seqnum < 0) {
      throw new SfcNodesInvalidDataException(
          "VM log chunk data[" + index + "] has a negative seqnum: " + seqnum, null);
    }
    if (chunk.getData() == null) {
      throw new SfcNodesInvalidDataException(
          "VM log chunk data[" + index + "] (seqnum " + seqnum + ") has no data (null)", null);
    }
  }

  /** Whether no chunk can follow the last one taken: its seqnum is the end of the range. */
  boolean atEnd() {
    return atEnd;
  }

  /** Takes what the last fetches brought. */
  @Nullable VmLogChunk poll() {
    return buffer.pollFirst();
  }
}
