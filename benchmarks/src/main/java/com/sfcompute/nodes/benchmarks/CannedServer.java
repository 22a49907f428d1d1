package com.sfcompute.nodes.benchmarks;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A small HTTP/1.1 keep-alive server on plain sockets that answers from canned bytes, so that the
 * server is never what a benchmark measures: a thread per connection, no parsing beyond the request
 * line, the headers' end and {@code Content-Length}, no validation, no allocation per answer.
 *
 * <ul>
 *   <li>{@code GET /v1/nodes/{id}}: one node ({@link Payloads#NODE}).
 *   <li>{@code PUT /v1/nodes/{id}/redeploy}: the same node.
 *   <li>{@code GET /v1/nodes...}: a list of {@link Payloads#LIST_SIZE} nodes.
 *   <li>anything else: 404 with the API's error envelope.
 * </ul>
 *
 * <p>An optional fixed latency (a sleep before each answer) stands in for a real API in the fleet
 * benchmarks. The server counts the TCP connections it accepts, and the CPU time of its own threads
 * (all instances together, see {@link #cpuNanos()}) so that the CPU profiler can leave it out.
 */
final class CannedServer implements Closeable {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** Live server threads, and the CPU time of the ones that have ended. */
  private static final Set<Thread> LIVE = ConcurrentHashMap.newKeySet();

  private static final LongAdder ENDED_CPU = new LongAdder();

  private static final byte[] NODE_ANSWER = answer(200, "OK", Payloads.NODE);
  private static final byte[] NOT_FOUND =
      answer(
          404,
          "Not Found",
          "{\"error\":{\"type\":\"not_found\",\"message\":\"no such route\",\"details\":[]}}");

  private final ServerSocket socket;
  private final long latencyMillis;
  private final AtomicLong accepted = new AtomicLong();
  private final LongAdder requests = new LongAdder();
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  private CannedServer(long latencyMillis) throws IOException {
    this.latencyMillis = latencyMillis;
    this.socket = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptLoop, "canned-server-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** A server on a free loopback port that answers at once. */
  static CannedServer start() throws IOException {
    return new CannedServer(0);
  }

  /** A server that sleeps {@code latencyMillis} before each answer. */
  static CannedServer withLatency(long latencyMillis) throws IOException {
    return new CannedServer(latencyMillis);
  }

  /** The base URL, without a trailing slash: {@code http://127.0.0.1:port}. */
  String baseUrl() {
    return "http://" + socket.getInetAddress().getHostAddress() + ":" + socket.getLocalPort();
  }

  /**
   * Sends one {@code GET} over a plain socket and reads the answer: runs the server's own code once
   * without loading any HTTP client class (for the cold-start benchmark).
   */
  void warmUp() throws IOException {
    try (Socket s = new Socket(socket.getInetAddress(), socket.getLocalPort())) {
      s.getOutputStream()
          .write("GET /v1/nodes/n_warm HTTP/1.1\r\nHost: warm\r\n\r\n".getBytes(US_ASCII));
      InputStream in = s.getInputStream();
      int expected = NODE_ANSWER.length;
      byte[] buffer = new byte[4096];
      int n;
      while (expected > 0 && (n = in.read(buffer)) > 0) {
        expected -= n;
      }
    }
  }

  /** TCP connections accepted since the start. */
  long acceptedConnections() {
    return accepted.get();
  }

  /** Requests answered since the start (a client's retries show here). */
  long requests() {
    return requests.sum();
  }

  /** CPU time of every server thread of every instance in this JVM so far, in nanoseconds. */
  static long cpuNanos() {
    long sum = ENDED_CPU.sum();
    for (Thread t : LIVE) {
      long cpu = THREADS.getThreadCpuTime(t.getId());
      if (cpu > 0) {
        sum += cpu;
      }
    }
    return sum;
  }

  @Override
  public void close() throws IOException {
    closed = true;
    socket.close();
    for (Socket s : open) {
      s.close();
    }
  }

  private void acceptLoop() {
    track(
        () -> {
          while (!closed) {
            Socket s;
            try {
              s = socket.accept();
            } catch (IOException e) {
              return; // closed
            }
            accepted.incrementAndGet();
            Thread t = new Thread(() -> track(() -> serve(s)), "canned-server-conn");
            t.setDaemon(true);
            t.start();
          }
        });
  }

  /** Runs {@code body} as a tracked server thread: its CPU time is counted as the server's. */
  private static void track(Runnable body) {
    Thread self = Thread.currentThread();
    LIVE.add(self);
    try {
      body.run();
    } finally {
      ENDED_CPU.add(THREADS.getCurrentThreadCpuTime());
      LIVE.remove(self);
    }
  }

  private void serve(Socket s) {
    open.add(s);
    try {
      s.setTcpNoDelay(true);
      InputStream in = new BufferedInputStream(s.getInputStream(), 16 * 1024);
      OutputStream out = s.getOutputStream();
      RequestReader reader = new RequestReader(in);
      while (reader.next()) {
        if (latencyMillis > 0) {
          Thread.sleep(latencyMillis);
        }
        requests.increment();
        out.write(route(reader));
        out.flush();
      }
    } catch (SocketException e) {
      // The client closed the connection (or the server is closing): nothing to answer.
    } catch (IOException e) {
      if (!closed) {
        System.err.println("canned server: " + e);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      open.remove(s);
      try {
        s.close();
      } catch (IOException e) {
        // Closing anyway.
      }
    }
  }

  private static byte[] route(RequestReader r) {
    String path = r.path;
    if (!path.startsWith("/v1/nodes")) {
      return NOT_FOUND;
    }
    if (path.length() == "/v1/nodes".length() || path.charAt("/v1/nodes".length()) == '?') {
      return r.method.equals("GET") ? ListAnswer.BYTES : NOT_FOUND;
    }
    if (r.method.equals("GET") && path.indexOf('/', "/v1/nodes/".length()) < 0) {
      return NODE_ANSWER;
    }
    if (r.method.equals("PUT") && path.endsWith("/redeploy")) {
      return NODE_ANSWER;
    }
    return NOT_FOUND;
  }

  /** The 10,000-node answer, built on first use (about 10 MB). */
  private static final class ListAnswer {
    static final byte[] BYTES = answer(200, "OK", Payloads.list(Payloads.LIST_SIZE));
  }

  private static byte[] answer(int code, String reason, String json) {
    byte[] body = json.getBytes(UTF_8);
    byte[] head =
        ("HTTP/1.1 "
                + code
                + " "
                + reason
                + "\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length
                + "\r\n\r\n")
            .getBytes(US_ASCII);
    byte[] all = new byte[head.length + body.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(body, 0, all, head.length, body.length);
    return all;
  }

  /** Reads one request at a time: method, path, and skips the headers and the body. */
  private static final class RequestReader {
    private final InputStream in;
    private final byte[] line = new byte[8 * 1024];
    String method = "";
    String path = "";

    RequestReader(InputStream in) {
      this.in = in;
    }

    /** False at the end of the stream (the client closed the connection). */
    boolean next() throws IOException {
      int n = readLine();
      if (n < 0) {
        return false;
      }
      int sp1 = indexOf(line, 0, n, (byte) ' ');
      int sp2 = indexOf(line, sp1 + 1, n, (byte) ' ');
      if (sp1 < 0 || sp2 < 0) {
        throw new IOException("bad request line");
      }
      method = new String(line, 0, sp1, US_ASCII);
      path = new String(line, sp1 + 1, sp2 - sp1 - 1, US_ASCII);
      long contentLength = 0;
      while ((n = readLine()) > 0) {
        if (n > 15 && regionMatchesIgnoreCase("content-length:")) {
          contentLength = Long.parseLong(new String(line, 15, n - 15, US_ASCII).trim());
        }
      }
      if (n < 0) {
        return false;
      }
      while (contentLength > 0) {
        long skipped = in.skip(contentLength);
        if (skipped <= 0) {
          if (in.read() < 0) {
            return false;
          }
          skipped = 1;
        }
        contentLength -= skipped;
      }
      return true;
    }

    /** The next line without its CRLF into {@link #line}; its length, or -1 at the end. */
    private int readLine() throws IOException {
      int n = 0;
      while (true) {
        int b = in.read();
        if (b < 0) {
          return -1;
        }
        if (b == '\n') {
          return n > 0 && line[n - 1] == '\r' ? n - 1 : n;
        }
        if (n == line.length) {
          throw new IOException("header line too long");
        }
        line[n++] = (byte) b;
      }
    }

    private boolean regionMatchesIgnoreCase(String prefix) {
      for (int i = 0; i < prefix.length(); i++) {
        if (Character.toLowerCase(line[i]) != prefix.charAt(i)) {
          return false;
        }
      }
      return true;
    }

    private static int indexOf(byte[] bytes, int from, int to, byte b) {
      for (int i = from; i < to; i++) {
        if (bytes[i] == b) {
          return i;
        }
      }
      return -1;
    }
  }
}
