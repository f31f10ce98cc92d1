package dev.ficus.gateway.edge;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Removes what a client must not pass on: the gateway's internal {@code X-Ficus-*} headers (the gateway sets
 * those itself, from the validated token) and any header the client declared hop-by-hop by naming it in
 * {@code Connection}. The fixed hop-by-hop headers ({@code Connection}, {@code Keep-Alive}, {@code TE},
 * {@code Upgrade}, ...) are removed by the gateway's own filter when the request is forwarded.
 */
@Component
class InboundHeaderFilter implements WebFilter, Ordered {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        HttpHeaders inbound = exchange.getRequest().getHeaders();
        List<String> unwanted = HeaderHygiene.unwanted(inbound);
        if (unwanted.isEmpty()) {
            return chain.filter(exchange);
        }

        ServerWebExchange cleaned = exchange.mutate()
                .request(request -> request.headers(headers -> unwanted.forEach(headers::remove)))
                .build();
        return chain.filter(cleaned);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}
