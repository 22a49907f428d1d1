package com.sfcompute.nodes.spec;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.openapitools.openapidiff.core.OpenApiCompare;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;
import org.openapitools.openapidiff.core.output.MarkdownRender;

/**
 * The spec's breaking-change rule: compared with the last released document, a change that breaks
 * clients needs a new major {@code info.version}. Breaking is judged twice: by openapi-diff, from
 * an HTTP client's point of view, and by {@link JavaApiChanges}, from a Java user's (a removed
 * response field is harmless on the wire but removes a getter).
 */
final class SpecCompatibility {
  /** The document of the last release (a copy of the current one until the first release). */
  static final Path BASELINE =
      Paths.get(System.getProperty("basedir", "."), "baseline", "openapi.yaml");

  private static final YAMLMapper YAML = new YAMLMapper();

  private SpecCompatibility() {}

  /** What a change of the spec is, for a Java user of the SDK and its generated client. */
  enum Kind {
    /**
     * Java code compiled or written against the old spec breaks (or openapi-diff says clients do).
     */
    BREAKING,
    /** New operations, fields, values: the generated client only grows. */
    ADDITIVE,
    /** Descriptions, summaries, examples or {@code info} only: the generated API is unchanged. */
    DOCS_ONLY,
    /** Byte for byte the same document, up to YAML formatting and comments. */
    NONE
  }

  /**
   * What the rule says about one document against its baseline.
   *
   * @param changes one line per Java-visible change, breaking ones first
   * @param report what a user reads when the gate fails: one line per breaking change
   */
  record Verdict(
      boolean passes,
      Kind kind,
      String oldVersion,
      String newVersion,
      List<JavaApiChanges.Change> changes,
      String report) {
    boolean breaking() {
      return kind == Kind.BREAKING;
    }
  }

  static Verdict check(Path baseline, Path current) {
    return check(read(baseline), read(current));
  }

  static Verdict check(String baseline, String current) {
    ChangedOpenApi diff = OpenApiCompare.fromContents(baseline, current);
    String oldVersion = diff.getOldSpecOpenApi().getInfo().getVersion();
    String newVersion = diff.getNewSpecOpenApi().getInfo().getVersion();
    JsonNode oldTree = tree(baseline);
    JsonNode newTree = tree(current);
    List<JavaApiChanges.Change> changes = JavaApiChanges.between(oldTree, newTree);
    List<String> breaking = new ArrayList<>();
    for (JavaApiChanges.Change change : changes) {
      if (change.breaking()) {
        breaking.add(change.line());
      }
    }
    if (breaking.isEmpty() && diff.isIncompatible()) {
      // Incompatible for clients in a way that removes nothing from the Java API (a type change, a
      // new required request field): openapi-diff's own report says what.
      breaking.add(
          "BREAKING  incompatible for clients (openapi-diff), although no Java name disappears:\n"
              + render(diff));
    }
    Kind kind;
    if (!breaking.isEmpty()) {
      kind = Kind.BREAKING;
    } else if (!JavaApiChanges.sameApi(oldTree, newTree)) {
      kind = Kind.ADDITIVE;
    } else {
      kind = oldTree.equals(newTree) ? Kind.NONE : Kind.DOCS_ONLY;
    }
    boolean passes = kind != Kind.BREAKING || major(newVersion) > major(oldVersion);
    return new Verdict(passes, kind, oldVersion, newVersion, changes, String.join("\n", breaking));
  }

  /** The failure message: what broke, one line per change, and the two ways out. */
  static String explain(Verdict verdict) {
    return "The spec breaks Java users of the released spec ("
        + BASELINE
        + ", info.version "
        + verdict.oldVersion()
        + ") but info.version is still "
        + verdict.newVersion()
        + ":\n"
        + verdict.report()
        + "\nEither keep what was there (make the change additive), or move the major version of"
        + " info.version (and of the SDK); before the first release, copy the spec over the"
        + " baseline instead.";
  }

  static int major(String version) {
    int dot = version.indexOf('.');
    try {
      return Integer.parseInt(dot < 0 ? version : version.substring(0, dot));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("info.version is not MAJOR.MINOR.PATCH: " + version, e);
    }
  }

  private static String render(ChangedOpenApi diff) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStreamWriter writer = new OutputStreamWriter(out, UTF_8)) {
      new MarkdownRender().render(diff, writer);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(UTF_8);
  }

  private static JsonNode tree(String document) {
    try {
      return YAML.readTree(document);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path path) {
    try {
      return Files.readString(path, UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
