package com.sfcompute.nodes;

import static com.sfcompute.nodes.TestHttp.clientBuilder;
import static com.sfcompute.nodes.TestHttp.json;
import static com.sfcompute.nodes.TestHttp.take;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Query parameters are encoded as the official SDKs encode them (RFC 3986): the unreserved
 * characters {@code A-Z a-z 0-9 - . _ ~} as they are, every other byte of the UTF-8 form as {@code
 * %XX}.
 */
class QueryEncodingTest {
  private static final String EMPTY_LIST = "{\"object\":\"list\",\"data\":[]}";

  private final MockWebServer server = new MockWebServer();
  private SfcNodes client;

  @BeforeEach
  void setUp() throws IOException {
    server.start();
    client = clientBuilder(server, "sk-test").build();
  }

  @AfterEach
  void tearDown() throws IOException {
    client.close();
    server.shutdown();
  }

  private String listByName(String name) throws InterruptedException {
    server.enqueue(json(EMPTY_LIST));
    client.nodes().list(ListNodesParams.builder().names(name).build());
    return take(server).getPath();
  }

  @Test
  void tildeIsSentAsIsAndAsteriskEncoded() throws Exception {
    assertEquals("/v1/nodes?name=gpu~1%2Ajob", listByName("gpu~1*job"));
  }

  /** Regression guard for the rest: space, slash and non-ASCII are encoded as today. */
  @Test
  void spaceSlashAndUtf8AreEncoded() throws Exception {
    assertEquals("/v1/nodes?name=a%20b%2Fc%C3%A9", listByName("a b/cé"));
  }

  @Test
  void everyPrintableAsciiCharacterIsEncodedAsRfc3986Says() throws Exception {
    StringBuilder name = new StringBuilder();
    StringBuilder expected = new StringBuilder();
    for (char c = 0x21; c < 0x7f; c++) {
      name.append(c);
      boolean unreserved =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || "-._~".indexOf(c) >= 0;
      expected.append(unreserved ? String.valueOf(c) : String.format("%%%02X", (int) c));
    }
    assertEquals(
        "/v1/nodes?name=" + expected,
        listByName(name.toString()),
        "encoding of " + new String(name.toString().getBytes(UTF_8), UTF_8));
  }
}
