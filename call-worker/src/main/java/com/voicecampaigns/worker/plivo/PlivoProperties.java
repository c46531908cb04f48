package com.voicecampaigns.worker.plivo;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param apiUrl Plivo's API root, {@code https://api.plivo.com/v1/} or a compatible simulator
 * @param authId the account's auth id ({@code PLIVO_AUTH_ID})
 * @param authToken the account's auth token ({@code PLIVO_AUTH_TOKEN}); also the key of callback
 *     signatures
 */
@Validated
@ConfigurationProperties("plivo")
public record PlivoProperties(
    @NotNull URI apiUrl, @NotBlank String authId, @NotBlank String authToken) {}
