package com.sfcompute.nodes.spec;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openapitools.openapidiff.core.OpenApiCompare;

/**
 * The breaking-change gate of the spec: the packaged document against the last released one, and
 * proof on edited copies that the gate tells breaking changes from additive ones.
 */
final class SpecCompatibilityTest {
  private static final YAMLMapper YAML = new YAMLMapper();

  @TempDir Path dir;

  @Test
  void specIsCompatibleWithTheLastReleaseOrMovesTheMajorVersion() {
    SpecCompatibility.Verdict verdict = SpecCompatibility.check(baselineText(), Spec.text());

    assertTrue(verdict.passes(), () -> SpecCompatibility.explain(verdict));
  }

  @Test
  void removingAnOperationIsBreaking() throws IOException {
    Path edited =
        editedCopy(
            spec -> {
              ObjectNode firstPath = (ObjectNode) spec.path("paths").elements().next();
              String method = firstPath.fieldNames().next();
              firstPath.remove(method);
            });

    SpecCompatibility.Verdict verdict = SpecCompatibility.check(baseline(), edited);

    assertTrue(verdict.breaking());
    assertFalse(verdict.passes(), "a removed operation passed the gate");
  }

  @Test
  void removingARequiredResponseFieldIsBreaking() throws IOException {
    Path edited =
        editedCopy(
            spec -> {
              ObjectNode node = schema(spec, "Node");
              ArrayNode required = (ArrayNode) node.path("required");
              String field = required.remove(required.size() - 1).asText();
              ((ObjectNode) node.path("properties")).remove(field);
            });

    SpecCompatibility.Verdict verdict = SpecCompatibility.check(baseline(), edited);

    assertTrue(verdict.breaking());
    assertFalse(verdict.passes(), "a removed required field of Node passed the gate");
    assertFalse(verdict.report().isEmpty(), "no report of what broke");
  }

  @Test
  void breakingChangePassesWhenTheMajorVersionMoves() throws IOException {
    Path edited =
        editedCopy(
            spec -> {
              ObjectNode firstPath = (ObjectNode) spec.path("paths").elements().next();
              firstPath.remove(firstPath.fieldNames().next());
              ObjectNode info = (ObjectNode) spec.path("info");
              int major = SpecCompatibility.major(info.path("version").asText());
              info.put("version", (major + 1) + ".0.0");
            });

    SpecCompatibility.Verdict verdict = SpecCompatibility.check(baseline(), edited);

    assertTrue(verdict.breaking());
    assertTrue(verdict.passes(), () -> SpecCompatibility.explain(verdict));
  }

  @Test
  void addingAnOperationIsNotBreaking() throws IOException {
    Path edited =
        editedCopy(
            spec -> {
              ObjectNode get = YAML.createObjectNode();
              get.put("operationId", "addedForTheGateTest");
              get.put("summary", "Added by SpecCompatibilityTest");
              get.putObject("responses").putObject("204").put("description", "Done");
              ((ObjectNode) spec.path("paths"))
                  .putObject("/v1/added-for-the-gate-test")
                  .set("get", get);
            });

    SpecCompatibility.Verdict verdict = SpecCompatibility.check(baseline(), edited);

    assertFalse(verdict.breaking(), verdict.report());
    assertTrue(verdict.passes());
  }

  @Test
  void addingAnOptionalResponseFieldIsNotBreaking() throws IOException {
    Path edited =
        editedCopy(
            spec -> {
              ObjectNode property =
                  ((ObjectNode) schema(spec, "Node").path("properties"))
                      .putObject("added_for_the_gate_test");
              property.put("type", "string");
              property.put("nullable", true);
            });

    SpecCompatibility.Verdict verdict = SpecCompatibility.check(baseline(), edited);

    assertFalse(verdict.breaking(), verdict.report());
    assertTrue(verdict.passes());
  }

  // ---- removals that openapi-diff lets through but that take a name away from Java users ------

  @Test
  void removingAnOptionalResponseFieldIsBreaking() throws IOException {
    SpecCompatibility.Verdict verdict =
        SpecCompatibility.check(
            baseline(), editedCopy(spec -> properties(spec, "Node").remove("zone")));

    assertBreakingWithOneLine(
        verdict, "BREAKING  property removed: Node.zone -- Node.getZone() and setZone(..)");
  }

  @Test
  void openApiDiffAloneLetsARemovedResponseFieldThrough() throws IOException {
    // Why the Java rule exists: from an HTTP client's side a missing response field is harmless.
    String edited =
        Files.readString(editedCopy(spec -> properties(spec, "Node").remove("zone")), UTF_8);

    assertFalse(OpenApiCompare.fromContents(Spec.text(), edited).isIncompatible());
  }

  @Test
  void removingAnEnumValueIsBreaking() throws IOException {
    SpecCompatibility.Verdict verdict =
        SpecCompatibility.check(
            baseline(),
            editedCopy(
                spec -> {
                  ArrayNode values = (ArrayNode) schemaNode(spec, "VmStatus").path("enum");
                  values.remove(indexOf(values, "NodeFailure"));
                }));

    assertBreakingWithOneLine(
        verdict,
        "BREAKING  enum value removed: VmStatus 'NodeFailure' -- the constant"
            + " VmStatus.NODE_FAILURE disappears");
  }

  @Test
  void removingAParameterIsBreaking() throws IOException {
    SpecCompatibility.Verdict verdict =
        SpecCompatibility.check(
            baseline(),
            editedCopy(
                spec -> {
                  ArrayNode parameters =
                      (ArrayNode)
                          spec.path("paths").path("/v1/nodes").path("get").path("parameters");
                  for (int i = 0; i < parameters.size(); i++) {
                    if (parameters.get(i).path("name").asText().equals("type")) {
                      parameters.remove(i);
                      return;
                    }
                  }
                  throw new AssertionError("GET /v1/nodes has no parameter 'type'");
                }));

    assertBreakingWithOneLine(
        verdict,
        "BREAKING  parameter removed: GET /v1/nodes query parameter 'type' -- the argument"
            + " disappears from the generated method listNodes()");
  }

  @Test
  void removingAResponseStatusIsBreaking() throws IOException {
    SpecCompatibility.Verdict verdict =
        SpecCompatibility.check(
            baseline(),
            editedCopy(
                spec ->
                    ((ObjectNode)
                            spec.path("paths").path("/v1/nodes/{id}").path("get").path("responses"))
                        .remove("404")));

    assertBreakingWithOneLine(
        verdict, "BREAKING  response status removed: GET /v1/nodes/{id} 404 -- ");
  }

  @Test
  void removingAnOperationSaysWhichMethodDisappears() throws IOException {
    SpecCompatibility.Verdict verdict =
        SpecCompatibility.check(
            baseline(),
            editedCopy(
                spec -> ((ObjectNode) spec.path("paths").path("/v0/zones/{id}")).remove("get")));

    assertBreakingWithOneLine(
        verdict,
        "BREAKING  operation removed: GET /v0/zones/{id} getZone() -- the generated API method"
            + " getZone() disappears");
  }

  @Test
  void removingASchemaIsBreaking() throws IOException {
    SpecCompatibility.Verdict verdict =
        SpecCompatibility.check(
            baseline(),
            editedCopy(
                spec -> ((ObjectNode) spec.path("components").path("schemas")).remove("Region")));

    assertBreakingWithOneLine(
        verdict,
        "BREAKING  schema removed: components.schemas.Region -- the generated class Region");
  }

  @Test
  void removedRequiredFieldIsReportedOnceNotAsAddedAndDeleted() throws IOException {
    SpecCompatibility.Verdict verdict =
        SpecCompatibility.check(
            baseline(),
            editedCopy(
                spec -> {
                  ObjectNode node = schemaNode(spec, "Node");
                  ArrayNode required = (ArrayNode) node.path("required");
                  required.remove(indexOf(required, "owner"));
                  properties(spec, "Node").remove("owner");
                }));

    assertBreakingWithOneLine(
        verdict, "BREAKING  property removed: Node.owner -- Node.getOwner() and setOwner(..)");
  }

  @Test
  void failureMessageListsEveryBreakingChangeAndTheWaysOut() throws IOException {
    SpecCompatibility.Verdict verdict =
        SpecCompatibility.check(
            baseline(),
            editedCopy(
                spec -> {
                  properties(spec, "Node").remove("zone");
                  properties(spec, "Vm").remove("image_id");
                }));

    String message = SpecCompatibility.explain(verdict);

    assertTrue(message.contains("BREAKING  property removed: Node.zone"), message);
    assertTrue(message.contains("BREAKING  property removed: Vm.image_id"), message);
    assertTrue(message.contains("move the major version of info.version"), message);
    assertEquals(2, verdict.report().lines().count(), verdict.report());
  }

  @Test
  void changingOnlyDescriptionsAndExamplesIsDocsOnly() throws IOException {
    SpecCompatibility.Verdict verdict =
        SpecCompatibility.check(
            baseline(),
            editedCopy(
                spec -> {
                  ((ObjectNode) properties(spec, "Node").path("created_at"))
                      .put("description", "When the node was created, Unix seconds.");
                  ((ObjectNode) properties(spec, "Node").path("name")).put("example", "other");
                  ((ObjectNode) spec.path("paths").path("/v1/nodes").path("get"))
                      .put("summary", "List your nodes");
                }));

    assertEquals(SpecCompatibility.Kind.DOCS_ONLY, verdict.kind(), verdict.report());
    assertTrue(verdict.passes());
    assertTrue(verdict.changes().isEmpty(), () -> verdict.changes().toString());
  }

  @Test
  void theSameDocumentIsNoChange() throws IOException {
    SpecCompatibility.Verdict verdict = SpecCompatibility.check(baseline(), editedCopy(spec -> {}));

    assertEquals(SpecCompatibility.Kind.NONE, verdict.kind());
    assertTrue(verdict.passes());
  }

  @Test
  void additiveChangesAreListedWithTheirNewJavaNames() throws IOException {
    SpecCompatibility.Verdict verdict =
        SpecCompatibility.check(
            baseline(),
            editedCopy(
                spec -> {
                  properties(spec, "Node").putObject("gate_test_disk_gb").put("type", "integer");
                  ((ArrayNode) schemaNode(spec, "AcceleratorType").path("enum")).add("B200");
                }));

    assertEquals(SpecCompatibility.Kind.ADDITIVE, verdict.kind(), verdict.report());
    assertTrue(verdict.passes());
    List<String> lines = verdict.changes().stream().map(JavaApiChanges.Change::line).toList();
    assertEquals(
        List.of(
            "additive  property added: Node.gate_test_disk_gb -- new Node.getGateTestDiskGb() and"
                + " setGateTestDiskGb(..)",
            "additive  enum value added: AcceleratorType 'B200' -- a new constant"
                + " AcceleratorType.B200"),
        lines.stream().sorted(Comparator.reverseOrder()).toList());
  }

  @Test
  void javaNamesFollowTheGenerator() {
    assertEquals("CloudInitUserData", JavaApiChanges.camel("cloud_init_user_data"));
    assertEquals("PreviewEnableInfiniband", JavaApiChanges.camel("_preview_enable_infiniband"));
    assertEquals("NODE_FAILURE", JavaApiChanges.constant("NodeFailure"));
    assertEquals("SEQNUM_ASC", JavaApiChanges.constant("seqnum_asc"));
    assertEquals("H100", JavaApiChanges.constant("H100"));
  }

  @Test
  void majorVersionIsTheFirstNumber() {
    assertEquals(1, SpecCompatibility.major("1.0.0"));
    assertEquals(12, SpecCompatibility.major("12.3.4-beta"));
  }

  private static String baselineText() {
    try {
      return Files.readString(SpecCompatibility.BASELINE, UTF_8);
    } catch (IOException e) {
      throw new AssertionError("cannot read " + SpecCompatibility.BASELINE, e);
    }
  }

  /** The packaged document, unedited, in the temp dir: the "last release" of the edit tests. */
  private Path baseline() throws IOException {
    return Files.writeString(dir.resolve("baseline.yaml"), Spec.text(), UTF_8);
  }

  /** A copy of the packaged document in the temp dir with one edit applied. */
  private Path editedCopy(Consumer<ObjectNode> edit) throws IOException {
    ObjectNode spec = (ObjectNode) YAML.readTree(Spec.text());
    edit.accept(spec);
    return Files.writeString(dir.resolve("edited.yaml"), YAML.writeValueAsString(spec), UTF_8);
  }

  /** The verdict fails the gate, and its report is exactly one line, starting as given. */
  private static void assertBreakingWithOneLine(SpecCompatibility.Verdict verdict, String start) {
    assertEquals(SpecCompatibility.Kind.BREAKING, verdict.kind(), verdict.report());
    assertFalse(verdict.passes(), "the gate passed: " + verdict.report());
    List<String> lines = verdict.report().lines().toList();
    assertEquals(1, lines.size(), verdict.report());
    assertTrue(lines.get(0).startsWith(start), () -> "expected " + start + "\nwas " + lines.get(0));
  }

  private static ObjectNode properties(JsonNode spec, String schema) {
    return (ObjectNode) schemaNode(spec, schema).path("properties");
  }

  private static ObjectNode schemaNode(JsonNode spec, String name) {
    JsonNode schema = spec.path("components").path("schemas").path(name);
    if (!schema.isObject()) {
      throw new AssertionError("the edit tests need schema " + name);
    }
    return (ObjectNode) schema;
  }

  private static int indexOf(ArrayNode array, String value) {
    for (int i = 0; i < array.size(); i++) {
      if (array.get(i).asText().equals(value)) {
        return i;
      }
    }
    throw new AssertionError(value + " not in " + array);
  }

  private static ObjectNode schema(JsonNode spec, String name) {
    JsonNode schema = spec.path("components").path("schemas").path(name);
    if (!schema.isObject()
        || !schema.path("required").isArray()
        || schema.path("required").isEmpty()) {
      throw new AssertionError("the edit tests need schema " + name + " with required properties");
    }
    return (ObjectNode) schema;
  }
}
