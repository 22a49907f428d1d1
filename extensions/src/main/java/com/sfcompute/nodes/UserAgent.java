package com.sfcompute.nodes;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/** How the SDK names itself on the wire: its version and its User-Agent. */
final class UserAgent {
  private UserAgent() {}

  /** The User-Agent: the SDK, Java and OS versions and the spec's id, then {@code suffix}. */
  static String of(@Nullable String suffix) {
    String ua =
        "sfc-nodes-java/"
            + SfcNodes.VERSION
            + " (Java "
            + System.getProperty("java.version")
            + "; "
            + System.getProperty("os.name")
            + " "
            + System.getProperty("os.arch")
            + "; spec "
            + SpecInfo.shortId()
            + ")";
    return suffix == null ? ua : ua + " " + suffix;
  }

  /** The SDK's version, as built (from {@code sdk.properties}), else {@code unknown}. */
  static String readVersion() {
    Properties properties = new Properties();
    try (InputStream in = SfcNodes.class.getResourceAsStream("sdk.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      // Fall through to "unknown".
    }
    return properties.getProperty("version", "unknown");
  }
}
