package com.sfcompute.nodes.spec;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.openapitools.openapidiff.core.OpenApiCompare;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;
import org.openapitools.openapidiff.core.output.MarkdownRender;

/**
 * The spec's breaking-change rule: compared with the last released document (openapi-diff, from a
 * client's point of view), a change that breaks clients needs a new major {@code info.version}.
 */
final class SpecCompatibility {
  /** The document of the last release (a copy of the current one until the first release). */
  static final Path BASELINE =
      Paths.get(System.getProperty("basedir", "."), "baseline", "openapi.yaml");

  private SpecCompatibility() {}

  /** What the rule says about one document against its baseline. */
  record Verdict(
      boolean passes, boolean breaking, String oldVersion, String newVersion, String report) {}

  static Verdict check(Path baseline, Path current) {
    return check(read(baseline), read(current));
  }

  static Verdict check(String baseline, String current) {
    ChangedOpenApi diff = OpenApiCompare.fromContents(baseline, current);
    String oldVersion = diff.getOldSpecOpenApi().getInfo().getVersion();
    String newVersion = diff.getNewSpecOpenApi().getInfo().getVersion();
    boolean breaking = diff.isIncompatible();
    boolean passes = !breaking || major(newVersion) > major(oldVersion);
    return new Verdict(passes, breaking, oldVersion, newVersion, breaking ? render(diff) : "");
  }

  /** The failure message: what broke, and the two ways out. */
  static String explain(Verdict verdict) {
    return "The spec breaks clients of the released spec ("
        + BASELINE
        + ", info.version "
        + verdict.oldVersion()
        + ") but info.version is "
        + verdict.newVersion()
        + ". Either make the change additive, or move the major version of info.version (and of"
        + " the SDK); before the first release, copy the spec over the baseline instead.\n\n"
        + verdict.report();
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

  private static String read(Path path) {
    try {
      return Files.readString(path, UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
