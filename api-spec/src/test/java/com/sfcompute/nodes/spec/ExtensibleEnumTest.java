package com.sfcompute.nodes.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Enums the server sends are open strings with {@code x-extensible-enum} listing the known values
 * and a description "See X" naming the closed enum schema generated for typed views. Both lists
 * must say the same.
 */
final class ExtensibleEnumTest {
  private static final Pattern SEE = Pattern.compile("\\bSee (\\w+)\\b");
  private static final JsonPointer SCHEMAS = JsonPointer.compile("/components/schemas");

  @Test
  void everyExtensibleEnumNamesItsEnumSchema() {
    Map<String, String> expected = new TreeMap<>();
    expected.put("Node.gpu_type", "AcceleratorType");
    expected.put("Node.status", "NodeStatus");
    expected.put("Node.node_type", "NodeType");
    expected.put("Vm.status", "VmStatus");
    expected.put("Zone.region", "Region");
    expected.put("Zone.hardware_type", "AcceleratorType");
    expected.put("Zone.interconnect_type", "InterconnectType");
    expected.put("Zone.delivery_type", "DeliveryType");
    expected.put("ErrorBody.type", "ErrorType");

    Map<String, String> actual = new TreeMap<>();
    extensibleEnums()
        .forEach((pointer, schema) -> actual.put(shortName(pointer), namedEnum(pointer, schema)));

    assertEquals(expected, actual);
  }

  @TestFactory
  Stream<DynamicTest> extensibleEnumValuesEqualTheNamedEnum() {
    return extensibleEnums().entrySet().stream()
        .map(
            entry ->
                dynamicTest(
                    shortName(entry.getKey()),
                    () -> {
                      String name = namedEnum(entry.getKey(), entry.getValue());
                      JsonNode named = Spec.tree().at(SCHEMAS.appendProperty(name));
                      assertTrue(named.has("enum"), name + " is not an enum schema");
                      assertEquals(named.get("enum"), entry.getValue().get("x-extensible-enum"));
                    }));
  }

  private static Map<JsonPointer, JsonNode> extensibleEnums() {
    Map<JsonPointer, JsonNode> found = new TreeMap<>(Comparator.comparing(JsonPointer::toString));
    SpecWalker.of(Spec.tree())
        .schemas()
        .forEach(
            (pointer, schema) -> {
              if (schema.has("x-extensible-enum")) {
                found.put(pointer, schema);
              }
            });
    return found;
  }

  /** The schema named by "See X" in the description. */
  private static String namedEnum(JsonPointer pointer, JsonNode schema) {
    Matcher see = SEE.matcher(schema.path("description").asText());
    assertTrue(see.find(), pointer + ": the description names no enum schema (\"See X\")");
    return see.group(1);
  }

  /** {@code /components/schemas/Node/properties/status} as {@code Node.status}. */
  private static String shortName(JsonPointer pointer) {
    String[] tokens = pointer.toString().split("/", -1);
    if (tokens.length == 6 && pointer.toString().startsWith("/components/schemas/")) {
      return tokens[3] + "." + tokens[5];
    }
    return pointer.toString();
  }
}
