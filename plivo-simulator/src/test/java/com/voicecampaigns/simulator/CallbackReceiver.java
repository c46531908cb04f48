package com.voicecampaigns.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/** A tiny JDK HTTP server standing in for the call worker: records every callback it gets. */
final class CallbackReceiver implements AutoCloseable {

  static final String ANSWER_XML =
      "<Response><Stream bidirectional=\"true\">wss://bot.example/stream</Stream></Response>";

  private final HttpServer server;
  private final List<Callback> callbacks = new CopyOnWriteArrayList<>();
  private final Map<String, Integer> statusByPath = new ConcurrentHashMap<>();
  private final Map<String, String> bodyByPath = new ConcurrentHashMap<>();

  private CallbackReceiver(HttpServer server) {
    this.server = server;
  }

  static CallbackReceiver start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      CallbackReceiver receiver = new CallbackReceiver(server);
      server.createContext("/", receiver::handle);
      server.setExecutor(Executors.newFixedThreadPool(4));
      server.start();
      return receiver;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code http://127.0.0.1:<port><path>} */
  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** Requests to {@code path} (without query) get {@code status} from now on. */
  void respond(String path, int status) {
    statusByPath.put(path, status);
  }

  /** Requests to {@code path} get {@code body} (instead of {@link #ANSWER_XML}) from now on. */
  void respondWith(String path, String body) {
    bodyByPath.put(path, body);
  }

  List<Callback> callbacks() {
    return List.copyOf(callbacks);
  }

  List<Callback> callbacksTo(String path) {
    return callbacks.stream().filter(callback -> callback.path().equals(path)).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String path = exchange.getRequestURI().getRawPath();
      String rawQuery = exchange.getRequestURI().getRawQuery();
      Map<String, String> headers = new TreeMap<>();
      exchange
          .getRequestHeaders()
          .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
      Map<String, String> params =
          "GET".equals(exchange.getRequestMethod())
              ? (rawQuery == null ? Map.of() : MakeCallRequest.parseForm(rawQuery))
              : MakeCallRequest.parseForm(body);
      callbacks.add(
          new Callback(
              exchange.getRequestMethod(),
              path,
              url(path) + (rawQuery == null ? "" : "?" + rawQuery),
              headers,
              params,
              body));
      int status = statusByPath.getOrDefault(path, 200);
      byte[] response = bodyByPath.getOrDefault(path, ANSWER_XML).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/xml");
      exchange.sendResponseHeaders(status, response.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(response);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }

  /**
   * One received callback.
   *
   * @param url the full URL as received, query included
   * @param headers first value of each header, names in lower case
   * @param params the form body (POST) or the query parameters (GET)
   */
  record Callback(
      String method,
      String path,
      String url,
      Map<String, String> headers,
      Map<String, String> params,
      String body) {

    String param(String name) {
      return params.get(name);
    }

    String signature() {
      return headers.get("x-plivo-signature-v3");
    }

    String nonce() {
      return headers.get("x-plivo-signature-v3-nonce");
    }
  }
}
