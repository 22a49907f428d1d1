/** A user's module: one {@code requires} for the one artifact it uses. */
module com.example.jpms {
  requires com.sfcompute.nodes;
}
