package com.voicecampaigns.api.config;

import com.voicecampaigns.api.security.Caller;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description at {@code /v3/api-docs}, shown by Swagger UI at {@code /swagger-ui.html}.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

  static {
    // resolved from the bearer token, not a request parameter
    SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
  }

  @Bean
  OpenAPI campaignApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("Voice campaigns API")
                .version("v1")
                .description(
                    "Contact lists and scheduled outbound voice campaigns. Every route needs a"
                        + " JWT bearer token; the tenant comes from its tenant claim. Errors are"
                        + " RFC 9457 problem details; the seed-compatible /plivo/* routes answer"
                        + " {\"status\":…,\"message\":…}."))
        .components(
            new Components()
                .addSecuritySchemes(
                    "bearer",
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .bearerFormat("JWT")))
        .addSecurityItem(new SecurityRequirement().addList("bearer"));
  }
}
