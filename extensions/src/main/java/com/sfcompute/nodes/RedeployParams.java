package com.sfcompute.nodes;

import com.sfcompute.nodes.model.RedeployNodeRequest;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a redeploy should do with the node's image and user data: keep, replace or clear each.
 *
 * <p>The API's {@code RedeployNodeRequest} has one switch, {@code override_empty}, for both
 * settings: with {@code false} every setting left out is inherited from the current VM, with {@code
 * true} every setting left out is cleared. Typed by hand it is easy to clear the user data while
 * meaning only to change the image. Here each setting is stated on its own, as {@link
 * Setting#INHERIT} (the default), {@link Setting#SET} or {@link Setting#CLEAR}, and {@code
 * override_empty} is derived, so that nothing the caller did not mention is cleared:
 *
 * <pre>{@code
 * RedeployParams.builder().image("vmi_1234567890abcdef").build();     // keeps the user data
 * RedeployParams.builder().userData(UserData.ofText(script)).build(); // keeps the image
 * RedeployParams.builder().clearUserData().resolveInheritedImage(true).build();
 * }</pre>
 *
 * <table>
 *   <caption>Request body for each combination (image, user data)</caption>
 *   <tr><th>image</th><th>user data</th><th>request body</th></tr>
 *   <tr><td>inherit</td><td>inherit</td><td>{@code {"override_empty": false}}</td></tr>
 *   <tr><td>set</td><td>inherit</td>
 *       <td>{@code {"image_id": ..., "override_empty": false}}</td></tr>
 *   <tr><td>inherit</td><td>set</td>
 *       <td>{@code {"cloud_init_user_data": ..., "override_empty": false}}</td></tr>
 *   <tr><td>set</td><td>set</td>
 *       <td>{@code {"image_id": ..., "cloud_init_user_data": ..., "override_empty": false}}</td></tr>
 *   <tr><td>clear</td><td>clear</td><td>{@code {"override_empty": true}}</td></tr>
 *   <tr><td>set</td><td>clear</td><td>{@code {"image_id": ..., "override_empty": true}}</td></tr>
 *   <tr><td>clear</td><td>set</td>
 *       <td>{@code {"cloud_init_user_data": ..., "override_empty": true}}</td></tr>
 *   <tr><td>inherit</td><td>clear</td>
 *       <td>not expressible in one request ({@code override_empty: true} would clear the image
 *       too). With {@link Builder#resolveInheritedImage(boolean) resolveInheritedImage(true)} the
 *       client reads the node and sends {@code {"image_id": <current VM's image>, "override_empty":
 *       true}}; without it {@link Builder#build()} throws.</td></tr>
 *   <tr><td>clear</td><td>inherit</td>
 *       <td>not expressible: it would need the current user data, which the API never returns.
 *       {@link Builder#build()} throws; pass the user data explicitly.</td></tr>
 * </table>
 *
 * <p>{@link #raw} sends the three API fields exactly as given, for callers who want the API's own
 * semantics. Instances are immutable and thread-safe; reuse them freely.
 */
public final class RedeployParams {
  private static final RedeployParams INHERIT_ALL = builder().build();

  /** What a redeploy does with one setting of the current VM. */
  public enum Setting {
    /** Keep the current VM's value (the default). */
    INHERIT,
    /** Replace it with a given value. */
    SET,
    /** Leave the new VM without it. */
    CLEAR
  }

  private final Setting imageSetting;
  private final @Nullable String imageId;
  private final Setting userDataSetting;
  private final @Nullable UserData userData;
  private final @Nullable Boolean overrideEmpty;
  private final boolean resolveInheritedImage;
  private final @Nullable String idempotencyKey;
  private final boolean requireRunning;

  private RedeployParams(
      Setting imageSetting,
      @Nullable String imageId,
      Setting userDataSetting,
      @Nullable UserData userData,
      @Nullable Boolean overrideEmpty,
      boolean resolveInheritedImage,
      @Nullable String idempotencyKey,
      boolean requireRunning) {
    this.imageSetting = imageSetting;
    this.imageId = imageId;
    this.userDataSetting = userDataSetting;
    this.userData = userData;
    this.overrideEmpty = overrideEmpty;
    this.resolveInheritedImage = resolveInheritedImage;
    this.idempotencyKey = idempotencyKey;
    this.requireRunning = requireRunning;
  }

  /** A new builder, every setting {@link Setting#INHERIT}. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A redeploy that keeps the current image and user data: a fresh VM, same configuration. Sends
   * {@code {"override_empty": false}}, which the API treats as {@code {}}.
   */
  public static RedeployParams inheritAll() {
    return INHERIT_ALL;
  }

  /**
   * The request as the API has it: each non-null argument is sent, each null one is left out of the
   * body, and nothing is derived or refused but a blank image id.
   *
   * <p>{@link #imageSetting()} and {@link #userDataSetting()} report what the server will do with
   * it: a field given is {@link Setting#SET}; a field left out is {@link Setting#CLEAR} when {@code
   * overrideEmpty} is {@code true}, otherwise {@link Setting#INHERIT}.
   *
   * @throws IllegalArgumentException if {@code imageId} is blank
   */
  public static RedeployParams raw(
      @Nullable String imageId, @Nullable UserData userData, @Nullable Boolean overrideEmpty) {
    if (imageId != null) {
      checkImageId(imageId);
    }
    boolean clears = Boolean.TRUE.equals(overrideEmpty);
    return new RedeployParams(
        imageId != null ? Setting.SET : clears ? Setting.CLEAR : Setting.INHERIT,
        imageId,
        userData != null ? Setting.SET : clears ? Setting.CLEAR : Setting.INHERIT,
        userData,
        overrideEmpty,
        false,
        null,
        false);
  }

  /**
   * A builder holding these parameters. It sends the same request until the image, the user data or
   * {@code resolveInheritedImage} is changed; from then on {@code override_empty} is derived again
   * (which matters only for parameters made by {@link #raw}).
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.imageSetting = imageSetting;
    b.imageId = imageId;
    b.userDataSetting = userDataSetting;
    b.userData = userData;
    b.resolveInheritedImage = resolveInheritedImage;
    b.idempotencyKey = idempotencyKey;
    b.requireRunning = requireRunning;
    b.copied = true;
    b.copiedOverrideEmpty = overrideEmpty;
    return b;
  }

  /**
   * A copy of these parameters sent with the {@code Idempotency-Key} header {@code key}, so that a
   * retried redeploy does not destroy a second VM.
   *
   * @throws IllegalArgumentException if {@code key} is blank, longer than 255 characters, or not
   *     printable ASCII without spaces
   */
  public RedeployParams withIdempotencyKey(String key) {
    return toBuilder().idempotencyKey(key).build();
  }

  /**
   * Whether the client first reads the node and refuses, before redeploying, unless its status is
   * {@code running} (as the official CLI does; the API would answer 422). The node is then
   * redeployed by the id read, so a name resolves to exactly the node that was checked.
   */
  public boolean requireRunning() {
    return requireRunning;
  }

  /** What the redeploy does with the VM image. */
  public Setting imageSetting() {
    return imageSetting;
  }

  /** The image id to redeploy with when {@link #imageSetting()} is {@link Setting#SET}, or null. */
  public @Nullable String imageId() {
    return imageId;
  }

  /** What the redeploy does with the cloud-init user data. */
  public Setting userDataSetting() {
    return userDataSetting;
  }

  /** The user data to send when {@link #userDataSetting()} is {@link Setting#SET}, or null. */
  public @Nullable UserData userData() {
    return userData;
  }

  /**
   * The caller's {@code Idempotency-Key}, or null for a new one per call (kept across its retries).
   */
  public @Nullable String idempotencyKey() {
    return idempotencyKey;
  }

  /**
   * Whether the client may read the node to keep its current image while clearing the user data;
   * see {@link Builder#resolveInheritedImage(boolean)}.
   */
  public boolean resolveInheritedImage() {
    return resolveInheritedImage;
  }

  /**
   * Whether {@link #toRequest} needs the node's current image id: true only for "keep the image,
   * clear the user data" built with {@link Builder#resolveInheritedImage(boolean)
   * resolveInheritedImage(true)}. The image id is the node's {@code current_vm.image_id}.
   */
  boolean needsCurrentImage() {
    return resolveInheritedImage
        && imageSetting == Setting.INHERIT
        && userDataSetting == Setting.CLEAR;
  }

  /**
   * The generated request for these parameters; a new, independent instance on every call.
   *
   * @param currentImageId the image id of the node's current VM when {@link #needsCurrentImage()},
   *     ignored otherwise
   * @throws IllegalStateException if the current image is needed and {@code currentImageId} is null
   *     or blank
   */
  RedeployNodeRequest toRequest(@Nullable String currentImageId) {
    String sentImageId = imageId;
    if (needsCurrentImage()) {
      if (currentImageId == null || currentImageId.trim().isEmpty()) {
        throw new IllegalStateException(
            "Cannot keep the current image while clearing cloud_init_user_data: the node's"
                + " current VM has no image_id (or the node has no current VM). Name the image"
                + " explicitly with image(\"vmi_...\").");
      }
      sentImageId = currentImageId;
    }
    RedeployNodeRequest request = new RedeployNodeRequest();
    request.setImageId(sentImageId);
    request.setCloudInitUserData(userData != null ? userData.bytes() : null);
    // Set even when null: the generated model starts out with the spec default, false.
    request.setOverrideEmpty(overrideEmpty);
    return request;
  }

  /** Whether {@code other} is parameters that send the same request the same way. */
  @Override
  public boolean equals(@Nullable Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof RedeployParams)) {
      return false;
    }
    RedeployParams that = (RedeployParams) other;
    return imageSetting == that.imageSetting
        && Objects.equals(imageId, that.imageId)
        && userDataSetting == that.userDataSetting
        && Objects.equals(userData, that.userData)
        && Objects.equals(overrideEmpty, that.overrideEmpty)
        && resolveInheritedImage == that.resolveInheritedImage
        && Objects.equals(idempotencyKey, that.idempotencyKey)
        && requireRunning == that.requireRunning;
  }

  /** A hash consistent with {@link #equals}. */
  @Override
  public int hashCode() {
    return Objects.hash(
        imageSetting,
        imageId,
        userDataSetting,
        userData,
        overrideEmpty,
        resolveInheritedImage,
        idempotencyKey,
        requireRunning);
  }

  /** Both settings and the derived {@code override_empty}; user data shows only its size. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("RedeployParams{image=").append(imageSetting);
    if (imageId != null) {
      out.append('(').append(imageId).append(')');
    } else if (needsCurrentImage()) {
      out.append("(current VM's, resolved on request)");
    }
    out.append(", userData=").append(userDataSetting);
    if (userData != null) {
      out.append('(').append(userData).append(')');
    }
    out.append(", override_empty=").append(overrideEmpty == null ? "absent" : overrideEmpty);
    if (idempotencyKey != null) {
      out.append(", idempotencyKey=").append(idempotencyKey);
    }
    if (requireRunning) {
      out.append(", requireRunning");
    }
    return out.append('}').toString();
  }

  private static void checkImageId(String imageId) {
    Checks.notBlank(imageId, "image_id");
  }

  private static void checkIdempotencyKey(String key) {
    Checks.notNull(key, "idempotencyKey");
    Idempotency.check(key); // The same rules as every other call with a key.
  }

  /**
   * Builds {@link RedeployParams}. Each setting starts as {@link Setting#INHERIT}; for each, the
   * last call wins. Not thread-safe; {@link #build()} may be called more than once.
   */
  public static final class Builder {
    private Setting imageSetting = Setting.INHERIT;
    private @Nullable String imageId;
    private Setting userDataSetting = Setting.INHERIT;
    private @Nullable UserData userData;
    private boolean resolveInheritedImage;
    private @Nullable String idempotencyKey;
    private boolean requireRunning;
    // Set by toBuilder(): the copied override_empty is kept (it may come from raw(...)) until the
    // image, the user data or resolveInheritedImage changes.
    private boolean copied;
    private @Nullable Boolean copiedOverrideEmpty;

    private Builder() {}

    /**
     * Redeploy with the VM image {@code imageId} ({@link Setting#SET}).
     *
     * @throws IllegalArgumentException if {@code imageId} is blank
     */
    public Builder image(String imageId) {
      Objects.requireNonNull(imageId, "imageId == null");
      checkImageId(imageId);
      this.imageSetting = Setting.SET;
      this.copied = false;
      this.imageId = imageId;
      return this;
    }

    /** Leave the new VM without an image id ({@link Setting#CLEAR}): the server's default. */
    public Builder clearImage() {
      this.imageSetting = Setting.CLEAR;
      this.copied = false;
      this.imageId = null;
      return this;
    }

    /**
     * Give the new VM this cloud-init user data ({@link Setting#SET}).
     *
     * @throws IllegalArgumentException if {@code userData} is empty: whether the server reads an
     *     empty value as "none" or as "left empty, inherit" is not documented, so say which you
     *     mean with {@link #clearUserData()}
     */
    public Builder userData(UserData userData) {
      Objects.requireNonNull(userData, "userData == null");
      if (userData.size() == 0) {
        throw new IllegalArgumentException(
            "cloud_init_user_data must not be empty: to remove the user data use clearUserData()");
      }
      this.userDataSetting = Setting.SET;
      this.copied = false;
      this.userData = userData;
      return this;
    }

    /** Leave the new VM without cloud-init user data ({@link Setting#CLEAR}). */
    public Builder clearUserData() {
      this.userDataSetting = Setting.CLEAR;
      this.copied = false;
      this.userData = null;
      return this;
    }

    /**
     * Whether the client may read the node to keep its current image while clearing the user data
     * (default false). That combination has no single-request form, since {@code override_empty:
     * true} clears the image too unless it is named; with this set, the client names the current
     * VM's image, at the cost of one extra read and a small race with a concurrent redeploy. It has
     * no effect on any other combination.
     */
    public Builder resolveInheritedImage(boolean resolveInheritedImage) {
      this.resolveInheritedImage = resolveInheritedImage;
      this.copied = false;
      return this;
    }

    /**
     * Send the {@code Idempotency-Key} header {@code key}, so that a retried redeploy does not
     * destroy a second VM.
     *
     * @throws IllegalArgumentException if {@code key} is blank, longer than 255 characters, or not
     *     printable ASCII without spaces
     */
    public Builder idempotencyKey(String key) {
      checkIdempotencyKey(key);
      this.idempotencyKey = key;
      return this;
    }

    /**
     * Read the node first and refuse to redeploy unless its status is {@code running}, with a
     * message naming the status, before anything is sent (default false). Mirrors the official CLI.
     */
    public Builder requireRunning(boolean requireRunning) {
      this.requireRunning = requireRunning;
      return this;
    }

    /**
     * The parameters, with {@code override_empty} derived from the two settings.
     *
     * @throws IllegalArgumentException for the two combinations one request cannot express: keep
     *     the image and clear the user data without {@link #resolveInheritedImage(boolean)
     *     resolveInheritedImage(true)}; clear the image and keep the user data
     */
    public RedeployParams build() {
      if (copied) {
        return new RedeployParams(
            imageSetting,
            imageId,
            userDataSetting,
            userData,
            copiedOverrideEmpty,
            resolveInheritedImage,
            idempotencyKey,
            requireRunning);
      }
      if (imageSetting == Setting.INHERIT
          && userDataSetting == Setting.CLEAR
          && !resolveInheritedImage) {
        throw new IllegalArgumentException(
            "Cannot keep the current image and clear cloud_init_user_data in one redeploy:"
                + " clearing needs override_empty=true, which also clears image_id when it is left"
                + " out. Either name the image with image(\"vmi_...\"), or call"
                + " resolveInheritedImage(true) to let the client read the node's current image_id"
                + " and send it.");
      }
      if (imageSetting == Setting.CLEAR && userDataSetting == Setting.INHERIT) {
        throw new IllegalArgumentException(
            "Cannot clear image_id and keep the current cloud_init_user_data in one redeploy:"
                + " clearing needs override_empty=true, which also clears cloud_init_user_data"
                + " when it is left out, and the API never returns a VM's user data, so the client"
                + " cannot send it back. Pass the user data explicitly with userData(...), or"
                + " clear it too with clearUserData().");
      }
      boolean clears = imageSetting == Setting.CLEAR || userDataSetting == Setting.CLEAR;
      return new RedeployParams(
          imageSetting,
          imageId,
          userDataSetting,
          userData,
          clears,
          resolveInheritedImage,
          idempotencyKey,
          requireRunning);
    }
  }
}
