package com.voicecampaigns.api.webhook;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Proxy;
import java.util.Map;
import java.util.Optional;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Sends one delivery: a POST of the signed JSON body. Redirects are not followed (a receiver could
 * point one anywhere) and no proxy is used; names are resolved by {@link GuardedDns}, and the
 * connected socket's peer is checked once more before a byte of the request is written (it also
 * catches an IP literal, which needs no resolving).
 */
class DeliveryClient {

  private static final MediaType JSON = MediaType.get("application/json");
  private static final int MAX_ERROR_LENGTH = 300;

  /** The receiver's answer ({@code statusCode}), or why there was none ({@code error}). */
  record Result(Integer statusCode, String error) {
    boolean succeeded() {
      return statusCode != null && statusCode >= 200 && statusCode < 300;
    }
  }

  private final OkHttpClient http;

  DeliveryClient(WebhookTargets targets, WebhookProperties properties) {
    this.http =
        new OkHttpClient.Builder()
            .dns(new GuardedDns(targets))
            .proxy(Proxy.NO_PROXY)
            .followRedirects(false)
            .followSslRedirects(false)
            .retryOnConnectionFailure(false)
            .connectTimeout(properties.connectTimeout())
            .readTimeout(properties.readTimeout())
            .writeTimeout(properties.readTimeout())
            .addNetworkInterceptor(peerCheck(targets))
            .build();
  }

  Result post(String url, Map<String, String> headers, String body) {
    Request.Builder request = new Request.Builder().url(url).post(RequestBody.create(body, JSON));
    headers.forEach(request::header);
    try (Response response = http.newCall(request.build()).execute()) {
      return new Result(response.code(), null);
    } catch (GuardedDns.RefusedAddressException | RefusedPeerException e) {
      return new Result(null, "refused: " + e.getMessage());
    } catch (IOException | IllegalArgumentException e) {
      return new Result(null, truncate(e.getClass().getSimpleName() + ": " + e.getMessage()));
    }
  }

  private static Interceptor peerCheck(WebhookTargets targets) {
    return chain -> {
      InetAddress peer = chain.connection().socket().getInetAddress();
      Optional<String> refusal = targets.refusal(peer);
      if (refusal.isPresent()) {
        throw new RefusedPeerException(chain.request().url().host() + " " + refusal.get());
      }
      return chain.proceed(chain.request());
    };
  }

  private static String truncate(String error) {
    return error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH) + "…";
  }

  /** The connection's peer is an address deliveries may not reach. */
  static final class RefusedPeerException extends IOException {
    RefusedPeerException(String message) {
      super(message);
    }
  }
}
