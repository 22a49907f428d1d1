package com.sfcompute.nodes;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The OpenAPI document this SDK was generated from, as fixed at build time: its {@code
 * info.version} and the SHA-256 of the file (as packaged in {@code sfc-nodes-api-spec}). Both
 * travel in the User-Agent of every request, so a server log names the exact spec a client was
 * built against.
 */
public final class SpecInfo {
  /** The document's {@code info.version}, e.g. {@code 1.0.0}; {@code unknown} outside a build. */
  public static final String VERSION;

  /**
   * The SHA-256 of the document, 64 lower-case hex digits: two SDK builds with the same value were
   * generated from the same bytes. {@code unknown} outside a build.
   */
  public static final String SHA256;

  static {
    Properties properties = new Properties();
    // Written by the build: the antrun "spec-info" execution and resource filtering
    // (extensions/pom.xml).
    try (InputStream in = SpecInfo.class.getResourceAsStream("sdk.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      // Fall through to "unknown".
    }
    VERSION = properties.getProperty("spec.version", "unknown");
    SHA256 = properties.getProperty("spec.sha256", "unknown");
  }

  private SpecInfo() {}

  /** {@code <info.version>+<first 12 hex digits of the SHA-256>}, as in the User-Agent. */
  static String shortId() {
    return VERSION + "+" + (SHA256.length() > 12 ? SHA256.substring(0, 12) : SHA256);
  }
}
