package com.sfcompute.nodes;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * SpecInfo cannot drift from the document it names: its values are recomputed here from the spec on
 * the test classpath, which comes from the sfc-nodes-api-spec artifact.
 */
final class SpecInfoTest {
  private static final String RESOURCE = "com/sfcompute/nodes/spec/openapi.yaml";

  @Test
  void sha256IsTheDigestOfThePublishedSpec() throws NoSuchAlgorithmException {
    byte[] spec = publishedSpec();

    String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(spec));

    assertEquals(expected, SpecInfo.SHA256);
  }

  @Test
  void versionIsTheSpecsInfoVersion() {
    String infoVersion = null;
    boolean inInfo = false;
    for (String line : new String(publishedSpec(), UTF_8).split("\n", -1)) {
      if (!line.startsWith(" ") && !line.startsWith("#") && !line.isEmpty()) {
        inInfo = line.equals("info:");
      } else if (inInfo && line.startsWith("  version:")) {
        infoVersion = line.substring("  version:".length()).trim().replaceAll("^['\"]|['\"]$", "");
        break;
      }
    }

    assertNotNull(infoVersion, "no info.version in " + RESOURCE);
    assertEquals(infoVersion, SpecInfo.VERSION);
  }

  @Test
  void userAgentNamesTheSpecVersionAndFingerprint() {
    String userAgent = UserAgent.of(null);

    assertEquals(64, SpecInfo.SHA256.length(), SpecInfo.SHA256);
    assertTrue(
        userAgent.endsWith(
            "; spec " + SpecInfo.VERSION + "+" + SpecInfo.SHA256.substring(0, 12) + ")"),
        userAgent);
  }

  private static byte[] publishedSpec() {
    URL url = SpecInfoTest.class.getClassLoader().getResource(RESOURCE);
    assertNotNull(url, RESOURCE + " is not on the test classpath");
    // The artifact (its jar or classes directory), not a copy among this module's test resources.
    assertFalse(url.toString().contains("test-classes"), url.toString());
    try (InputStream in = url.openStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
