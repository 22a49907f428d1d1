package com.sfcompute.nodes;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small HTTP/1.1 server on a plain socket, for what MockWebServer cannot do: close idle
 * keep-alive connections after a timeout (as Node does after 5 s, or a load balancer), restart on
 * the same port, and answer with bytes no well-behaved server would send (a negative {@code
 * Content-Length}, half a body then a reset).
 *
 * <p>Counts connections, and requests per method and path and per {@code Idempotency-Key}. A
 * request is counted once it has been read in full, before it is answered: a request written on a
 * connection the server had already closed is not counted, since the server never saw it.
 */
final class RawHttpServer implements Closeable {
  /** Answers one request. */
  interface Handler {
    void handle(Exchange exchange) throws IOException;
  }

  /** One request, and the connection to answer it on. */
  static final class Exchange {
    final String method;
    final String path;
    final Map<String, String> headers; // Lower-case names.
    final byte[] body;
    private final Socket socket;
    private final OutputStream out;
    private boolean close;

    Exchange(String method, String path, Map<String, String> headers, byte[] body, Socket socket)
        throws IOException {
      this.method = method;
      this.path = path;
      this.headers = headers;
      this.body = body;
      this.socket = socket;
      this.out = socket.getOutputStream();
    }

    /** A complete answer with a {@code Content-Length}; the connection stays open. */
    void respond(int status, String body) throws IOException {
      byte[] bytes = body.getBytes(UTF_8);
      StringBuilder head = new StringBuilder();
      head.append("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
      if (status != 204) {
        head.append("Content-Type: application/json\r\n");
        head.append("Content-Length: ").append(bytes.length).append("\r\n");
      }
      head.append("\r\n");
      // One write: a second one waits for the client's delayed ACK of the first (Nagle), 40 ms.
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      answer.write(head.toString().getBytes(ISO_8859_1));
      if (status != 204) {
        answer.write(bytes);
      }
      out.write(answer.toByteArray());
      out.flush();
    }

    /** Exactly these bytes, then the connection is closed (FIN). */
    void raw(String text) throws IOException {
      out.write(text.getBytes(UTF_8));
      out.flush();
      close = true;
    }

    /** These bytes, then a TCP reset (RST) instead of an orderly close. */
    void rawThenReset(String text) throws IOException {
      out.write(text.getBytes(UTF_8));
      out.flush();
      socket.setSoLinger(true, 0);
      close = true;
    }

    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    private static String reason(int status) {
      switch (status) {
        case 200:
          return "OK";
        case 201:
          return "Created";
        case 204:
          return "No Content";
        default:
          return "Status";
      }
    }
  }

  private final ServerSocket serverSocket;
  private final Duration idleTimeout;
  private final Handler handler;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger connections = new AtomicInteger();
  private final Map<String, AtomicInteger> requestsByRoute = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> requestsByKey = new ConcurrentHashMap<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final Thread acceptor;
  private volatile boolean closed;

  private RawHttpServer(ServerSocket serverSocket, Duration idleTimeout, Handler handler) {
    this.serverSocket = serverSocket;
    this.idleTimeout = idleTimeout;
    this.handler = handler;
    this.acceptor = new Thread(this::acceptLoop, "raw-http-accept-" + port());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /**
   * A server on {@code port} (0 for any free port) of the loopback address that closes a keep-alive
   * connection when no request starts on it within {@code idleTimeout}.
   */
  static RawHttpServer start(int port, Duration idleTimeout, Handler handler) throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.setReuseAddress(true); // A restart binds the port its predecessor just left.
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
    return new RawHttpServer(socket, idleTimeout, handler);
  }

  /** A server answering every request of {@link CallTable.Op} with its valid answer. */
  static Handler api() {
    return exchange -> {
      CallTable.Op op = CallTable.Op.of(exchange.method, exchange.path);
      if (op == null) {
        exchange.respond(404, "{\"error\":{\"type\":\"not_found\",\"message\":\"no route\"}}");
      } else {
        exchange.respond(op.status, op.body);
      }
    };
  }

  int port() {
    return serverSocket.getLocalPort();
  }

  String url() {
    return "http://127.0.0.1:" + port() + "/";
  }

  /** Connections accepted so far. */
  int connections() {
    return connections.get();
  }

  /** Requests read in full so far. */
  int requests() {
    return requests.get();
  }

  /** Requests read for {@code method} and {@code path} (query ignored). */
  int requests(String method, String path) {
    AtomicInteger n = requestsByRoute.get(method + " " + path);
    return n == null ? 0 : n.get();
  }

  /** How often each {@code Idempotency-Key} was received. */
  Map<String, Integer> requestsByIdempotencyKey() {
    Map<String, Integer> copy = new TreeMap<>();
    requestsByKey.forEach((k, v) -> copy.put(k, v.get()));
    return copy;
  }

  /** Stops accepting and closes every open connection, as a stopped server process would. */
  @Override
  public void close() throws IOException {
    closed = true;
    serverSocket.close();
    try {
      // The JDK defers closing a listening socket until the thread blocked in accept() leaves
      // it: until then the port is still taken, and a restart on it would fail.
      acceptor.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Socket socket : open) {
      socket.close();
    }
  }

  private void acceptLoop() {
    while (!closed) {
      Socket socket;
      try {
        socket = serverSocket.accept();
      } catch (IOException e) {
        return; // Closed.
      }
      connections.incrementAndGet();
      open.add(socket);
      if (closed) { // Accepted while closing: close() may have missed it.
        closeQuietly(socket);
        return;
      }
      Thread worker = new Thread(() -> serve(socket), "raw-http-conn");
      worker.setDaemon(true);
      worker.start();
    }
  }

  private void serve(Socket socket) {
    try (Socket s = socket) {
      InputStream in = new BufferedInputStream(s.getInputStream());
      boolean first = true;
      while (!closed) {
        // The first request gets a generous wait; after that, the idle timeout applies.
        s.setSoTimeout(first ? 10_000 : (int) Math.max(1, idleTimeout.toMillis()));
        first = false;
        int b;
        try {
          b = in.read();
        } catch (SocketTimeoutException idle) {
          return; // Idle too long: close, as Node or a load balancer would.
        }
        if (b < 0) {
          return;
        }
        s.setSoTimeout(10_000);
        String requestLine = (char) b + readLine(in);
        String[] parts = requestLine.split(" ", -1);
        if (parts.length < 3) {
          return;
        }
        Map<String, String> headers = new TreeMap<>();
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
          int colon = line.indexOf(':');
          if (colon > 0) {
            headers.put(
                line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                line.substring(colon + 1).trim());
          }
        }
        String length = headers.get("content-length");
        byte[] body = new byte[length == null ? 0 : Integer.parseInt(length)];
        int read = 0;
        while (read < body.length) {
          int n = in.read(body, read, body.length - read);
          if (n < 0) {
            return;
          }
          read += n;
        }
        Exchange exchange = new Exchange(parts[0], parts[1], headers, body, s);
        record(exchange);
        handler.handle(exchange);
        if (exchange.close) {
          return;
        }
      }
    } catch (IOException e) {
      // The client went away; nothing to answer.
    } finally {
      open.remove(socket);
    }
  }

  private void record(Exchange exchange) {
    requests.incrementAndGet();
    int q = exchange.path.indexOf('?');
    String path = q < 0 ? exchange.path : exchange.path.substring(0, q);
    requestsByRoute
        .computeIfAbsent(exchange.method + " " + path, k -> new AtomicInteger())
        .incrementAndGet();
    String key = exchange.header("Idempotency-Key");
    if (key != null) {
      requestsByKey.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // Closing anyway.
    }
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("connection closed mid-request");
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(ISO_8859_1.name());
  }
}
