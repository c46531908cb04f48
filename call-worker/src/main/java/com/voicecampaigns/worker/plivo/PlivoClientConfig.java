package com.voicecampaigns.worker.plivo;

import com.plivo.api.PlivoClient;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PlivoClientConfig {

  /**
   * plivo-java with an HTTP client that talks to the configured API URL and sends every request at
   * most once: it never retries on its own ({@code retryOnConnectionFailure(false)}), follows no
   * redirect, turns every error status into a {@link PlivoApiException} before plivo-java sees it
   * (which keeps plivo-java from re-POSTing a call request to its fallback hosts after a 5xx),
   * tells a request never sent from one that may have reached Plivo ({@link SendTracker}), never
   * writes into a connection that sat idle too long ({@link StaleConnections}), runs the caller's
   * {@link LastCheck} once it holds a connection and before it writes ({@link
   * LastCheckInterceptor}), and bounds the whole request by the connect plus the read timeout.
   */
  @Bean
  PlivoClient plivoClient(PlivoProperties properties) {
    StaleConnections stale = new StaleConnections(properties.idleConnectionTimeout());
    OkHttpClient.Builder http =
        new OkHttpClient.Builder()
            .connectTimeout(properties.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
            .readTimeout(properties.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
            .writeTimeout(properties.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
            .callTimeout(properties.callTimeout().toMillis(), TimeUnit.MILLISECONDS)
            .retryOnConnectionFailure(false)
            .followRedirects(false)
            .followSslRedirects(false)
            .addInterceptor(new PlivoApiUrlInterceptor(properties.apiUrl()))
            .addInterceptor(new PlivoErrorInterceptor())
            .addInterceptor(SendTracker.application())
            .addInterceptor(stale.application())
            .addNetworkInterceptor(stale.network())
            .addNetworkInterceptor(new LastCheckInterceptor())
            .addNetworkInterceptor(SendTracker.network());
    return new PlivoClient(properties.authId(), properties.authToken(), http);
  }
}
