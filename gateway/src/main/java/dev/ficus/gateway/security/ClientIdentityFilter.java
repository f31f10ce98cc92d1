package dev.ficus.gateway.security;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Tells the backend which client called, in {@code X-Ficus-Client-Id}. Clients cannot forge it: the edge filter
 * removes every inbound {@code X-Ficus-*} header before this one is added from the validated token.
 */
@Component
class ClientIdentityFilter implements GlobalFilter, Ordered {

    static final String CLIENT_ID_HEADER = "X-Ficus-Client-Id";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return exchange.getPrincipal()
                .flatMap(principal -> Mono.justOrEmpty(ClientIds.of(principal)))
                .map(clientId -> exchange.mutate()
                        .request(request -> request.headers(headers -> headers.set(CLIENT_ID_HEADER, clientId)))
                        .build())
                .defaultIfEmpty(exchange)
                .flatMap(chain::filter);
    }

    @Override
    public int getOrder() {
        return 0;
    }
}
