package com.sfcompute.nodes.spec;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.ExecutionContext;
import com.networknt.schema.Format;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationContext;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi30;
import java.util.Base64;
import java.util.Set;

/**
 * Validates instances against schemas of the packaged document with networknt's OpenAPI 3.0
 * dialect.
 *
 * <p>The dialect reads the document as OpenAPI 3.0 does rather than as plain JSON Schema: {@code
 * nullable} admits null, {@code example} and {@code x-*} are annotations, and a schema is addressed
 * by its JSON pointer inside the whole document so that {@code #/components/schemas/...} references
 * resolve where they point. The formats OpenAPI adds to JSON Schema ({@code byte}, {@code int32},
 * {@code int64}) are unknown to the dialect and would pass anything; they are registered here so
 * that a bad base64 string or an out-of-range integer fails too.
 */
final class SchemaValidator {
  private static final String DOCUMENT = "classpath:" + Spec.RESOURCE;

  private static final JsonMetaSchema DIALECT =
      JsonMetaSchema.builder(OpenApi30.getInstance())
          .format(new Base64Format())
          .format(new IntegerRangeFormat("int32", Integer.MIN_VALUE, Integer.MAX_VALUE))
          .format(new IntegerRangeFormat("int64", Long.MIN_VALUE, Long.MAX_VALUE))
          .build();

  private static final JsonSchemaFactory FACTORY =
      JsonSchemaFactory.getInstance(
          SpecVersion.VersionFlag.V4,
          builder -> builder.metaSchema(DIALECT).defaultMetaSchemaIri(DIALECT.getIri()));

  private static final SchemaValidatorsConfig CONFIG =
      SchemaValidatorsConfig.builder()
          .nullableKeywordEnabled(true)
          .formatAssertionsEnabled(true)
          .build();

  private SchemaValidator() {}

  /** The violations of {@code instance} against the schema at {@code schemaAt}; empty if valid. */
  static Set<ValidationMessage> validate(JsonPointer schemaAt, JsonNode instance) {
    return schemaAt(schemaAt).validate(instance);
  }

  /** Shorthand for {@code #/components/schemas/<name>}. */
  static Set<ValidationMessage> validate(String componentSchema, JsonNode instance) {
    return validate(
        JsonPointer.compile("/components/schemas").appendProperty(componentSchema), instance);
  }

  private static JsonSchema schemaAt(JsonPointer pointer) {
    if (Spec.tree().at(pointer).isMissingNode()) {
      throw new IllegalArgumentException("no schema at " + pointer);
    }
    return FACTORY.getSchema(SchemaLocation.of(DOCUMENT + "#" + pointer), CONFIG);
  }

  /** {@code format: byte}: base64 (RFC 4648) text. */
  private static final class Base64Format implements Format {
    @Override
    public String getName() {
      return "byte";
    }

    @Override
    public boolean matches(ExecutionContext executionContext, String value) {
      try {
        Base64.getDecoder().decode(value);
        return true;
      } catch (IllegalArgumentException e) {
        return false;
      }
    }
  }

  /** {@code format: int32} and {@code int64}: an integer within the signed range. */
  private static final class IntegerRangeFormat implements Format {
    private final String name;
    private final long min;
    private final long max;

    IntegerRangeFormat(String name, long min, long max) {
      this.name = name;
      this.min = min;
      this.max = max;
    }

    @Override
    public String getName() {
      return name;
    }

    @Override
    public boolean matches(
        ExecutionContext executionContext, ValidationContext validationContext, JsonNode value) {
      if (!value.isNumber()) {
        return true; // "type" speaks for non-numbers
      }
      return value.isIntegralNumber() && value.canConvertToLong() && inRange(value.longValue());
    }

    private boolean inRange(long value) {
      return value >= min && value <= max;
    }
  }
}
