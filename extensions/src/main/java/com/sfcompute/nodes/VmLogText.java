package com.sfcompute.nodes;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sfcompute.nodes.model.VmLogChunk;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.util.List;

/**
 * Log chunks as text. A chunk's {@code data} is bytes (numbers 0-255); a character may be split
 * across two chunks, so a {@link #decoder()} carries the partial bytes of one chunk into the next.
 */
public final class VmLogText {
  private VmLogText() {}

  /** One chunk as UTF-8 text; malformed bytes become U+FFFD. */
  public static String of(VmLogChunk chunk) {
    Decoder decoder = decoder();
    return decoder.decode(chunk) + decoder.finish();
  }

  /** The bytes of a chunk. */
  public static byte[] bytes(VmLogChunk chunk) {
    List<Integer> data = chunk.getData();
    byte[] bytes = new byte[data.size()];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (int) data.get(i);
    }
    return bytes;
  }

  /** A decoder for consecutive chunks of one VM's log, in order. Not thread-safe. */
  public static Decoder decoder() {
    return new Decoder();
  }

  /** Decodes consecutive chunks, keeping a character split across chunks whole. */
  public static final class Decoder {
    private final CharsetDecoder utf8 =
        UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    private ByteBuffer carry = ByteBuffer.allocate(0);

    private Decoder() {}

    /** The text of {@code chunk}, less any trailing bytes of a character the next chunk ends. */
    public String decode(VmLogChunk chunk) {
      byte[] bytes = bytes(chunk);
      ByteBuffer in = ByteBuffer.allocate(carry.remaining() + bytes.length);
      in.put(carry).put(bytes).flip();
      CharBuffer out = CharBuffer.allocate(in.remaining() + 1);
      utf8.decode(in, out, false);
      carry = in.slice();
      out.flip();
      return out.toString();
    }

    /** What is left at the end of the log: bytes of an unfinished character, as U+FFFD. */
    public String finish() {
      CharBuffer out = CharBuffer.allocate(carry.remaining() + 1);
      utf8.decode(carry, out, true);
      utf8.flush(out);
      carry = ByteBuffer.allocate(0);
      utf8.reset();
      out.flip();
      return out.toString();
    }
  }
}
