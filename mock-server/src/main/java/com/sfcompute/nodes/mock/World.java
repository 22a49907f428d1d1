package com.sfcompute.nodes.mock;

import com.google.gson.JsonElement;
import com.sfcompute.nodes.model.CreateNodesRequest;
import com.sfcompute.nodes.model.ExtendNodeRequest;
import com.sfcompute.nodes.model.ImageDownload;
import com.sfcompute.nodes.model.ImageList;
import com.sfcompute.nodes.model.Node;
import com.sfcompute.nodes.model.NodeList;
import com.sfcompute.nodes.model.NodeType;
import com.sfcompute.nodes.model.RedeployNodeRequest;
import com.sfcompute.nodes.model.VmLogs;
import com.sfcompute.nodes.model.VmScript;
import com.sfcompute.nodes.model.VmSsh;
import com.sfcompute.nodes.model.Zone;
import com.sfcompute.nodes.model.ZoneList;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The mock's state and the rules of every operation.
 *
 * <p>Time-driven changes are applied lazily: every operation first {@linkplain #catchUp catches up}
 * with the clock, so a test that advances a {@link MockClock} sees nodes move on its next request.
 * Every method holds this object's monitor; the HTTP layer also holds it around an idempotency
 * check and the action it guards.
 *
 * <p>Beside it, each with one job and called only under this monitor: the images and zones ({@link
 * Catalog}), the start-up script ({@link StartupScript}), the API's view of the records ({@link
 * Renderer}) and new IDs ({@link Ids}).
 */
final class World {
  private static final int MAX_DESIRED_COUNT = 1000;
  private static final int DEFAULT_LOG_LIMIT = 1000;

  private final Settings settings;
  private final Clock clock;
  private final MockCounters counters;
  private final Catalog catalog;
  private final Renderer renderer;
  private final StartupScript script;
  private final Map<String, NodeRecord> nodes = new LinkedHashMap<>();
  private final Map<String, VmRecord> vms = new LinkedHashMap<>();
  private Ids ids;

  World(Settings settings, Clock clock, MockCounters counters) {
    this.settings = settings;
    this.clock = clock;
    this.counters = counters;
    this.catalog = new Catalog(settings, clock);
    this.renderer = new Renderer(settings);
    this.script = new StartupScript(settings, counters);
    this.ids = new Ids(settings.seed);
  }

  synchronized void reset() {
    nodes.clear();
    vms.clear();
    script.reset();
    ids = new Ids(settings.seed);
  }

  // ---- nodes ----

  synchronized NodeList create(CreateNodesRequest request) {
    long now = catchUp();
    int count = request.getDesiredCount();
    if (count < 1 || count > MAX_DESIRED_COUNT) {
      throw ApiException.invalid(
          "invalid_value",
          "desired_count must be between 1 and " + MAX_DESIRED_COUNT + ", was " + count,
          "desired_count");
    }
    long maxPrice = request.getMaxPricePerNodeHour();
    if (maxPrice <= 0) {
      throw ApiException.invalid(
          "invalid_value",
          "max_price_per_node_hour must be a positive number of cents, was " + maxPrice,
          "max_price_per_node_hour");
    }
    Long endAt = request.getEndAt();
    boolean reserved = request.getNodeType() == NodeType.RESERVED || endAt != null;
    MockZone zone = catalog.zoneFor(request, reserved);
    long nowSeconds = now / 1000;
    long startAt = nowSeconds;
    if (reserved) {
      if (endAt == null) {
        throw ApiException.invalid(
            "missing_field", "end_at is required for reserved nodes", "end_at");
      }
      Long requestedStart = request.getStartAt();
      startAt = requestedStart == null ? nowSeconds : requestedStart;
      if (endAt <= Math.max(startAt, nowSeconds)) {
        throw ApiException.invalid(
            "invalid_value",
            "end_at must be after start_at and in the future, was " + endAt,
            "end_at");
      }
    }
    String imageId = request.getImageId();
    if (imageId != null) {
      catalog.requireImage(imageId, "image_id");
    }
    List<String> names = namesFor(request.getNames(), count);
    String procurementId = reserved ? null : "proc_" + ids.hex(16);
    NodeList created = new NodeList()._object("list").data(new ArrayList<>());
    for (int i = 0; i < count; i++) {
      String id = "n_" + ids.hex(16);
      String name = names.isEmpty() ? id : names.get(i);
      NodeRecord node =
          new NodeRecord(id, name, zone, reserved, procurementId, now, startAt, endAt, maxPrice);
      long bootAt = Math.max(now, startAt * 1000);
      addVm(node, imageId, request.getCloudInitUserData(), now, bootAt);
      nodes.put(id, node);
      created.addDataItem(renderer.render(node, now));
    }
    counters.created(count);
    return created;
  }

  synchronized NodeList list(List<String> idList, List<String> nameList, @Nullable String type) {
    long now = catchUp();
    // Sets: a list by 1,000 IDs of 1,000 nodes stays linear.
    Set<String> ids = new HashSet<>(idList);
    Set<String> names = new HashSet<>(nameList);
    int filters = (ids.isEmpty() ? 0 : 1) + (names.isEmpty() ? 0 : 1) + (type == null ? 0 : 1);
    if (filters > 1) {
      String field = type != null ? "type" : "name";
      throw ApiException.invalid(
          "invalid_value", "The filters id, name and type cannot be combined", field);
    }
    NodeList list = new NodeList()._object("list").data(new ArrayList<>());
    for (NodeRecord node : nodes.values()) {
      boolean selected =
          filters == 0
              || ids.contains(node.id)
              || names.contains(node.name)
              || node.nodeType().equals(type);
      if (selected) {
        list.addDataItem(renderer.render(node, now));
      }
    }
    return list;
  }

  synchronized Node get(String idOrName) {
    long now = catchUp();
    return renderer.render(requireNode(idOrName), now);
  }

  synchronized void delete(String idOrName) {
    long now = catchUp();
    NodeRecord node = requireNode(idOrName);
    for (VmRecord vm : node.vms) {
      if (vm.active(now)) {
        throw ApiException.unprocessable(
            "node_has_active_vms",
            "Node "
                + node.id
                + " has "
                + (vm.status(now).equals("Running") ? "a running" : "a pending")
                + " VM ("
                + vm.id
                + "); it can be deleted once its VMs have ended");
      }
    }
    nodes.remove(node.id);
    for (VmRecord vm : node.vms) {
      vms.remove(vm.id);
    }
    counters.deleted();
  }

  synchronized Node extend(String idOrName, ExtendNodeRequest request) {
    long now = catchUp();
    NodeRecord node = requireNode(idOrName);
    if (!node.reserved) {
      throw ApiException.unprocessable(
          "invalid_node_type",
          "Only reserved nodes can be extended; node " + node.id + " is autoreserved");
    }
    requireLive(node, now, "extended");
    Long endAt = node.endAtSeconds;
    node.endAtSeconds = (endAt == null ? now / 1000 : endAt) + request.getDurationSeconds();
    node.changedAtMillis = now;
    counters.extended();
    return renderer.render(node, now);
  }

  synchronized Node release(String idOrName) {
    long now = catchUp();
    NodeRecord node = requireNode(idOrName);
    if (node.releasedAtMillis != NodeRecord.NEVER) {
      throw ApiException.conflict("already_released", "Node already released", null);
    }
    if (node.reserved) {
      throw ApiException.unprocessable(
          "invalid_node_type",
          "Only autoreserved nodes can be released; node " + node.id + " is reserved");
    }
    requireLive(node, now, "released");
    node.releasedAtMillis = now;
    // A released node keeps the hour it has paid for, then ends.
    node.endAtSeconds = (now / 1000 / 3600 + 1) * 3600;
    counters.released();
    return renderer.render(node, now);
  }

  synchronized Node redeploy(String idOrName, RedeployNodeRequest request) {
    long now = catchUp();
    NodeRecord node = requireNode(idOrName);
    String status = node.status(now);
    if (!status.equals("running")) {
      throw new ApiException(
          422,
          "unprocessable_entity",
          "Node is not running",
          Collections.singletonList(
              ApiException.detail(
                  "invalid_state", "Node " + node.id + " has status " + status, null)));
    }
    boolean overrideEmpty = Boolean.TRUE.equals(request.getOverrideEmpty());
    VmRecord current = node.currentVm();
    String imageId = request.getImageId();
    if (imageId != null) {
      catalog.requireImage(imageId, "image_id");
    } else if (!overrideEmpty) {
      imageId = current.imageId;
    }
    byte[] userData = request.getCloudInitUserData();
    if (userData == null && !overrideEmpty) {
      userData = current.userData;
    }
    current.destroy(now);
    addVm(node, imageId, userData, now, now);
    node.changedAtMillis = now;
    counters.redeployed(node.id, now, node.currentVm().runningAtMillis);
    return renderer.render(node, now);
  }

  // ---- VMs ----

  synchronized VmLogs logs(
      String instanceId,
      String orderBy,
      @Nullable Integer limit,
      @Nullable Long sinceSeqnum,
      @Nullable Long beforeSeqnum,
      @Nullable OffsetDateTime sinceTime,
      @Nullable OffsetDateTime beforeTime) {
    long now = catchUp();
    VmRecord vm = requireVm(instanceId);
    vm.publishLog(now);
    List<VmRecord.LogLine> lines = new ArrayList<>();
    for (VmRecord.LogLine line : vm.log()) {
      if ((sinceSeqnum == null || line.seqnum >= sinceSeqnum)
          && (beforeSeqnum == null || line.seqnum < beforeSeqnum)
          && (sinceTime == null || line.atMillis >= sinceTime.toInstant().toEpochMilli())
          && (beforeTime == null || line.atMillis < beforeTime.toInstant().toEpochMilli())) {
        lines.add(line);
      }
    }
    if (orderBy.equals("seqnum_desc")) {
      Collections.reverse(lines);
    }
    int max = limit == null ? DEFAULT_LOG_LIMIT : limit;
    return Renderer.logs(vm, lines, max);
  }

  synchronized VmSsh ssh(String vmId) {
    long now = catchUp();
    VmRecord vm = requireVm(vmId);
    return renderer.ssh(vm, now);
  }

  synchronized VmScript script() {
    return script.get();
  }

  synchronized VmScript setScript(JsonElement value) {
    return script.set(value);
  }

  // ---- images and zones ----

  synchronized ImageList images() {
    return catalog.images();
  }

  synchronized ImageDownload image(String imageId, String baseUrl) {
    return catalog.image(imageId, baseUrl);
  }

  synchronized ZoneList zones() {
    return catalog.zones();
  }

  synchronized Zone zone(String name) {
    return catalog.zone(name);
  }

  // ---- the Java API for tests (MockState) ----

  synchronized @Nullable Node node(String idOrName) {
    long now = catchUp();
    NodeRecord node = findNode(idOrName);
    return node == null ? null : renderer.render(node, now);
  }

  synchronized List<Node> nodes() {
    long now = catchUp();
    List<Node> all = new ArrayList<>();
    for (NodeRecord node : nodes.values()) {
      all.add(renderer.render(node, now));
    }
    return all;
  }

  synchronized byte @Nullable [] userDataOf(String vmId) {
    byte[] userData = requireVmForTest(vmId).userData;
    return userData == null ? null : userData.clone();
  }

  synchronized long appendLog(String vmId, String text) {
    long now = catchUp();
    return requireVmForTest(vmId).append(now, text);
  }

  synchronized void failNode(String idOrName) {
    long now = catchUp();
    NodeRecord node = requireNodeForTest(idOrName);
    if (node.failedAtMillis == NodeRecord.NEVER && node.terminatedAtMillis == NodeRecord.NEVER) {
      node.failedAtMillis = now;
      node.currentVm().fail(now);
    }
  }

  synchronized void terminateNode(String idOrName) {
    long now = catchUp();
    terminate(requireNodeForTest(idOrName), now);
  }

  synchronized byte @Nullable [] scriptBytes() {
    return script.bytes();
  }

  // ---- rules ----

  /** Applies what time alone brings (the end of reserved and released nodes) up to now. */
  private long catchUp() {
    long now = clock.millis();
    for (NodeRecord node : nodes.values()) {
      long endsAt = node.endsAtMillis();
      if (endsAt != NodeRecord.NEVER && now >= endsAt) {
        terminate(node, endsAt);
      }
    }
    return now;
  }

  private static void terminate(NodeRecord node, long at) {
    if (node.terminatedAtMillis == NodeRecord.NEVER && node.failedAtMillis == NodeRecord.NEVER) {
      node.terminatedAtMillis = at;
      node.currentVm().destroy(at);
    }
  }

  private void addVm(
      NodeRecord node,
      @Nullable String imageId,
      byte @Nullable [] userData,
      long now,
      long bootAt) {
    VmRecord vm =
        new VmRecord(
            "vm_" + ids.base62(21),
            node,
            imageId,
            userData == null ? null : userData.clone(),
            now,
            bootAt,
            settings.transitionDelayMillis);
    node.vms.add(vm);
    vms.put(vm.id, vm);
  }

  private List<String> namesFor(@Nullable List<String> names, int count) {
    if (names == null || names.isEmpty()) {
      return Collections.emptyList();
    }
    if (names.size() != count) {
      throw ApiException.invalid(
          "invalid_value",
          "names has " + names.size() + " entries but desired_count is " + count,
          "names");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      String field = "names[" + i + "]";
      if (name.isEmpty()) {
        throw ApiException.invalid("invalid_value", field + " is empty", field);
      }
      if (name.startsWith("n_") || name.startsWith("vm_")) {
        throw ApiException.invalid(
            "invalid_value",
            field + " starts with a prefix kept for IDs (n_, vm_): " + name,
            field);
      }
      if (name.chars().allMatch(Character::isDigit)) {
        throw ApiException.invalid(
            "invalid_value", field + " is a number; names may not be: " + name, field);
      }
      if (!seen.add(name)) {
        throw ApiException.invalid("invalid_value", field + " repeats the name " + name, field);
      }
      if (findNode(name) != null) {
        throw ApiException.conflict(
            "name_taken", "A node named " + name + " already exists", field);
      }
    }
    return names;
  }

  private static void requireLive(NodeRecord node, long now, String verb) {
    String status = node.status(now);
    if (!status.equals("running") && !status.equals("pending")) {
      throw new ApiException(
          422,
          "unprocessable_entity",
          "Node cannot be " + verb + " in its state",
          Collections.singletonList(
              ApiException.detail(
                  "invalid_state", "Node " + node.id + " has status " + status, null)));
    }
  }

  private @Nullable NodeRecord findNode(String idOrName) {
    NodeRecord byId = nodes.get(idOrName);
    if (byId != null) {
      return byId;
    }
    for (NodeRecord node : nodes.values()) {
      if (node.name.equals(idOrName)) {
        return node;
      }
    }
    return null;
  }

  private NodeRecord requireNode(String idOrName) {
    NodeRecord node = findNode(idOrName);
    if (node == null) {
      throw ApiException.notFound("Node " + idOrName + " not found");
    }
    return node;
  }

  private VmRecord requireVm(String vmId) {
    VmRecord vm = vms.get(vmId);
    if (vm == null) {
      throw ApiException.notFound("VM " + vmId + " not found");
    }
    return vm;
  }

  private NodeRecord requireNodeForTest(String idOrName) {
    NodeRecord node = findNode(idOrName);
    if (node == null) {
      throw new NoSuchElementException("No node with ID or name " + idOrName);
    }
    return node;
  }

  private VmRecord requireVmForTest(String vmId) {
    VmRecord vm = vms.get(vmId);
    if (vm == null) {
      throw new NoSuchElementException("No VM " + vmId);
    }
    return vm;
  }
}
