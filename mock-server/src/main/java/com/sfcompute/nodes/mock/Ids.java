package com.sfcompute.nodes.mock;

import java.util.Random;

/** New node and VM IDs, from a seeded source: the same seed gives the same IDs. */
final class Ids {
  private static final char[] BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

  private final Random ids;

  Ids(long seed) {
    this.ids = new Random(seed);
  }

  String hex(int length) {
    StringBuilder s = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      s.append(Character.forDigit(ids.nextInt(16), 16));
    }
    return s.toString();
  }

  String base62(int length) {
    StringBuilder s = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      s.append(BASE62[ids.nextInt(BASE62.length)]);
    }
    return s.toString();
  }
}
