package dev.ficus.gateway.routes;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Config-driven service discovery: a target name such as {@code inventory-service} resolves to the URL in
 * {@code ficus.targets.inventory-service.url}, which the environment variable
 * {@code FICUS_TARGETS_INVENTORY_SERVICE_URL} also sets. Looking names up in the environment (instead of binding a
 * map) keeps dashed names working from environment variables.
 */
@Component
public class Targets {

    private final Environment environment;

    Targets(Environment environment) {
        this.environment = environment;
    }

    public Optional<URI> url(String name) {
        String url = environment.getProperty("ficus.targets." + name + ".url");
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(URI.create(url.trim()));
    }

    /** Explains what is wrong with a target's URL, or nothing when it is usable. */
    public Optional<String> problemWith(String name) {
        String property = "ficus.targets." + name + ".url";
        String url = environment.getProperty(property);
        if (url == null || url.isBlank()) {
            return Optional.of("target '" + name + "' has no URL: set " + property + " (or "
                    + property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_') + ")");
        }
        try {
            URI uri = URI.create(url.trim());
            boolean http = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
            boolean originOnly = uri.getRawPath() == null || uri.getRawPath().isEmpty() || "/".equals(uri.getRawPath());
            if (!http || uri.getHost() == null || !originOnly || uri.getRawQuery() != null) {
                return Optional.of("target '" + name + "' URL '" + url
                        + "' must be http(s)://host[:port] with no path");
            }
            return Optional.empty();
        }
        catch (IllegalArgumentException failure) {
            return Optional.of("target '" + name + "' URL '" + url + "' is not a URI: " + failure.getMessage());
        }
    }
}
