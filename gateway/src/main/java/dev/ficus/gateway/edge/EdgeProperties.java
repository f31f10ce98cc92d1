package dev.ficus.gateway.edge;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Edge limits and browser access.
 *
 * @param maxRequestSize the largest request body accepted; larger ones answer 413
 * @param corsAllowedOrigins origins whose browser scripts may call the gateway
 */
@ConfigurationProperties("ficus.edge")
public record EdgeProperties(
        @DefaultValue("1MB") DataSize maxRequestSize,
        @DefaultValue("http://localhost:3000") List<String> corsAllowedOrigins) {
}
