package com.voicecampaigns.api.security;

import com.voicecampaigns.api.ApiProperties;
import com.voicecampaigns.api.web.ErrorResponses;
import jakarta.servlet.DispatcherType;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Every route needs a valid JWT bearer token except health, info, Prometheus and the OpenAPI
 * description with its Swagger UI. Tokens are verified with the HS256 secret {@code
 * api.security.hmac-secret} when it is set (local profile, tests), otherwise by Spring Boot's
 * resource server from {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} or {@code
 * jwk-set-uri}; with neither the application refuses to start. {@link TokenValidation} says what a
 * token must hold, {@link SecurityStartupChecks} which configurations are refused.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig implements WebMvcConfigurer {

  static final String ADMIN_AUTHORITY = "ROLE_ADMIN";
  static final String SCHEDULER_TRIGGER = "/plivo/check-scheduled-campaigns";

  private final ApiProperties properties;

  SecurityConfig(ApiProperties properties) {
    this.properties = properties;
  }

  @Bean
  SecurityFilterChain apiSecurity(
      HttpSecurity http, ObjectProvider<JwtDecoder> decoders, ErrorResponses errorResponses)
      throws Exception {
    JwtDecoder decoder =
        decoders.getIfAvailable(
            () -> {
              throw new IllegalStateException(
                  "no JWT verification configured: set api.security.hmac-secret (local use) or"
                      + " spring.security.oauth2.resourceserver.jwt.issuer-uri / jwk-set-uri");
            });
    var errors = new SecurityErrors(errorResponses);
    var converter = new JwtAuthenticationConverter();
    converter.setJwtGrantedAuthoritiesConverter(
        jwt -> adminAuthorities(jwt.getClaims().get(properties.security().rolesClaim())));
    http.csrf(csrf -> csrf.disable())
        .cors(Customizer.withDefaults())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .authorizeHttpRequests(
            authorize ->
                authorize
                    // the completion of a progress stream (SseEmitter) dispatches the request
                    // again,
                    // after the original dispatch was authorised
                    .dispatcherTypeMatchers(DispatcherType.ASYNC)
                    .permitAll()
                    .requestMatchers(
                        "/actuator/health",
                        "/actuator/health/**",
                        "/actuator/info",
                        "/actuator/prometheus",
                        "/v3/api-docs",
                        "/v3/api-docs/**",
                        "/swagger-ui.html",
                        "/swagger-ui/**",
                        "/error")
                    .permitAll()
                    .requestMatchers(HttpMethod.GET, SCHEDULER_TRIGGER)
                    .hasAuthority(ADMIN_AUTHORITY)
                    .anyRequest()
                    .authenticated())
        .oauth2ResourceServer(
            oauth ->
                oauth
                    .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(converter))
                    .authenticationEntryPoint(errors)
                    .accessDeniedHandler(errors))
        .exceptionHandling(e -> e.authenticationEntryPoint(errors).accessDeniedHandler(errors));
    return http.build();
  }

  private Collection<GrantedAuthority> adminAuthorities(Object rolesClaim) {
    List<String> roles;
    if (rolesClaim == null) {
      roles = List.of();
    } else if (rolesClaim instanceof Collection<?> list) {
      roles = list.stream().map(Objects::toString).toList();
    } else {
      roles = List.of(rolesClaim.toString().split("[\\s,]+"));
    }
    return roles.contains(properties.security().adminRole())
        ? List.of(new SimpleGrantedAuthority(ADMIN_AUTHORITY))
        : List.of();
  }

  @Bean
  CorsConfigurationSource corsConfigurationSource() {
    var cors = new CorsConfiguration();
    cors.setAllowedOrigins(properties.cors().allowedOrigins());
    cors.setAllowedMethods(List.of("GET", "POST", "PUT", "DELETE", "OPTIONS"));
    cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Idempotency-Key"));
    cors.setExposedHeaders(List.of("Location", "Idempotency-Replayed"));
    cors.setMaxAge(3600L);
    var source = new UrlBasedCorsConfigurationSource();
    source.registerCorsConfiguration("/api/**", cors);
    source.registerCorsConfiguration("/plivo/**", cors);
    return source;
  }

  @Override
  public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
    resolvers.add(new CallerArgumentResolver(properties.security()));
  }
}
