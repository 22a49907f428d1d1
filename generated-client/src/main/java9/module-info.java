/**
 * The models of the SF Compute nodes API, generated from its spec. Users read them through {@code
 * com.sfcompute.nodes}, which requires this module transitively; the Retrofit interfaces and wire
 * formats are exported to the SDK's own modules only.
 */
module com.sfcompute.nodes.generated {
  // In the models' API: JsonElement (user data), @Nullable.
  requires transitive com.google.gson;
  requires transitive org.jspecify;
  requires retrofit2;
  requires okhttp3;
  // OkHttp and Retrofit are automatic modules built with Kotlin: without this, nothing puts the
  // Kotlin stdlib (a named module) in the graph and they fail with kotlin/jvm/internal/Intrinsics.
  requires kotlin.stdlib;

  exports com.sfcompute.nodes.model;
  exports com.sfcompute.nodes.internal.api to
      com.sfcompute.nodes;
  exports com.sfcompute.nodes.internal.json to
      com.sfcompute.nodes,
      com.sfcompute.nodes.mock;

  // Gson reads and writes the models by reflection; the SDK checks their required fields so, and
  // marks a model read without one.
  opens com.sfcompute.nodes.model to
      com.google.gson,
      com.sfcompute.nodes;
}
