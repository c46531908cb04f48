package com.voicecampaigns.worker;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param id this worker's identity in leases; unique per process (defaults to host name and a
 *     random suffix)
 * @param publicUrl the base URL at which Plivo reaches this worker's callbacks
 * @param leaseDuration how long a lease lives without a heartbeat
 * @param heartbeatInterval how often a worker renews the leases it holds
 * @param verifySignatures whether callbacks must carry a valid X-Plivo-Signature-V3
 */
@Validated
@ConfigurationProperties("worker")
public record WorkerProperties(
    @NotBlank String id,
    @NotNull URI publicUrl,
    @NotNull Duration leaseDuration,
    @NotNull Duration heartbeatInterval,
    boolean verifySignatures) {}
