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
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
