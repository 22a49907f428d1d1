package com.sfcompute.nodes.benchmarks;

import java.util.Locale;

/** The canned JSON the benchmark server answers with. */
final class Payloads {
  private Payloads() {}

  /** Nodes in the list answer: the "decoding a 10,000-node list". */
  static final int LIST_SIZE = 10_000;

  /** The published example of a redeploy's answer (970 bytes): a node with two VMs. */
  static final String NODE = node("n_b1dc52505c6db143", "cuda-crunch");

  /** {@code {"object":"list","data":[...]}} with {@code count} distinct nodes. */
  static String list(int count) {
    StringBuilder json =
        new StringBuilder(count * 1000 + 64).append("{\"object\":\"list\",\"data\":[");
    for (int i = 0; i < count; i++) {
      if (i > 0) {
        json.append(',');
      }
      json.append(node(String.format(Locale.ROOT, "n_%016x", i), "node-" + i));
    }
    return json.append("]}").toString();
  }

  private static String node(String id, String name) {
    return "{\"object\":\"node\",\"id\":\""
        + id
        + "\",\"name\":\""
        + name
        + "\",\"zone\":\"hayesvalley\",\"gpu_type\":\"H100\",\"owner\":\"sfcompute\","
        + "\"status\":\"running\",\"created_at\":1640995200,\"updated_at\":1640995200,"
        + "\"start_at\":1640995200,\"end_at\":1641007200,\"max_price_per_node_hour\":1000,"
        + "\"node_type\":\"autoreserved\",\"procurement_id\":\"proc_b1dc52505c6de142\","
        + "\"vms\":{\"object\":\"list\",\"data\":[{\"object\":\"vm\",\"id\":\"vm_oldInstance\","
        + "\"status\":\"destroyed\",\"created_at\":1640995200,\"updated_at\":1640995200,"
        + "\"start_at\":1640995200,\"end_at\":1641007200,\"image_id\":\"vmi_old_id\","
        + "\"zone\":\"hayesvalley\"},{\"object\":\"vm\",\"id\":\"vm_newInstance\","
        + "\"status\":\"running\",\"created_at\":1641003600,\"updated_at\":1641003600,"
        + "\"start_at\":1641003600,\"end_at\":1641007200,\"image_id\":\"vmi_new_id\","
        + "\"zone\":\"hayesvalley\"}]},\"current_vm\":{\"object\":\"vm\","
        + "\"id\":\"vm_newInstance\",\"status\":\"running\",\"created_at\":1641003600,"
        + "\"updated_at\":1641003600,\"start_at\":1641003600,\"end_at\":1641007200,"
        + "\"image_id\":\"vmi_myOZZXw4pfcp7H9DQOldd\",\"zone\":\"hayesvalley\"}}";
  }
}
