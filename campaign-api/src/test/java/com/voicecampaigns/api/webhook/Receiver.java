package com.voicecampaigns.api.webhook;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * A real HTTP receiver of webhooks on 127.0.0.1 (the JDK's HttpServer): records every request and
 * answers the queued statuses in order, then {@code 204}; a 3xx points to {@code /followed}.
 */
final class Receiver implements AutoCloseable {

  /** One request as received: the lower-cased headers that matter, and the body. */
  record Received(String path, Map<String, String> headers, String body) {
    String id() {
      return headers.get("webhook-id");
    }
  }

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Deque<Integer> answers = new ConcurrentLinkedDeque<>();

  Receiver() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          Map<String, String> headers =
              exchange.getRequestHeaders().entrySet().stream()
                  .collect(
                      Collectors.toMap(
                          e -> e.getKey().toLowerCase(Locale.ROOT), e -> e.getValue().get(0)));
          received.add(new Received(exchange.getRequestURI().getPath(), headers, body));
          int status = answers.isEmpty() ? 204 : answers.poll();
          if (status >= 300 && status < 400) {
            exchange.getResponseHeaders().add("Location", "/followed");
          }
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
  }

  int port() {
    return server.getAddress().getPort();
  }

  /** The next requests are answered {@code statuses}, in order. */
  void answer(Integer... statuses) {
    answers.addAll(List.of(statuses));
  }

  List<Received> received() {
    return new ArrayList<>(received);
  }

  List<Received> ofType(String type) {
    return received().stream().filter(r -> r.body().contains("\"type\":\"" + type + "\"")).toList();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
