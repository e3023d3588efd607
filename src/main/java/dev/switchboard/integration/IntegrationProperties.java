package dev.switchboard.integration;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Timeouts and retry pacing of the connectors ({@code switchboard.integrations.*}); tests shorten
 * them.
 *
 * @param searchTimeout how long a web search may take (SPEC: 10 s)
 * @param httpTimeout read timeout of the LinkedIn and enrichment calls
 * @param connectTimeout TCP connect timeout of every HTTP call
 * @param smtpTimeout connect, read and write timeout of SMTP
 * @param retryBaseDelay first backoff delay; each retry doubles it
 */
@ConfigurationProperties("switchboard.integrations")
public record IntegrationProperties(
    @DefaultValue("10s") Duration searchTimeout,
    @DefaultValue("20s") Duration httpTimeout,
    @DefaultValue("5s") Duration connectTimeout,
    @DefaultValue("30s") Duration smtpTimeout,
    @DefaultValue("200ms") Duration retryBaseDelay) {}
