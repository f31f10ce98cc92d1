package dev.ficus.gateway.edge;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Strips internal and connection-specific headers from backend responses before they reach the client, and
 * decides which headers count as such for both directions. It runs before the gateway's hop-by-hop filter, which
 * drops the {@code Connection} header this filter reads.
 */
@Component
class HeaderHygiene implements HttpHeadersFilter, Ordered {

    static final String INTERNAL_PREFIX = "x-ficus-";

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        List<String> unwanted = unwanted(input);
        if (unwanted.isEmpty()) {
            return input;
        }

        var filtered = new HttpHeaders();
        filtered.putAll(input);
        unwanted.forEach(filtered::remove);
        return filtered;
    }

    @Override
    public boolean supports(Type type) {
        return type == Type.RESPONSE;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    /** Internal headers and the headers {@code Connection} names, as present in {@code headers}. */
    static List<String> unwanted(HttpHeaders headers) {
        var unwanted = new ArrayList<String>();
        for (String name : headers.headerNames()) {
            if (name.toLowerCase(Locale.ROOT).startsWith(INTERNAL_PREFIX)) {
                unwanted.add(name);
            }
        }
        for (String value : headers.getOrEmpty(HttpHeaders.CONNECTION)) {
            for (String token : value.split(",")) {
                String name = token.trim();
                if (!name.isEmpty() && !"close".equalsIgnoreCase(name) && !"keep-alive".equalsIgnoreCase(name)) {
                    unwanted.add(name);
                }
            }
        }
        return unwanted;
    }
}
