package com.sfcompute.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sfcompute.nodes.model.NodeType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One template for every parameter object: a table of the params classes, each checked for the same
 * surface (builder, toBuilder, value equality, a toString without user data, the idempotency key on
 * side effects, one form for a missing required field), and a table of inputs refused at the
 * builder, naming the field, before any request.
 */
class ParamsTest {
  private static final String SECRET = "#cloud-config\npassword: hunter2-secret";
  private static final Instant HOUR = Instant.ofEpochSecond(1641002400L);

  /** One params class: a full sample, a sample that differs in one field, and its copy route. */
  static final class Kind {
    final String name;
    final Supplier<Object> sample;
    final Supplier<Object> other;
    final UnaryOperator<Object> viaToBuilder;
    final @Nullable BiFunction<Object, String, Object> withKey;
    final @Nullable Executable missingRequired;
    final @Nullable String requiredField;

    Kind(
        String name,
        Supplier<Object> sample,
        Supplier<Object> other,
        UnaryOperator<Object> viaToBuilder,
        @Nullable BiFunction<Object, String, Object> withKey,
        @Nullable Executable missingRequired,
        @Nullable String requiredField) {
      this.name = name;
      this.sample = sample;
      this.other = other;
      this.viaToBuilder = viaToBuilder;
      this.withKey = withKey;
      this.missingRequired = missingRequired;
      this.requiredField = requiredField;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static CreateNodesParams create(int count) {
    return CreateNodesParams.builder()
        .desiredCount(count)
        .maxPricePerNodeHour(1600)
        .zone("hayesvalley")
        .anyZone(false)
        .startAt(HOUR)
        .endAt(HOUR.plusSeconds(3600))
        .nodeType(NodeType.RESERVED)
        .names("a", "b")
        .userData(UserData.ofText(SECRET))
        .imageId("vmi_1")
        .forward443(true)
        .previewEnableInfiniband(true)
        .build();
  }

  static ExtendNodeParams extend(long cents) {
    return ExtendNodeParams.builder()
        .duration(Duration.ofHours(2))
        .maxPricePerNodeHour(cents)
        .build();
  }

  static RedeployParams redeploy(String image) {
    return RedeployParams.builder()
        .image(image)
        .userData(UserData.ofText(SECRET))
        .requireRunning(true)
        .build();
  }

  static Stream<Kind> kinds() {
    return Stream.of(
        new Kind(
            "CreateNodesParams",
            () -> create(2),
            () -> create(3),
            p -> ((CreateNodesParams) p).toBuilder().build(),
            (p, key) -> ((CreateNodesParams) p).withIdempotencyKey(key),
            () -> CreateNodesParams.builder().maxPricePerNodeHour(1).build(),
            "desired_count"),
        new Kind(
            "ExtendNodeParams",
            () -> extend(1000),
            () -> extend(1001),
            p -> ((ExtendNodeParams) p).toBuilder().build(),
            (p, key) -> ((ExtendNodeParams) p).withIdempotencyKey(key),
            () -> ExtendNodeParams.builder().maxPricePerNodeHour(1).build(),
            "duration_seconds"),
        new Kind(
            "RedeployParams",
            () -> redeploy("vmi_1"),
            () -> redeploy("vmi_2"),
            p -> ((RedeployParams) p).toBuilder().build(),
            (p, key) -> ((RedeployParams) p).withIdempotencyKey(key),
            null,
            null),
        new Kind(
            "RedeployParams.raw",
            () -> RedeployParams.raw(null, UserData.ofText(SECRET), null),
            () -> RedeployParams.raw(null, UserData.ofText(SECRET), false),
            p -> ((RedeployParams) p).toBuilder().build(),
            (p, key) -> ((RedeployParams) p).withIdempotencyKey(key),
            null,
            null),
        new Kind(
            "ListNodesParams",
            () -> ListNodesParams.builder().ids("n_1", "n_2").build(),
            () -> ListNodesParams.builder().ids("n_1").build(),
            p -> ((ListNodesParams) p).toBuilder().build(),
            null,
            null,
            null),
        new Kind(
            "VmLogsParams",
            () ->
                VmLogsParams.builder()
                    .instanceId("vm_1")
                    .descending()
                    .limit(10)
                    .sinceSeqnum(1)
                    .beforeSeqnum(9)
                    .since(HOUR)
                    .before(HOUR.plusSeconds(1))
                    .build(),
            () -> VmLogsParams.builder().instanceId("vm_1").descending().limit(11).build(),
            p -> ((VmLogsParams) p).toBuilder().build(),
            null,
            () -> VmLogsParams.builder().limit(1).build(),
            "instance_id"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void equalWhenBuiltTheSameWay(Kind kind) {
    Object a = kind.sample.get();
    Object b = kind.sample.get();
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertEquals(a.toString(), b.toString());
    assertNotEquals(a, kind.other.get());
    assertNotEquals(a, null);
    assertNotEquals(a, "not params");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void toBuilderGivesAnEqualCopy(Kind kind) {
    Object original = kind.sample.get();
    Object copy = kind.viaToBuilder.apply(original);
    assertEquals(original, copy);
    assertEquals(original.hashCode(), copy.hashCode());
    assertEquals(original.toString(), copy.toString());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void toStringNamesTheClassAndNeverShowsUserData(Kind kind) {
    String text = kind.sample.get().toString();
    assertTrue(text.startsWith(kind.name.replace(".raw", "") + "{"), text);
    assertFalse(text.contains("hunter2"), text);
    assertFalse(text.contains("cloud-config"), text);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void sideEffectsTakeAnIdempotencyKey(Kind kind) throws Exception {
    if (kind.withKey == null) {
      return; // Reads: nothing to repeat safely, no key.
    }
    Object original = kind.sample.get();
    BiFunction<Object, String, Object> withKey = kind.withKey;
    Object keyed = withKey.apply(original, "key-1");
    Method key = original.getClass().getMethod("idempotencyKey");
    assertNull(key.invoke(original), "the original is unchanged");
    assertEquals("key-1", key.invoke(keyed));
    assertNotEquals(original, keyed);
    assertTrue(keyed.toString().contains("key-1"), keyed.toString());
    // Apart from the key, the same parameters: the key is the only difference.
    assertEquals(withKey.apply(kind.sample.get(), "key-1"), keyed);
    IllegalArgumentException bad =
        assertThrows(IllegalArgumentException.class, () -> withKey.apply(original, "two words"));
    assertTrue(bad.getMessage().startsWith("idempotencyKey"), bad.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void aMissingRequiredFieldIsOneExceptionWithOneMessage(Kind kind) {
    if (kind.missingRequired == null) {
      return; // Nothing required.
    }
    IllegalStateException e = assertThrows(IllegalStateException.class, kind.missingRequired);
    assertEquals("`" + kind.requiredField + "` is required, but was not set", e.getMessage());
  }

  @Test
  void everyParamsClassHasTheSameSurface() throws Exception {
    List<Class<?>> side =
        Arrays.asList(CreateNodesParams.class, ExtendNodeParams.class, RedeployParams.class);
    for (Class<?> type :
        Arrays.asList(
            CreateNodesParams.class,
            ExtendNodeParams.class,
            RedeployParams.class,
            ListNodesParams.class,
            VmLogsParams.class)) {
      assertTrue(Modifier.isFinal(type.getModifiers()), type + " is final");
      Method builder = type.getMethod("builder");
      assertTrue(Modifier.isStatic(builder.getModifiers()), type + ".builder() is static");
      Class<?> builderType = builder.getReturnType();
      assertEquals(type, builderType.getMethod("build").getReturnType());
      assertEquals(builderType, type.getMethod("toBuilder").getReturnType());
      assertEquals(type, type.getMethod("equals", Object.class).getDeclaringClass());
      assertEquals(type, type.getMethod("hashCode").getDeclaringClass());
      assertEquals(type, type.getMethod("toString").getDeclaringClass());
      if (side.contains(type)) {
        assertEquals(type, type.getMethod("withIdempotencyKey", String.class).getReturnType());
        assertEquals(
            builderType, builderType.getMethod("idempotencyKey", String.class).getReturnType());
      }
      // The SDK's own helpers (toRequest, needsCurrentImage, ...) are not API: nothing public
      // hands out a generated request model.
      for (Method m : type.getMethods()) {
        assertFalse(
            m.getReturnType().getName().endsWith("Request"), type + " exposes " + m.getName());
      }
      assertThrows(NoSuchMethodException.class, () -> type.getMethod("needsCurrentImage"));
    }
  }

  /** One input refused at the builder, with the field its message must name. */
  static Stream<Object[]> refusals() {
    return Stream.of(
        new Object[] {
          "extend by 1 h + 500 ms",
          (Executable)
              () -> ExtendNodeParams.builder().duration(Duration.ofHours(1).plusMillis(500)),
          "duration_seconds must be a whole number of seconds"
        },
        new Object[] {
          "extend by 1 h + 1 ns",
          (Executable) () -> ExtendNodeParams.builder().duration(Duration.ofHours(1).plusNanos(1)),
          "duration_seconds must be a whole number of seconds"
        },
        new Object[] {
          "start at a fraction of a second",
          (Executable) () -> CreateNodesParams.builder().startAt(HOUR.plusMillis(500)),
          "start_at must be a whole number of seconds"
        },
        new Object[] {
          "end half a second after the hour",
          (Executable) () -> CreateNodesParams.builder().endAt(HOUR.plusMillis(500)),
          "end_at must be a whole number of seconds"
        },
        new Object[] {
          "logs since Instant.MAX",
          (Executable) () -> VmLogsParams.builder().since(Instant.MAX),
          "since_realtime_timestamp must be between 0000-01-01T00:00:00Z"
        },
        new Object[] {
          "logs before Instant.MAX",
          (Executable) () -> VmLogsParams.builder().before(Instant.MAX),
          "before_realtime_timestamp must be between"
        },
        new Object[] {
          "logs since Instant.MIN",
          (Executable) () -> VmLogsParams.builder().since(Instant.MIN),
          "since_realtime_timestamp must be between"
        },
        new Object[] {
          "logs before year 10000",
          (Executable) () -> VmLogsParams.builder().before(Instant.parse("+10000-01-01T00:00:00Z")),
          "before_realtime_timestamp must be between"
        });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void refusedAtTheBuilderNamingTheField(String name, Executable call, String message) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().startsWith(message), e.getMessage());
  }

  @Test
  void theEdgesOfEachRangeAreAccepted() {
    VmLogsParams logs =
        VmLogsParams.builder()
            .instanceId("vm_1")
            .since(Instant.parse("0000-01-01T00:00:00Z"))
            .before(Instant.parse("9999-12-31T23:59:59.999999999Z"))
            .build();
    assertEquals(Instant.parse("9999-12-31T23:59:59.999999999Z"), logs.before());
    assertEquals(
        7200,
        ExtendNodeParams.builder()
            .duration(Duration.ofHours(2))
            .maxPricePerNodeHour(1)
            .build()
            .durationSeconds());
    assertEquals(
        Long.valueOf(HOUR.getEpochSecond()),
        CreateNodesParams.builder()
            .desiredCount(1)
            .maxPricePerNodeHour(1)
            .startAt(HOUR)
            .build()
            .startAt());
  }
}
