package com.voicecampaigns.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import tools.jackson.databind.json.JsonMapper;

/**
 * Generators of hostile input: values of every JSON type where a string is expected, huge and odd
 * Unicode strings, deep nesting, MongoDB operators as keys, and text that is almost JSON.
 */
public final class FuzzValues {

  private static final JsonMapper JSON = JsonMapper.shared();

  /** Keys MongoDB reads as operators or paths: an injection must never reach a query. */
  public static final List<String> OPERATOR_KEYS =
      List.of("$ne", "$gt", "$where", "$regex", "$in", "$exists", "$set", "$expr", "a.b", "", "$");

  private FuzzValues() {}

  /** Strings a validator may not expect: control characters, surrogates, RTL, emoji, NUL, huge. */
  public static Arbitrary<String> oddStrings() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, Arbitraries.strings().all().ofMaxLength(40)),
        net.jqwik.api.Tuple.of(
            3,
            Arbitraries.of(
                "",
                " ",
                "null",
                "undefined",
                "NaN",
                "-1",
                "0",
                "1e309",
                "99999999999999999999999999",
                "\u0000",
                "\uFEFF",
                "\u202Eevil",
                "\uD83D\uDE00",
                "\uD800",
                "a\u0301\u0301\u0301",
                "+14155552671",
                "+918035735659",
                "wss://bot.example.com/socket",
                "ws://127.0.0.1/x",
                "2030-01-01T09:00:00Z",
                "2030-01-01T09:00:00",
                "1999-01-01T00:00:00Z",
                "9999-12-31T23:59:59Z",
                "PT10M",
                "-PT1S",
                "P9999D",
                "Europe/London",
                "Mars/Olympus",
                "09:00",
                "25:61",
                "MONDAY",
                "busy",
                "no-answer",
                "scheduled",
                "running",
                "{\"$ne\":null}",
                "'; db.dropDatabase(); '",
                "../../etc/passwd",
                "%00",
                "<script>alert(1)</script>")),
        net.jqwik.api.Tuple.of(
            1,
            Arbitraries.integers()
                .between(1_000, 80_000)
                .map(n -> "x".repeat(n)))); // past the body limits too
  }

  /** Any JSON value, nested up to {@code depth}. */
  public static Arbitrary<Object> anyJson(int depth) {
    Arbitrary<Object> scalar =
        Arbitraries.oneOf(
            oddStrings().map(s -> (Object) s),
            Arbitraries.integers().map(i -> (Object) i),
            Arbitraries.longs().map(l -> (Object) l),
            Arbitraries.doubles().map(d -> (Object) d),
            Combinators.combine(
                    Arbitraries.bigDecimals(), Arbitraries.integers().between(-400, 400))
                .as((d, exponent) -> (Object) d.scaleByPowerOfTen(exponent)),
            Arbitraries.of(true, false).map(b -> (Object) b),
            Arbitraries.just(null));
    if (depth <= 0) {
      return scalar;
    }
    Arbitrary<Object> nested = Arbitraries.lazy(() -> anyJson(depth - 1));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, scalar),
        net.jqwik.api.Tuple.of(2, nested.list().ofMaxSize(4).map(l -> (Object) l)),
        net.jqwik.api.Tuple.of(
            2,
            Arbitraries.maps(keys(), nested)
                .ofMaxSize(4)
                .map(m -> (Object) new LinkedHashMap<>(m))),
        net.jqwik.api.Tuple.of(1, deepNesting()));
  }

  /** Keys: operators, paths and odd strings. */
  public static Arbitrary<String> keys() {
    return Arbitraries.oneOf(
        Arbitraries.of(OPERATOR_KEYS), Arbitraries.strings().all().ofMaxLength(20));
  }

  /** Arrays or objects nested far deeper than any request needs (parsers limit nesting). */
  public static Arbitrary<Object> deepNesting() {
    return Arbitraries.integers()
        .between(10, 2000)
        .map(
            depth -> {
              Object value = "bottom";
              for (int i = 0; i < depth; i++) {
                value = i % 2 == 0 ? List.of(value) : Map.of("$ne", value);
              }
              return value;
            });
  }

  /**
   * A JSON object with {@code fields} (each present or not, a plausible value or anything) plus
   * stray keys, or now and then not an object at all.
   */
  public static Arbitrary<Object> objectWith(Map<String, Arbitrary<Object>> fields) {
    List<Arbitrary<Map.Entry<String, Object>>> entries = new ArrayList<>();
    fields.forEach(
        (name, plausible) ->
            entries.add(
                Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(5, plausible), net.jqwik.api.Tuple.of(3, anyJson(2)))
                    .map(value -> Map.entry(name, wrap(value)))));
    Arbitrary<Map<String, Object>> object =
        Combinators.combine(
                Combinators.combine(entries).as(list -> list),
                Arbitraries.integers().between(0, (1 << fields.size()) - 1),
                Arbitraries.maps(keys(), anyJson(1)).ofMaxSize(2))
            .as(
                (all, present, stray) -> {
                  Map<String, Object> map = new LinkedHashMap<>();
                  for (int i = 0; i < all.size(); i++) {
                    if ((present & (1 << i)) != 0) {
                      map.put(all.get(i).getKey(), unwrap(all.get(i).getValue()));
                    }
                  }
                  stray.forEach(map::put);
                  return map;
                });
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(9, object.map(m -> (Object) m)),
        net.jqwik.api.Tuple.of(1, anyJson(2)));
  }

  private static final Object NULL = new Object();

  private static Object wrap(Object value) {
    return value == null ? NULL : value;
  }

  private static Object unwrap(Object value) {
    return value == NULL ? null : value;
  }

  /** A body: the value as JSON, mostly; sometimes cut short or not JSON at all. */
  public static Arbitrary<byte[]> jsonBody(Arbitrary<Object> value) {
    Arbitrary<String> text = value.map(FuzzValues::json);
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(8, text),
            net.jqwik.api.Tuple.of(
                1,
                Combinators.combine(text, Arbitraries.integers().between(0, 100))
                    .as((t, cut) -> t.substring(0, Math.min(t.length(), cut)))),
            net.jqwik.api.Tuple.of(1, oddStrings()))
        .map(s -> s.getBytes(StandardCharsets.UTF_8));
  }

  public static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (RuntimeException e) {
      return String.valueOf(value);
    }
  }

  /** A query string of known and stray parameters with hostile values, URL-encoded. */
  public static Arbitrary<String> query(List<String> parameters) {
    Arbitrary<String> name =
        Arbitraries.oneOf(
            Arbitraries.of(parameters), Arbitraries.of(parameters).map(p -> p + "[$ne]"), keys());
    Arbitrary<String> pair =
        Combinators.combine(
                name, oddStrings().map(v -> v.length() > 3000 ? v.substring(0, 3000) : v))
            .as((n, v) -> encode(n) + "=" + encode(v));
    return pair.list()
        .ofMaxSize(4)
        .map(pairs -> pairs.isEmpty() ? "" : "?" + String.join("&", pairs));
  }

  public static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** Header values an HTTP client can send: printable ASCII, sometimes very long. */
  public static Arbitrary<String> headerValues() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(60),
        Arbitraries.of("$ne", "{\"$gt\":\"\"}", "null", "", "  "),
        Arbitraries.integers().between(500, 12_000).map(n -> "k".repeat(n)));
  }
}
