package com.sfcompute.nodes;

import static com.sfcompute.nodes.RedeployParams.Setting.CLEAR;
import static com.sfcompute.nodes.RedeployParams.Setting.INHERIT;
import static com.sfcompute.nodes.RedeployParams.Setting.SET;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sfcompute.nodes.RedeployParams.Setting;
import com.sfcompute.nodes.internal.http.SfcJson;
import com.sfcompute.nodes.model.RedeployNodeRequest;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** RedeployParams: the image x user data truth table, its two refusals, and the raw form. */
class RedeployParamsTest {
  private static final String IMAGE = "vmi_1234567890abcdef";
  private static final String CURRENT_IMAGE = "vmi_myOZZXw4pfcp7H9DQOldd";
  private static final UserData USER_DATA = UserData.ofText("hello world");
  private static final String USER_DATA_BASE64 = "aGVsbG8gd29ybGQ="; // Encoded once.

  private static final String KEEP_IMAGE_CLEAR_USER_DATA =
      "Cannot keep the current image and clear cloud_init_user_data in one redeploy: clearing"
          + " needs override_empty=true, which also clears image_id when it is left out. Either"
          + " name the image with image(\"vmi_...\"), or call resolveInheritedImage(true) to let"
          + " the client read the node's current image_id and send it.";
  private static final String CLEAR_IMAGE_KEEP_USER_DATA =
      "Cannot clear image_id and keep the current cloud_init_user_data in one redeploy: clearing"
          + " needs override_empty=true, which also clears cloud_init_user_data when it is left"
          + " out, and the API never returns a VM's user data, so the client cannot send it back."
          + " Pass the user data explicitly with userData(...), or clear it too with"
          + " clearUserData().";

  /**
   * One row of the truth table: the body sent by default, and with resolveInheritedImage(true) and
   * the node's current image at hand; a null body means build() refuses with {@code refusal}.
   */
  record Row(Setting image, Setting userData, String body, String bodyResolving, String refusal) {
    @Override
    public String toString() {
      return "image " + image + ", user data " + userData;
    }
  }

  static Stream<Row> truthTable() {
    String ud = "\"cloud_init_user_data\":\"" + USER_DATA_BASE64 + "\"";
    String img = "\"image_id\":\"" + IMAGE + "\"";
    String keepImage = "{\"image_id\":\"" + CURRENT_IMAGE + "\",\"override_empty\":true}";
    return Stream.of(
        same(INHERIT, INHERIT, "{\"override_empty\":false}"),
        same(SET, INHERIT, "{" + img + ",\"override_empty\":false}"),
        same(INHERIT, SET, "{" + ud + ",\"override_empty\":false}"),
        same(SET, SET, "{" + img + "," + ud + ",\"override_empty\":false}"),
        same(CLEAR, CLEAR, "{\"override_empty\":true}"),
        same(SET, CLEAR, "{" + img + ",\"override_empty\":true}"),
        same(CLEAR, SET, "{" + ud + ",\"override_empty\":true}"),
        new Row(INHERIT, CLEAR, null, keepImage, KEEP_IMAGE_CLEAR_USER_DATA),
        new Row(CLEAR, INHERIT, null, null, CLEAR_IMAGE_KEEP_USER_DATA));
  }

  private static Row same(Setting image, Setting userData, String body) {
    return new Row(image, userData, body, body, null);
  }

  private static RedeployParams.Builder builder(Setting image, Setting userData) {
    RedeployParams.Builder builder = RedeployParams.builder();
    if (image == SET) {
      builder.image(IMAGE);
    } else if (image == CLEAR) {
      builder.clearImage();
    }
    if (userData == SET) {
      builder.userData(USER_DATA);
    } else if (userData == CLEAR) {
      builder.clearUserData();
    }
    return builder;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("truthTable")
  void eachCombinationSendsItsBodyOrIsRefused(Row row) {
    RedeployParams.Builder builder = builder(row.image(), row.userData());

    if (row.body() == null) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);
      assertEquals(row.refusal(), e.getMessage());
      return;
    }
    RedeployParams params = builder.build();
    assertEquals(row.image(), params.imageSetting());
    assertEquals(row.userData(), params.userDataSetting());
    assertFalse(params.needsCurrentImage());
    assertJson(row.body(), params.toRequest(null));
    assertJson(row.body(), params.toRequest(CURRENT_IMAGE)); // Not needed, so not used.
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("truthTable")
  void resolvingTheInheritedImageChangesOnlyTheRowThatNeedsIt(Row row) {
    RedeployParams.Builder builder =
        builder(row.image(), row.userData()).resolveInheritedImage(true);

    if (row.bodyResolving() == null) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);
      assertEquals(row.refusal(), e.getMessage());
      return;
    }
    RedeployParams params = builder.build();
    assertEquals(row.image(), params.imageSetting());
    assertEquals(row.userData(), params.userDataSetting());
    assertEquals(row.image() == INHERIT && row.userData() == CLEAR, params.needsCurrentImage());
    assertJson(row.bodyResolving(), params.toRequest(CURRENT_IMAGE));
  }

  @Test
  void keepingTheImageWhileClearingUserDataIsRefusedWithoutResolution() {
    RedeployParams.Builder builder = RedeployParams.builder().clearUserData();

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);

    assertEquals(KEEP_IMAGE_CLEAR_USER_DATA, e.getMessage());
    assertTrue(e.getMessage().contains("override_empty"), "explains the rule");
    assertTrue(e.getMessage().contains("image(") && e.getMessage().contains("resolveInherited"));
  }

  @Test
  void clearingTheImageWhileKeepingUserDataIsRefusedEvenWithResolution() {
    RedeployParams.Builder builder =
        RedeployParams.builder().clearImage().resolveInheritedImage(true);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);

    assertEquals(CLEAR_IMAGE_KEEP_USER_DATA, e.getMessage());
  }

  @Test
  void resolutionWithTheCurrentImageNamesItAndClearsOnlyTheUserData() {
    RedeployParams params =
        RedeployParams.builder().clearUserData().resolveInheritedImage(true).build();

    assertTrue(params.needsCurrentImage());
    assertEquals(INHERIT, params.imageSetting());
    assertNull(params.imageId(), "the intent stays 'inherit'; the id is filled in per request");
    assertJson(
        "{\"image_id\":\"" + CURRENT_IMAGE + "\",\"override_empty\":true}",
        params.toRequest(CURRENT_IMAGE));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  "})
  void resolutionWithoutACurrentImageFailsClearly(String blank) {
    RedeployParams params =
        RedeployParams.builder().clearUserData().resolveInheritedImage(true).build();
    String message =
        "Cannot keep the current image while clearing cloud_init_user_data: the node's current VM"
            + " has no image_id (or the node has no current VM). Name the image explicitly with"
            + " image(\"vmi_...\").";

    assertEquals(
        message,
        assertThrows(IllegalStateException.class, () -> params.toRequest(null)).getMessage());
    assertEquals(
        message,
        assertThrows(IllegalStateException.class, () -> params.toRequest(blank)).getMessage());
  }

  @Test
  void inheritAllIsTheEmptyBuilderAndSendsOverrideEmptyFalse() {
    assertEquals(RedeployParams.builder().build(), RedeployParams.inheritAll());
    assertSame(RedeployParams.inheritAll(), RedeployParams.inheritAll());
    assertJson("{\"override_empty\":false}", RedeployParams.inheritAll().toRequest(null));
  }

  @Test
  void userDataIsCarriedAsBase64ExactlyOnce() {
    RedeployParams params = RedeployParams.builder().userData(USER_DATA).build();

    String body = SfcJson.gson().toJson(params.toRequest(null));

    JsonObject json = JsonParser.parseString(body).getAsJsonObject();
    String sent = json.get("cloud_init_user_data").getAsString();
    assertEquals(USER_DATA_BASE64, sent);
    assertEquals("hello world", new String(Base64.getDecoder().decode(sent), UTF_8));
    assertFalse(
        body.contains(Base64.getEncoder().encodeToString(USER_DATA_BASE64.getBytes(UTF_8))));
  }

  @Test
  void userDataFromBase64IsSentAsTheSameBase64() {
    RedeployParams params =
        RedeployParams.builder().userData(UserData.fromBase64(USER_DATA_BASE64)).build();

    assertJson(
        "{\"cloud_init_user_data\":\"" + USER_DATA_BASE64 + "\",\"override_empty\":false}",
        params.toRequest(null));
  }

  @Test
  void gzippedUserDataIsSentAsTheBase64OfTheCompressedBytes() {
    UserData gzipped = USER_DATA.gzip();
    RedeployParams params = RedeployParams.builder().userData(gzipped).build();

    JsonObject json = SfcJson.gson().toJsonTree(params.toRequest(null)).getAsJsonObject();

    assertEquals(gzipped.toBase64(), json.get("cloud_init_user_data").getAsString());
  }

  @Test
  void rawSendsExactlyTheFieldsGiven() {
    assertJson("{}", RedeployParams.raw(null, null, null).toRequest(null));
    assertJson("{\"override_empty\":true}", RedeployParams.raw(null, null, true).toRequest(null));
    assertJson(
        "{\"image_id\":\"" + IMAGE + "\",\"cloud_init_user_data\":\"" + USER_DATA_BASE64 + "\"}",
        RedeployParams.raw(IMAGE, USER_DATA, null).toRequest(null));
    assertJson(
        "{\"cloud_init_user_data\":\"\",\"override_empty\":false}",
        RedeployParams.raw(null, UserData.ofBytes(new byte[0]), false).toRequest(null));
  }

  @Test
  void rawReportsWhatTheServerWillDoWithEachSetting() {
    RedeployParams clearsUserData = RedeployParams.raw(IMAGE, null, true);
    RedeployParams inheritsBoth = RedeployParams.raw(null, null, null);

    assertEquals(SET, clearsUserData.imageSetting());
    assertEquals(CLEAR, clearsUserData.userDataSetting());
    assertEquals(INHERIT, inheritsBoth.imageSetting());
    assertEquals(INHERIT, inheritsBoth.userDataSetting());
    assertFalse(clearsUserData.needsCurrentImage());
    assertEquals(RedeployParams.inheritAll(), RedeployParams.raw(null, null, false));
    assertNotEquals(RedeployParams.inheritAll(), inheritsBoth, "{} and override_empty=false");
  }

  @Test
  void rawStillRefusesABlankImageId() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> RedeployParams.raw(" ", null, null));

    assertEquals("image_id must not be blank", e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\t\n"})
  void blankImageIdIsRefusedNamingTheField(String blank) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> RedeployParams.builder().image(blank));

    assertEquals("image_id must not be blank", e.getMessage());
  }

  @Test
  void emptyUserDataIsRefusedBecauseClearUserDataSaysItUnambiguously() {
    UserData empty = UserData.ofText("");

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> RedeployParams.builder().userData(empty));

    assertEquals(
        "cloud_init_user_data must not be empty: to remove the user data use clearUserData()",
        e.getMessage());
  }

  @Test
  void nullArgumentsAreRefusedNamingTheParameter() {
    RedeployParams.Builder builder = RedeployParams.builder();

    assertEquals(
        "imageId == null",
        assertThrows(NullPointerException.class, () -> builder.image(null)).getMessage());
    assertEquals(
        "userData == null",
        assertThrows(NullPointerException.class, () -> builder.userData(null)).getMessage());
    assertEquals(
        "idempotencyKey == null",
        assertThrows(NullPointerException.class, () -> builder.idempotencyKey(null)).getMessage());
  }

  @Test
  void theLastCallForASettingWins() {
    RedeployParams params =
        RedeployParams.builder()
            .image(IMAGE)
            .clearImage()
            .clearUserData()
            .userData(USER_DATA)
            .build();

    assertEquals(CLEAR, params.imageSetting());
    assertNull(params.imageId());
    assertEquals(SET, params.userDataSetting());
    assertEquals(USER_DATA, params.userData());
    assertJson(
        "{\"cloud_init_user_data\":\"" + USER_DATA_BASE64 + "\",\"override_empty\":true}",
        params.toRequest(null));
  }

  @Test
  void idempotencyKeyTravelsBesideTheBodyNotInIt() {
    RedeployParams params =
        RedeployParams.builder().image(IMAGE).idempotencyKey("redeploy-1").build();

    assertEquals("redeploy-1", params.idempotencyKey());
    assertNull(RedeployParams.inheritAll().idempotencyKey());
    assertJson("{\"image_id\":\"" + IMAGE + "\",\"override_empty\":false}", params.toRequest(null));
  }

  @Test
  void withIdempotencyKeyCopiesTheRawFormToo() {
    RedeployParams raw = RedeployParams.raw(IMAGE, null, null);

    RedeployParams keyed = raw.withIdempotencyKey("k-1");

    assertNull(raw.idempotencyKey());
    assertEquals("k-1", keyed.idempotencyKey());
    assertJson("{\"image_id\":\"" + IMAGE + "\"}", keyed.toRequest(null));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "abc\ndef", "caf\u00e9"})
  void badIdempotencyKeysAreRefusedNamingTheField(String key) {
    IllegalArgumentException viaBuilder =
        assertThrows(
            IllegalArgumentException.class, () -> RedeployParams.builder().idempotencyKey(key));
    IllegalArgumentException viaCopy =
        assertThrows(
            IllegalArgumentException.class,
            () -> RedeployParams.inheritAll().withIdempotencyKey(key));

    assertTrue(viaBuilder.getMessage().startsWith("idempotencyKey must"), viaBuilder.getMessage());
    assertEquals(viaBuilder.getMessage(), viaCopy.getMessage());
  }

  @Test
  void toRequestReturnsAFreshRequestEachTime() {
    RedeployParams params = RedeployParams.builder().image(IMAGE).userData(USER_DATA).build();

    RedeployNodeRequest first = params.toRequest(null);
    first.setImageId("vmi_tampered");
    first.getCloudInitUserData()[0] = 'X';
    RedeployNodeRequest second = params.toRequest(null);

    assertNotSame(first, second);
    assertEquals(IMAGE, second.getImageId());
    assertEquals(USER_DATA, UserData.ofBytes(second.getCloudInitUserData()));
  }

  @Test
  void equalParamsSendTheSameRequest() {
    RedeployParams a = RedeployParams.builder().image(IMAGE).userData(USER_DATA).build();
    RedeployParams b =
        RedeployParams.builder()
            .userData(UserData.fromBase64(USER_DATA_BASE64))
            .image(IMAGE)
            .build();

    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(a, a.withIdempotencyKey("k"));
  }

  @Test
  void toStringShowsTheIntentButNotTheUserData() {
    RedeployParams params =
        RedeployParams.builder().image(IMAGE).userData(UserData.ofText("token: s3cret")).build();
    RedeployParams resolving =
        RedeployParams.builder().clearUserData().resolveInheritedImage(true).build();

    assertEquals(
        "RedeployParams{image=SET("
            + IMAGE
            + "), userData=SET(UserData{13 bytes}),"
            + " override_empty=false}",
        params.toString());
    assertEquals(
        "RedeployParams{image=INHERIT(current VM's, resolved on request), userData=CLEAR,"
            + " override_empty=true}",
        resolving.toString());
    assertEquals(
        "RedeployParams{image=INHERIT, userData=INHERIT, override_empty=absent}",
        RedeployParams.raw(null, null, null).toString());
  }

  private static void assertJson(String expected, RedeployNodeRequest request) {
    JsonElement actual = SfcJson.gson().toJsonTree(request);
    assertEquals(JsonParser.parseString(expected), actual, actual.toString());
  }
}
