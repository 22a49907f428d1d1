package com.sfcompute.nodes.internal.events;

import com.sfcompute.nodes.events.EventScope;
import org.jspecify.annotations.Nullable;

/** What every scope record shares: its parent and the listeners' state, kept by key identity. */
abstract class Scope implements EventScope {
  private final @Nullable EventScope parent;
  private @Nullable Object[] attachments = new Object[0];

  Scope(@Nullable EventScope parent) {
    this.parent = parent;
  }

  @Override
  public final @Nullable EventScope parent() {
    return parent;
  }

  @Override
  public final synchronized @Nullable Object get(Object key) {
    for (int i = 0; i < attachments.length; i += 2) {
      if (attachments[i] == key) {
        return attachments[i + 1];
      }
    }
    return null;
  }

  @Override
  public final synchronized void put(Object key, @Nullable Object value) {
    if (key == null) {
      throw new IllegalArgumentException("key is null");
    }
    for (int i = 0; i < attachments.length; i += 2) {
      if (attachments[i] == key) {
        attachments[i + 1] = value;
        return;
      }
    }
    @Nullable Object[] more = new Object[attachments.length + 2];
    System.arraycopy(attachments, 0, more, 0, attachments.length);
    more[attachments.length] = key;
    more[attachments.length + 1] = value;
    attachments = more;
  }
}
