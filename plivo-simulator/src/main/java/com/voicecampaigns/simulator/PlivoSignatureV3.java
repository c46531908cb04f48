package com.voicecampaigns.simulator;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs callbacks the way Plivo does ({@code X-Plivo-Signature-V3}).
 *
 * <p>The signed string is {@code base + "?" + query + "." + params + "." + nonce}, where:
 *
 * <ul>
 *   <li>{@code base} is {@code scheme://authority/path} of the callback URL, without query;
 *   <li>for POST: {@code "?"} is always present when there are form parameters; then the URL's
 *       query parameters sorted by key as {@code k=v} joined with {@code &} followed by {@code "."}
 *       (only when the URL has a query); then the form parameters sorted by key as {@code
 *       key+value} with no separators;
 *   <li>for GET: the URL's query parameters and the callback parameters merged, sorted by key, as
 *       {@code k=v} joined with {@code &}, after a {@code "?"};
 *   <li>values are decoded (not percent-encoded); several values of one key are sorted.
 * </ul>
 *
 * <p>The HMAC-SHA256 of that string with the auth token as key, Base64-encoded, is the signature.
 *
 * <p>plivo-java 5.46.3's {@code Utils.validateSignatureV3} differs from the Python and Node SDKs in
 * one way: it drops the port from the URL (and percent-decodes the whole URL first). So when a
 * callback URL names a port, {@link #headerValue} sends two comma-separated signatures, one with
 * and one without the port; validators accept a header when any listed signature matches.
 */
public final class PlivoSignatureV3 {

  public static final String SIGNATURE_HEADER = "X-Plivo-Signature-V3";
  public static final String MA_SIGNATURE_HEADER = "X-Plivo-Signature-Ma-V3";
  public static final String NONCE_HEADER = "X-Plivo-Signature-V3-Nonce";

  private static final String ALGORITHM = "HmacSHA256";

  private PlivoSignatureV3() {}

  /** A fresh nonce: 20 random digits, like Plivo's. */
  public static String newNonce() {
    StringBuilder nonce = new StringBuilder(20);
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int i = 0; i < 20; i++) {
      nonce.append((char) ('0' + random.nextInt(10)));
    }
    return nonce.toString();
  }

  /**
   * The value for {@link #SIGNATURE_HEADER}: the signature over the URL as given, plus, when it
   * differs (the URL names a port or has percent-encoded characters), the one plivo-java computes,
   * joined by ','.
   */
  public static String headerValue(
      String authToken, String method, String url, Map<String, String> params, String nonce) {
    Set<String> signatures = new LinkedHashSet<>();
    signatures.add(sign(authToken, payload(method, url, params, nonce)));
    signatures.add(sign(authToken, plivoJavaPayload(method, url, params, nonce)));
    return String.join(",", signatures);
  }

  /** The signature over {@link #payload}, with the URL as given. */
  public static String signature(
      String authToken, String method, String url, Map<String, String> params, String nonce) {
    return sign(authToken, payload(method, url, params, nonce));
  }

  /** The exact string that is signed, as described in the class comment. */
  public static String payload(
      String method, String url, Map<String, String> params, String nonce) {
    URI uri = URI.create(url);
    String base =
        uri.getScheme()
            + "://"
            + uri.getRawAuthority()
            + (uri.getRawPath() == null ? "" : uri.getRawPath());
    return payload(method, base, parseQuery(uri.getRawQuery(), true), params, nonce);
  }

  /**
   * The string plivo-java's validator signs: the URL is percent-decoded as a whole first, and the
   * port is left out of the base.
   */
  static String plivoJavaPayload(
      String method, String url, Map<String, String> params, String nonce) {
    URI uri = URI.create(url);
    String base =
        uri.getScheme()
            + "://"
            + uri.getHost()
            + decode(uri.getRawPath() == null ? "" : uri.getRawPath());
    String query = uri.getRawQuery() == null ? null : decode(uri.getRawQuery());
    return payload(method, base, parseQuery(query, false), params, nonce);
  }

  private static String payload(
      String method,
      String base,
      TreeMap<String, List<String>> query,
      Map<String, String> params,
      String nonce) {
    StringBuilder payload = new StringBuilder(base);
    if ("GET".equals(method.toUpperCase(Locale.ROOT))) {
      params.forEach((key, value) -> query.computeIfAbsent(key, k -> new ArrayList<>()).add(value));
      if (!query.isEmpty()) {
        payload.append('?').append(joinQuery(query));
      }
    } else if (params.isEmpty()) {
      if (!query.isEmpty()) {
        payload.append('?').append(joinQuery(query));
      }
    } else {
      payload.append('?');
      if (!query.isEmpty()) {
        payload.append(joinQuery(query)).append('.');
      }
      new TreeMap<>(params).forEach((key, value) -> payload.append(key).append(value));
    }
    return payload.append('.').append(nonce).toString();
  }

  /** Base64(HMAC-SHA256(key = auth token, message = payload)), both UTF-8. */
  public static String sign(String authToken, String payload) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), ALGORITHM));
      byte[] digest = mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  private static TreeMap<String, List<String>> parseQuery(String query, boolean decodeParts) {
    TreeMap<String, List<String>> parsed = new TreeMap<>();
    if (query == null || query.isEmpty()) {
      return parsed;
    }
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      String[] keyValue = pair.split("=", 2);
      String key = decodeParts ? decode(keyValue[0]) : keyValue[0];
      String value = keyValue.length < 2 ? "" : decodeParts ? decode(keyValue[1]) : keyValue[1];
      parsed.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }
    return parsed;
  }

  private static String joinQuery(TreeMap<String, List<String>> query) {
    List<String> pairs = new ArrayList<>();
    query.forEach(
        (key, values) -> values.stream().sorted().forEach(value -> pairs.add(key + "=" + value)));
    return String.join("&", pairs);
  }
}
