package com.voicecampaigns.simulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The fields of a Make-Call request body. plivo-java sends JSON with {@code to} as a list; Plivo
 * also takes a form body with several numbers joined by '<'. Both end up here.
 *
 * @param authId the auth id in the request path
 * @param params every body field as text; JSON lists are joined with '<'
 * @param parseError why the body could not be read, or null
 */
record MakeCallRequest(String authId, Map<String, String> params, String parseError) {

  MakeCallRequest {
    params = Map.copyOf(params);
  }

  static MakeCallRequest parse(
      String authId, String contentType, byte[] body, ObjectMapper objectMapper) {
    String text = new String(body, StandardCharsets.UTF_8);
    boolean json =
        (contentType != null && contentType.toLowerCase(Locale.ROOT).contains("json"))
            || text.stripLeading().startsWith("{");
    if (!json) {
      return new MakeCallRequest(authId, parseForm(text), null);
    }
    try {
      JsonNode root = objectMapper.readTree(text);
      if (root == null || !root.isObject()) {
        return new MakeCallRequest(authId, Map.of(), "the body is not a JSON object");
      }
      Map<String, String> params = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> field : root.properties()) {
        JsonNode value = field.getValue();
        if (value.isNull()) {
          continue;
        }
        params.put(field.getKey(), jsonText(value));
      }
      return new MakeCallRequest(authId, params, null);
    } catch (JacksonException e) {
      return new MakeCallRequest(authId, Map.of(), "the body is not valid JSON");
    }
  }

  private static String jsonText(JsonNode value) {
    if (value.isArray()) {
      List<String> items = new ArrayList<>();
      value.forEach(item -> items.add(jsonText(item)));
      return String.join("<", items);
    }
    return value.isValueNode() ? value.asString() : value.toString();
  }

  /** Decodes {@code a=1&b=2}; a repeated key keeps every value, joined with '<'. */
  static Map<String, String> parseForm(String text) {
    Map<String, String> params = new LinkedHashMap<>();
    for (String pair : text.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      String[] keyValue = pair.split("=", 2);
      String key = URLDecoder.decode(keyValue[0], StandardCharsets.UTF_8);
      String value =
          keyValue.length > 1 ? URLDecoder.decode(keyValue[1], StandardCharsets.UTF_8) : "";
      params.merge(key, value, (first, second) -> first + "<" + second);
    }
    return params;
  }

  String from() {
    return params.get("from");
  }

  /** The destination numbers: {@code to} split on '<'. */
  List<String> to() {
    String to = params.get("to");
    if (to == null) {
      return List.of();
    }
    List<String> numbers = new ArrayList<>();
    for (String number : to.split("<")) {
      if (!number.isBlank()) {
        numbers.add(number.trim());
      }
    }
    return numbers;
  }

  String answerUrl() {
    return params.get("answer_url");
  }

  String answerMethod() {
    return method("answer_method");
  }

  String hangupUrl() {
    return blankToNull(params.get("hangup_url"));
  }

  String hangupMethod() {
    return method("hangup_method");
  }

  String ringUrl() {
    return blankToNull(params.get("ring_url"));
  }

  String ringMethod() {
    return method("ring_method");
  }

  /**
   * {@code continue} or {@code hangup} when the request asks for answering-machine detection
   * ({@code machine_detection} true or hangup), else null.
   */
  String machineDetection() {
    String value = params.get("machine_detection");
    if (isBlank(value)) {
      return null;
    }
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> "continue";
      case "hangup" -> "hangup";
      default -> null;
    };
  }

  /** Where asynchronous machine detection reports; null means synchronous detection. */
  String machineDetectionUrl() {
    return blankToNull(params.get("machine_detection_url"));
  }

  String machineDetectionMethod() {
    return method("machine_detection_method");
  }

  String callerName() {
    String callerName = params.get("caller_name");
    return callerName == null || callerName.isBlank() ? from() : callerName;
  }

  /** Why the request cannot be placed (missing or invalid fields), or null if it can. */
  String validationError() {
    if (parseError != null) {
      return parseError;
    }
    List<String> missing = new ArrayList<>();
    if (isBlank(from())) {
      missing.add("from");
    }
    if (to().isEmpty()) {
      missing.add("to");
    }
    if (isBlank(answerUrl())) {
      missing.add("answer_url");
    }
    if (!missing.isEmpty()) {
      return "Missing mandatory parameter(s): " + String.join(", ", missing);
    }
    String detection = params.get("machine_detection");
    if (!isBlank(detection) && machineDetection() == null && !detection.equalsIgnoreCase("false")) {
      return "machine_detection must be true or hangup";
    }
    for (String field :
        List.of("answer_method", "hangup_method", "ring_method", "machine_detection_method")) {
      String method = method(field);
      if (!method.equals("GET") && !method.equals("POST")) {
        return field + " must be GET or POST";
      }
    }
    for (String field : List.of("answer_url", "hangup_url", "ring_url", "machine_detection_url")) {
      String url = blankToNull(params.get(field));
      if (url != null && !url.startsWith("http://") && !url.startsWith("https://")) {
        return field + " must be an http(s) URL";
      }
    }
    return null;
  }

  private String method(String field) {
    String method = params.get(field);
    return isBlank(method) ? "POST" : method.trim().toUpperCase(Locale.ROOT);
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }

  private static String blankToNull(String value) {
    return isBlank(value) ? null : value;
  }
}
