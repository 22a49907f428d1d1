/** A user's module: one {@code requires} for each artifact it uses. */
module com.example.jpms {
  requires com.sfcompute.nodes;
  requires com.sfcompute.nodes.mock;
}
