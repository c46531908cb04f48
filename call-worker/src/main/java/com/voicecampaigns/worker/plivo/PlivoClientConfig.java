package com.voicecampaigns.worker.plivo;

import com.plivo.api.PlivoClient;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PlivoClientConfig {

  @Bean
  PlivoClient plivoClient(PlivoProperties properties) {
    OkHttpClient.Builder http =
        new OkHttpClient.Builder()
            .connectTimeout(5, TimeUnit.SECONDS)
            .readTimeout(10, TimeUnit.SECONDS)
            .retryOnConnectionFailure(false)
            .addInterceptor(new PlivoApiUrlInterceptor(properties.apiUrl()))
            .addInterceptor(new PlivoErrorInterceptor());
    return new PlivoClient(properties.authId(), properties.authToken(), http);
  }
}
