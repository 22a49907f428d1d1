package com.sfcompute.nodes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Base64;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;

/**
 * UserData round trips for any input (jqwik). Kept apart from {@link UserDataTest}: jqwik and
 * Jupiter each run their own annotations with their own lifecycle, and one class per engine keeps
 * that obvious.
 */
class UserDataPropertiesTest {

  @Property
  void anyBytesSurviveTheWireEncodingAndDecoding(@ForAll @Size(max = 2048) byte[] bytes) {
    UserData userData = UserData.ofBytes(bytes);

    assertArrayEquals(bytes, UserData.fromBase64(userData.toBase64()).bytes());
    assertEquals(userData.toBase64().length(), userData.base64Length());
  }

  @Property
  void anyTextSurvivesOfTextAndText(@ForAll("unicodeText") String text) {
    assertEquals(text, UserData.ofText(text).text());
  }

  @Property
  void gzipChangesTheBytesButNeverTheText(@ForAll("unicodeText") String text) {
    UserData userData = UserData.ofText(text);

    assertEquals(userData.text(), userData.gzip().text());
    assertArrayEquals(userData.gzip().bytes(), userData.gzip().bytes());
  }

  @Property
  void whateverFromBase64AcceptsItGivesBackUnchanged(@ForAll("base64ish") String candidate) {
    UserData decoded;
    try {
      decoded = UserData.fromBase64(candidate);
    } catch (IllegalArgumentException refused) {
      return; // Refusing is fine; accepting and then sending something else is not.
    }
    assertEquals(candidate, decoded.toBase64());
    assertArrayEquals(Base64.getDecoder().decode(candidate), decoded.bytes());
  }

  /** Well-formed Unicode: any code point but the surrogates, often ASCII, sometimes astral. */
  @Provide
  Arbitrary<String> unicodeText() {
    Arbitrary<Integer> codePoint =
        Arbitraries.frequencyOf(
            Tuple.of(6, Arbitraries.integers().between(0, 0x7f)),
            Tuple.of(3, Arbitraries.integers().between(0x80, 0xd7ff)),
            Tuple.of(1, Arbitraries.integers().between(0xe000, 0x10ffff)));
    return codePoint.list().ofMaxSize(300).map(UserDataPropertiesTest::fromCodePoints);
  }

  /** Mostly the base64 alphabet, with the padding and the characters people get wrong mixed in. */
  @Provide
  Arbitrary<String> base64ish() {
    Arbitrary<String> valid =
        Arbitraries.bytes()
            .array(byte[].class)
            .ofMaxSize(64)
            .map(b -> Base64.getEncoder().encodeToString(b));
    Arbitrary<String> noisy =
        Arbitraries.strings()
            .withChars("ABCXYZabcxyz0189+/=-_ \n\r\t%")
            .withCharRange('A', 'Z')
            .ofMaxLength(24);
    // One character of a valid encoding replaced: reaches padding and unused-bit mistakes.
    Arbitrary<String> mutated =
        Combinators.combine(
                valid.filter(v -> !v.isEmpty()),
                Arbitraries.integers().greaterOrEqual(0),
                Arbitraries.of('A', 'B', 'Q', 'R', 'g', 'h', '+', '/', '=', '-', '\n'))
            .as(
                (v, at, c) -> {
                  StringBuilder out = new StringBuilder(v);
                  out.setCharAt(at % v.length(), c);
                  return out.toString();
                });
    return Arbitraries.oneOf(valid, noisy, mutated);
  }

  private static String fromCodePoints(List<Integer> codePoints) {
    StringBuilder out = new StringBuilder();
    for (int cp : codePoints) {
      out.appendCodePoint(cp);
    }
    return out.toString();
  }
}
