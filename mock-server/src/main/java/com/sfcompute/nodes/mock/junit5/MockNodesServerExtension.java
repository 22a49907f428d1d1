package com.sfcompute.nodes.mock.junit5;

import com.sfcompute.nodes.mock.MockNodesServer;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts a {@link MockNodesServer} before tests and closes it after them, and injects it into test
 * and lifecycle method parameters of type {@code MockNodesServer}.
 *
 * <p>Registered on a {@code static} field (or with {@code @ExtendWith}), one server serves the
 * whole class and is {@linkplain MockNodesServer#reset() reset} after each test; on an instance
 * field, each test gets a server of its own.
 *
 * <pre>{@code
 * class RedeployTest {
 *   static final MockClock CLOCK = MockClock.create();
 *
 *   @RegisterExtension
 *   static final MockNodesServerExtension API =
 *       MockNodesServerExtension.builder()
 *           .server(MockNodesServer.builder().token("t").clock(CLOCK))
 *           .build();
 *
 *   @Test
 *   void redeploysOnce() {
 *     MockNodesServer server = API.server();
 *     // ... call server.baseUrl() with server.token(), then:
 *     assertEquals(1, server.counters().redeploys());
 *   }
 * }
 * }</pre>
 */
public final class MockNodesServerExtension
    implements BeforeAllCallback,
        AfterAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        ParameterResolver {
  private final MockNodesServer.Builder serverBuilder;
  private final boolean resetAfterEachTest;
  private volatile @Nullable MockNodesServer server;
  private volatile boolean perClass;

  /** A server with every default, reset after each test; the form {@code @ExtendWith} uses. */
  public MockNodesServerExtension() {
    this(MockNodesServer.builder(), true);
  }

  private MockNodesServerExtension(
      MockNodesServer.Builder serverBuilder, boolean resetAfterEachTest) {
    this.serverBuilder = serverBuilder;
    this.resetAfterEachTest = resetAfterEachTest;
  }

  /** Starts configuring an extension. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The running server.
   *
   * @throws IllegalStateException outside the tests it serves
   */
  public MockNodesServer server() {
    MockNodesServer current = server;
    if (current == null) {
      throw new IllegalStateException("The mock server runs only while its tests run");
    }
    return current;
  }

  /** Shorthand for {@code server().baseUrl()}. */
  public String baseUrl() {
    return server().baseUrl();
  }

  /** Shorthand for {@code server().token()}. */
  public String token() {
    return server().token();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (server == null) {
      server = serverBuilder.start();
      perClass = true;
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (server == null) {
      server = serverBuilder.start();
      perClass = false;
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    MockNodesServer current = server;
    if (current == null) {
      return;
    }
    if (!perClass) {
      server = null;
      current.close();
    } else if (resetAfterEachTest) {
      current.reset();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    MockNodesServer current = server;
    if (current != null && perClass) {
      server = null;
      current.close();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == MockNodesServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    MockNodesServer current = server;
    if (current == null) {
      // A parameter of a constructor or @BeforeAll method, before any callback ran.
      current = serverBuilder.start();
      server = current;
      perClass = true;
    }
    return current;
  }

  /** Configures a {@link MockNodesServerExtension}. */
  public static final class Builder {
    private MockNodesServer.Builder server = MockNodesServer.builder();
    private boolean resetAfterEachTest = true;

    private Builder() {}

    /** The server to start, as configured; every default if not called. */
    public Builder server(MockNodesServer.Builder server) {
      this.server = Objects.requireNonNull(server, "server == null");
      return this;
    }

    /**
     * Whether a server shared by a class is {@linkplain MockNodesServer#reset() reset} after each
     * test; true by default. Servers of one test are closed after it anyway.
     */
    public Builder resetAfterEachTest(boolean resetAfterEachTest) {
      this.resetAfterEachTest = resetAfterEachTest;
      return this;
    }

    /** The extension, to register with {@code @RegisterExtension}. */
    public MockNodesServerExtension build() {
      return new MockNodesServerExtension(server, resetAfterEachTest);
    }
  }
}
