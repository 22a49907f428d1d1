package com.sfcompute.nodes.opentelemetry;

import static io.opentelemetry.api.common.AttributeKey.booleanKey;
import static io.opentelemetry.api.common.AttributeKey.doubleKey;
import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;

import io.opentelemetry.api.common.AttributeKey;

/**
 * Attribute names: the stable HTTP client semantic conventions where they name one, else the SDK's
 * own under {@code sfc.nodes.}.
 */
final class Keys {
  private Keys() {}

  static final AttributeKey<String> HTTP_METHOD = stringKey("http.request.method");
  static final AttributeKey<String> URL_FULL = stringKey("url.full");
  static final AttributeKey<String> URL_TEMPLATE = stringKey("url.template");
  static final AttributeKey<String> SERVER_ADDRESS = stringKey("server.address");
  static final AttributeKey<Long> SERVER_PORT = longKey("server.port");
  static final AttributeKey<Long> STATUS_CODE = longKey("http.response.status_code");
  static final AttributeKey<Long> RESEND_COUNT = longKey("http.request.resend_count");
  static final AttributeKey<String> ERROR_TYPE = stringKey("error.type");
  static final AttributeKey<String> PROTOCOL_VERSION = stringKey("network.protocol.version");
  static final AttributeKey<Long> REQUEST_BODY_SIZE = longKey("http.request.body.size");
  static final AttributeKey<Long> RESPONSE_BODY_SIZE = longKey("http.response.body.size");

  static final AttributeKey<String> OPERATION = stringKey("sfc.nodes.operation");
  static final AttributeKey<String> TARGET = stringKey("sfc.nodes.target");
  static final AttributeKey<String> IDEMPOTENCY_KEY = stringKey("sfc.nodes.idempotency_key");
  static final AttributeKey<String> REQUEST_ID = stringKey("sfc.nodes.request_id");
  static final AttributeKey<Long> ATTEMPTS = longKey("sfc.nodes.attempts");
  static final AttributeKey<String> RESEND_REASON = stringKey("sfc.nodes.resend.reason");
  static final AttributeKey<Double> RESEND_DELAY = doubleKey("sfc.nodes.resend.delay");
  static final AttributeKey<Boolean> COUNTS_AS_RETRY = booleanKey("sfc.nodes.resend.is_retry");
  static final AttributeKey<String> REDIRECT_LOCATION = stringKey("sfc.nodes.redirect.location");
  static final AttributeKey<String> WAIT_GOAL = stringKey("sfc.nodes.wait.goal");
  static final AttributeKey<Long> POLLS = longKey("sfc.nodes.wait.polls");
  static final AttributeKey<String> NODE_STATUS = stringKey("sfc.nodes.node.status");
  static final AttributeKey<String> VM_STATUS = stringKey("sfc.nodes.vm.status");
  static final AttributeKey<Double> NEXT_POLL = doubleKey("sfc.nodes.wait.next_poll");
  static final AttributeKey<Long> FLEET_SIZE = longKey("sfc.nodes.fleet.size");
  static final AttributeKey<Boolean> FLEET_WAITS = booleanKey("sfc.nodes.fleet.waits");
  static final AttributeKey<Long> FLEET_INDEX = longKey("sfc.nodes.fleet.index");
  static final AttributeKey<String> FLEET_OUTCOME = stringKey("sfc.nodes.fleet.outcome");
  static final AttributeKey<Long> FLEET_SUCCEEDED = longKey("sfc.nodes.fleet.succeeded");
}
