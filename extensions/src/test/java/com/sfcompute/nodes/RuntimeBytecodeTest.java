package com.sfcompute.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * What the README's "Runtime: Java 8" claim rests on: every class the SDK needs at run time, its
 * own and every jar of its runtime closure ({@code dependency:list -DincludeScope=runtime}), is
 * Java 8 bytecode (major version 52) or older. Classes a Java 8 JVM never loads are left out: a
 * multi-release jar's {@code META-INF/versions/9+} layer and {@code module-info.class}.
 *
 * <p>The closure is named by one class of each artifact, in the README's order; a new runtime
 * dependency belongs both here and in the README's list.
 */
class RuntimeBytecodeTest {
  private static final int JAVA_8 = 52;

  /** One class of each artifact of the runtime closure, by artifact. */
  private static Map<String, String> closure() {
    Map<String, String> anchors = new LinkedHashMap<>();
    anchors.put("com.sfcompute:sfc-nodes", "com.sfcompute.nodes.SfcNodes");
    anchors.put("com.sfcompute:sfc-nodes-generated-client", "com.sfcompute.nodes.model.Node");
    anchors.put("com.squareup.retrofit2:retrofit", "retrofit2.Retrofit");
    anchors.put("com.squareup.okhttp3:okhttp", "okhttp3.OkHttpClient");
    anchors.put(
        "com.squareup.okhttp3:logging-interceptor", "okhttp3.logging.HttpLoggingInterceptor");
    anchors.put("com.squareup.okio:okio-jvm", "okio.Buffer");
    anchors.put("org.jetbrains.kotlin:kotlin-stdlib", "kotlin.Unit");
    anchors.put("org.jetbrains:annotations", "org.jetbrains.annotations.NotNull");
    anchors.put("com.google.code.gson:gson", "com.google.gson.Gson");
    anchors.put(
        "com.google.errorprone:error_prone_annotations",
        "com.google.errorprone.annotations.CanIgnoreReturnValue");
    anchors.put("org.jspecify:jspecify", "org.jspecify.annotations.Nullable");
    return anchors;
  }

  @Test
  void everyClassOfTheRuntimeClosureIsJava8BytecodeOrOlder() throws Exception {
    List<String> newer = new ArrayList<>();
    for (Map.Entry<String, String> artifact : closure().entrySet()) {
      Path location = locationOf(Class.forName(artifact.getValue()));
      int classes = 0;
      if (Files.isDirectory(location)) {
        try (Stream<Path> files = Files.walk(location)) {
          for (Path file : (Iterable<Path>) files::iterator) {
            String name = location.relativize(file).toString().replace('\\', '/');
            if (counts(name)) {
              classes++;
              try (InputStream in = Files.newInputStream(file)) {
                check(artifact.getKey(), name, in, newer);
              }
            }
          }
        }
      } else {
        try (ZipFile jar = new ZipFile(location.toFile())) {
          Enumeration<? extends ZipEntry> entries = jar.entries();
          while (entries.hasMoreElements()) {
            ZipEntry entry = entries.nextElement();
            if (counts(entry.getName())) {
              classes++;
              try (InputStream in = jar.getInputStream(entry)) {
                check(artifact.getKey(), entry.getName(), in, newer);
              }
            }
          }
        }
      }
      assertTrue(classes > 0, artifact.getKey() + " has no classes at " + location);
    }
    assertEquals(new ArrayList<String>(), newer, "classes newer than Java 8 bytecode");
  }

  private static boolean counts(String name) {
    return name.endsWith(".class")
        && !name.startsWith("META-INF/versions/")
        && !name.endsWith("module-info.class");
  }

  private static void check(String artifact, String name, InputStream in, List<String> newer)
      throws IOException {
    DataInputStream data = new DataInputStream(in);
    int magic = data.readInt();
    data.readUnsignedShort(); // minor
    int major = data.readUnsignedShort();
    if (magic != 0xCAFEBABE || major > JAVA_8) {
      newer.add(artifact + " " + name + " (major " + major + ")");
    }
  }

  private static Path locationOf(Class<?> type) throws URISyntaxException {
    return Paths.get(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }
}
