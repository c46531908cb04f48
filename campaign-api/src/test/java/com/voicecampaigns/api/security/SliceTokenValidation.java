package com.voicecampaigns.api.security;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The API's token validation (the HS256 decoder and the validators every token must pass) for the
 * {@code @WebMvcTest} slices, which pick up the security chain ({@code SecurityConfig}) but not
 * this plain configuration.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(TokenValidation.class)
public class SliceTokenValidation {}
