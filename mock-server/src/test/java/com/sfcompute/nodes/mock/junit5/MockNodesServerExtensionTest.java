package com.sfcompute.nodes.mock.junit5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sfcompute.nodes.mock.MockNodesServer;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MockNodesServerExtensionTest {
  @RegisterExtension
  static final MockNodesServerExtension SHARED =
      MockNodesServerExtension.builder().server(MockNodesServer.builder().token("shared")).build();

  static String firstBaseUrl;

  /** GET with java.net, so this test needs nothing but the JDK to talk to the server. */
  static int get(MockNodesServer server, String path) throws IOException {
    HttpURLConnection connection =
        (HttpURLConnection) new URL(server.baseUrl() + path).openConnection();
    connection.setRequestProperty("Authorization", "Bearer " + server.token());
    try {
      return connection.getResponseCode();
    } finally {
      connection.disconnect();
    }
  }

  @Test
  @Order(1)
  void staticRegistrationStartsOneServerForTheClass() throws IOException {
    firstBaseUrl = SHARED.baseUrl();
    assertTrue(firstBaseUrl.startsWith("http://127.0.0.1:"), firstBaseUrl);
    assertEquals("shared", SHARED.token());
    assertEquals(200, get(SHARED.server(), "/v0/zones"));
    assertEquals(1, SHARED.server().counters().requests());
  }

  @Test
  @Order(2)
  void theSharedServerIsResetBetweenTests() {
    assertEquals(firstBaseUrl, SHARED.baseUrl());
    assertEquals(0, SHARED.server().counters().requests());
  }

  @Test
  @Order(3)
  void serverParametersAreInjected(MockNodesServer server) {
    assertSame(SHARED.server(), server);
  }

  @Test
  void serverIsUnavailableOutsideTests() {
    MockNodesServerExtension idle = MockNodesServerExtension.builder().build();
    assertThrows(IllegalStateException.class, idle::server);
  }

  @Nested
  class InstanceRegistration {
    @RegisterExtension
    final MockNodesServerExtension own = MockNodesServerExtension.builder().build();

    @Test
    void eachTestGetsItsOwnServer() throws IOException {
      assertNotSame(SHARED.server(), own.server());
      assertEquals(MockNodesServer.DEFAULT_TOKEN, own.token());
      assertEquals(200, get(own.server(), "/v0/zones"));
    }
  }

  @Nested
  @ExtendWith(MockNodesServerExtension.class)
  class DeclarativeRegistration {
    @Test
    void defaultServerIsInjected(MockNodesServer server) throws IOException {
      assertEquals(200, get(server, "/v1/vms/images"));
    }
  }
}
