package com.sfcompute.nodes;

import static com.sfcompute.nodes.TestHttp.nodeJson;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Every public call of the SDK, in each of its three forms (sync, async, withResponse), with the
 * request it sends and a valid answer to it: the rows of the socket-level fault tests.
 */
final class CallTable {
  private CallTable() {}

  static final String NODE = nodeJson("n_1");
  static final String NODE_LIST = "{\"object\":\"list\",\"data\":[" + NODE + "]}";
  static final String ZONE =
      "{\"object\":\"zone\",\"name\":\"hayesvalley\",\"display_name\":\"Hayes Valley\","
          + "\"available_capacity\":[],\"region\":\"NorthAmerica\",\"hardware_type\":\"H100\","
          + "\"interconnect_type\":\"Infiniband\",\"delivery_type\":\"VM\"}";
  static final String ZONE_LIST = "{\"object\":\"list\",\"data\":[" + ZONE + "]}";
  static final String IMAGE_LIST =
      "{\"object\":\"list\",\"has_more\":false,\"data\":[{\"object\":\"image\","
          + "\"image_id\":\"vmi_1\",\"name\":\"ubuntu\",\"upload_status\":\"completed\","
          + "\"created_at\":1738972800,\"sha256_hash\":null}]}";
  static final String IMAGE_DOWNLOAD =
      "{\"object\":\"image\",\"image_id\":\"vmi_1\",\"name\":\"ubuntu\","
          + "\"download_url\":\"https://storage.example.com/vmi_1\","
          + "\"expires_at\":\"2025-02-08T01:00:00Z\",\"object_size\":10,\"sha256_hash\":\"9f\"}";
  static final String VM_SSH =
      "{\"ssh_hostname\":\"vm-1.example\",\"ssh_port\":2222,\"ssh_host_keys\":[],"
          + "\"last_successful_key_update\":1738972800,\"last_attempted_key_update\":1738972900}";
  static final String VM_LOGS =
      "{\"data\":[{\"instance_id\":\"vm_1\",\"seqnum\":41,\"data\":[104,105,10],"
          + "\"realtime_timestamp\":\"2025-02-08T10:00:01Z\",\"monotonic_timestamp_sec\":12,"
          + "\"monotonic_timestamp_nano_sec\":500000000}]}";
  static final String SCRIPT = "{\"script\":\"x\"}";

  /** How a call is made. */
  enum Kind {
    SYNC,
    ASYNC,
    WITH_RESPONSE
  }

  /** One operation of the API; side effects carry an idempotency key. */
  @SuppressWarnings(
      "ImmutableEnumChecker") // Each call is a stateless lambda: the table is constant.
  enum Op {
    GET(
        "GET",
        "/v1/nodes/n_1",
        200,
        NODE,
        c -> c.nodes().get("n_1"),
        c -> c.nodes().getAsync("n_1"),
        c -> c.nodes().getWithResponse("n_1")),
    LIST(
        "GET",
        "/v1/nodes",
        200,
        NODE_LIST,
        c -> c.nodes().list(),
        c -> c.nodes().listAsync(),
        c -> c.nodes().listWithResponse(ListNodesParams.all())),
    CREATE(
        "POST",
        "/v1/nodes",
        201,
        NODE_LIST,
        c -> c.nodes().create(create()),
        c -> c.nodes().createAsync(create()),
        c -> c.nodes().createWithResponse(create())),
    EXTEND(
        "PATCH",
        "/v1/nodes/n_1/extend",
        200,
        NODE,
        c -> c.nodes().extend("n_1", extend()),
        c -> c.nodes().extendAsync("n_1", extend()),
        c -> c.nodes().extendWithResponse("n_1", extend())),
    RELEASE(
        "PATCH",
        "/v1/nodes/n_1/release",
        200,
        NODE,
        c -> c.nodes().release("n_1"),
        c -> c.nodes().releaseAsync("n_1"),
        c -> c.nodes().releaseWithResponse("n_1", null)),
    REDEPLOY(
        "PUT",
        "/v1/nodes/n_1/redeploy",
        200,
        NODE,
        c -> c.nodes().redeploy("n_1", RedeployParams.inheritAll()),
        c -> c.nodes().redeployAsync("n_1", RedeployParams.inheritAll()),
        c -> c.nodes().redeployWithResponse("n_1", RedeployParams.inheritAll())),
    DELETE(
        "DELETE",
        "/v1/nodes/n_1",
        204,
        "",
        c -> {
          c.nodes().delete("n_1");
          return "deleted";
        },
        c -> c.nodes().deleteAsync("n_1").thenApply(nothing -> "deleted"),
        c -> c.nodes().deleteWithResponse("n_1", null)),
    SCRIPT_CREATE(
        "POST",
        "/v0/vms/script",
        200,
        SCRIPT,
        c -> c.vms().script().create(StartupScript.ofText("x")),
        c -> c.vms().script().createAsync(StartupScript.ofText("x")),
        c -> c.vms().script().createWithResponse(StartupScript.ofText("x"), null)),
    SCRIPT_GET(
        "GET",
        "/v0/vms/script",
        200,
        SCRIPT,
        c -> c.vms().script().get(),
        c -> c.vms().script().getAsync(),
        c -> c.vms().script().getWithResponse()),
    SSH(
        "GET",
        "/v0/vms/ssh",
        200,
        VM_SSH,
        c -> c.vms().ssh("vm_1"),
        c -> c.vms().sshAsync("vm_1"),
        c -> c.vms().sshWithResponse("vm_1")),
    LOGS(
        "GET",
        "/v0/vms/logs2",
        200,
        VM_LOGS,
        c -> c.vms().logs(VmLogsParams.builder("vm_1").build()),
        c -> c.vms().logsAsync(VmLogsParams.builder("vm_1").build()),
        c -> c.vms().logsWithResponse(VmLogsParams.builder("vm_1").build())),
    IMAGES(
        "GET",
        "/v1/vms/images",
        200,
        IMAGE_LIST,
        c -> c.vms().images().list(),
        c -> c.vms().images().listAsync(),
        c -> c.vms().images().listWithResponse()),
    IMAGE(
        "GET",
        "/v1/vms/images/vmi_1",
        200,
        IMAGE_DOWNLOAD,
        c -> c.vms().images().get("vmi_1"),
        c -> c.vms().images().getAsync("vmi_1"),
        c -> c.vms().images().getWithResponse("vmi_1")),
    ZONES(
        "GET",
        "/v0/zones",
        200,
        ZONE_LIST,
        c -> c.zones().list(),
        c -> c.zones().listAsync(),
        c -> c.zones().listWithResponse()),
    ZONE_GET(
        "GET",
        "/v0/zones/hayesvalley",
        200,
        ZONE,
        c -> c.zones().get("hayesvalley"),
        c -> c.zones().getAsync("hayesvalley"),
        c -> c.zones().getWithResponse("hayesvalley"));

    final String method;
    final String path;
    final int status;
    final String body;
    private final Function<SfcNodes, Object> sync;
    private final Function<SfcNodes, CompletableFuture<?>> async;
    private final Function<SfcNodes, ApiResponse<?>> withResponse;

    Op(
        String method,
        String path,
        int status,
        String body,
        Function<SfcNodes, Object> sync,
        Function<SfcNodes, CompletableFuture<?>> async,
        Function<SfcNodes, ApiResponse<?>> withResponse) {
      this.method = method;
      this.path = path;
      this.status = status;
      this.body = body;
      this.sync = sync;
      this.async = async;
      this.withResponse = withResponse;
    }

    /** The valid answer, as MockWebServer sends it. */
    MockResponse answer() {
      return status == 204 ? new MockResponse().setResponseCode(204) : TestHttp.json(status, body);
    }

    boolean read() {
      return method.equals("GET");
    }

    /**
     * Makes the call and returns what it returned (the body; the {@link ApiResponse} for
     * withResponse), or throws what it threw (the cause of an async failure, unwrapped).
     */
    Object call(SfcNodes client, Kind kind) {
      switch (kind) {
        case SYNC:
          return sync.apply(client);
        case WITH_RESPONSE:
          return withResponse.apply(client);
        case ASYNC:
          CompletableFuture<?> future = async.apply(client);
          try {
            // A hang guard only: every answer in these tests comes within the client's timeout.
            return future.get(30, TimeUnit.SECONDS);
          } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
              throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
              throw (Error) cause;
            }
            throw new AssertionError("an async call failed with a checked exception", cause);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
          } catch (TimeoutException e) {
            future.cancel(true);
            throw new AssertionError("the async call did not finish within 30 s", e);
          }
      }
      throw new AssertionError(kind);
    }

    /** The operation a request is for, by method and path (query ignored), or null. */
    static Op of(String method, String pathAndQuery) {
      int q = pathAndQuery.indexOf('?');
      String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
      for (Op op : values()) {
        if (op.method.equals(method) && op.path.equals(path)) {
          return op;
        }
      }
      return null;
    }

    private static CreateNodesParams create() {
      return CreateNodesParams.builder().desiredCount(1).maxPricePerNodeHour(100).build();
    }

    private static ExtendNodeParams extend() {
      return ExtendNodeParams.builder()
          .duration(Duration.ofHours(1))
          .maxPricePerNodeHour(100)
          .build();
    }
  }

  /** Every (kind, op) pair whose op passes {@code filter}. */
  static List<Arguments> rows(java.util.function.Predicate<Op> filter) {
    List<Arguments> rows = new ArrayList<>();
    for (Op op : Op.values()) {
      if (filter.test(op)) {
        for (Kind kind : Kind.values()) {
          rows.add(Arguments.of(kind, op));
        }
      }
    }
    return rows;
  }
}
