package dev.ficus.gateway.routes;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the route file is and how often each replica looks for a changed file or a table applied elsewhere.
 *
 * @param file the route file; relative paths resolve against the working directory
 * @param pollInterval how often the file and the shared history are checked
 */
@ConfigurationProperties("ficus.routes")
public record RouteTableProperties(
        @DefaultValue("gateway/routes.yaml") Path file,
        @DefaultValue("2s") Duration pollInterval) {
}
