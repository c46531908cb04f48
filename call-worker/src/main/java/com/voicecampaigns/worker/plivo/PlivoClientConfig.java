package com.voicecampaigns.worker.plivo;

import com.plivo.api.PlivoClient;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PlivoClientConfig {

  /**
   * plivo-java with an HTTP client that talks to the configured API URL, never retries a request on
   * its own ({@code retryOnConnectionFailure(false)}), and turns every error status into a {@link
   * PlivoApiException} before plivo-java sees it, which keeps plivo-java from re-POSTing a call
   * request to its fallback hosts after a 5xx.
   */
  @Bean
  PlivoClient plivoClient(PlivoProperties properties) {
    OkHttpClient.Builder http =
        new OkHttpClient.Builder()
            .connectTimeout(properties.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
            .readTimeout(properties.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
            .writeTimeout(properties.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
            .callTimeout(properties.callTimeout().toMillis(), TimeUnit.MILLISECONDS)
            .retryOnConnectionFailure(false)
            .addInterceptor(new PlivoApiUrlInterceptor(properties.apiUrl()))
            .addInterceptor(new PlivoErrorInterceptor());
    return new PlivoClient(properties.authId(), properties.authToken(), http);
  }
}
