package com.sfcompute.nodes.mock;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * A VM image the mock serves on {@code /v1/vms/images} and accepts as {@code image_id}.
 *
 * <p>Its content is a few kilobytes made from its ID; {@code object_size} and {@code sha256_hash}
 * describe exactly those bytes, which the mock serves at the image's {@code download_url}, so a
 * client can test its download and checksum code end to end.
 */
public final class MockImage {
  private static final int CONTENT_SIZE = 4096;

  private final String imageId;
  private final String name;
  private final byte[] content;
  private final String sha256;

  private MockImage(String imageId, String name) {
    this.imageId = imageId;
    this.name = name;
    this.content = contentOf(imageId);
    this.sha256 = sha256Hex(content);
  }

  /**
   * An image with ID {@code imageId} (e.g. {@code vmi_1234567890abcdef}) and display name {@code
   * name}.
   */
  public static MockImage of(String imageId, String name) {
    Objects.requireNonNull(imageId, "imageId == null");
    Objects.requireNonNull(name, "name == null");
    if (imageId.isEmpty()) {
      throw new IllegalArgumentException("imageId is empty");
    }
    return new MockImage(imageId, name);
  }

  /** The image's ID, served as its {@code image_id}. */
  public String imageId() {
    return imageId;
  }

  /** The image's display name, served as its {@code name}. */
  public String name() {
    return name;
  }

  /** The image's bytes, as served at its download URL. */
  public byte[] content() {
    return content.clone();
  }

  /** The lower-case hex SHA-256 of {@link #content()}. */
  public String sha256() {
    return sha256;
  }

  byte[] contentUnsafe() {
    return content;
  }

  @Override
  public String toString() {
    return "MockImage[" + imageId + ", " + name + "]";
  }

  private static byte[] contentOf(String imageId) {
    byte[] line = ("SF Compute mock image " + imageId + "\n").getBytes(StandardCharsets.UTF_8);
    byte[] content = new byte[CONTENT_SIZE];
    for (int i = 0; i < content.length; i++) {
      content[i] = line[i % line.length];
    }
    return content;
  }

  private static String sha256Hex(byte[] bytes) {
    try {
      StringBuilder hex = new StringBuilder();
      for (byte b : MessageDigest.getInstance("SHA-256").digest(bytes)) {
        hex.append(String.format("%02x", b));
      }
      return hex.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("Every JVM has SHA-256", e);
    }
  }
}
