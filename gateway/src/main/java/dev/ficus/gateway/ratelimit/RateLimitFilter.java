package dev.ficus.gateway.ratelimit;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import dev.ficus.gateway.problem.Problems;
import dev.ficus.gateway.security.ClientIds;

/**
 * Limits every authenticated request (routed, BFF and admin alike) by the client id in its token. Over the limit
 * the answer is 429 with {@code Retry-After} in whole seconds. If the bucket store cannot be reached the request
 * is refused with 503: the limit fails closed, never silently open.
 */
@Component
class RateLimitFilter implements WebFilter, Ordered {

    private static final Logger LOG = LoggerFactory.getLogger(RateLimitFilter.class);

    /** After Spring Security's filter chain (order -100), which resolves the principal. */
    static final int ORDER = -50;

    private final ClientRateLimiter limiter;

    RateLimitFilter(ClientRateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return exchange.getPrincipal()
                .flatMap(principal -> Mono.justOrEmpty(ClientIds.of(principal)))
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(clientId -> clientId.isPresent()
                        ? limit(exchange, chain, clientId.get())
                        : chain.filter(exchange));
    }

    private Mono<Void> limit(ServerWebExchange exchange, WebFilterChain chain, String clientId) {
        return Mono.fromCallable(() -> Optional.of(limiter.take(clientId)))
                .subscribeOn(Schedulers.boundedElastic())
                .onErrorResume(failure -> {
                    LOG.warn("Rate-limit store unavailable; refusing a request of client {}", clientId, failure);
                    return Mono.just(Optional.empty());
                })
                .flatMap(probe -> {
                    if (probe.isEmpty()) {
                        return Problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE,
                                "The rate limiter cannot be reached, so the request is refused.");
                    }
                    return probe.get().isConsumed()
                            ? chain.filter(exchange)
                            : tooMany(exchange, probe.get().getNanosToWaitForRefill());
                });
    }

    private static Mono<Void> tooMany(ServerWebExchange exchange, long nanosToWait) {
        long seconds = Math.max(1, (long) Math.ceil(nanosToWait / (double) TimeUnit.SECONDS.toNanos(1)));
        return Problems.write(exchange, HttpStatus.TOO_MANY_REQUESTS,
                "This client is over its rate limit; retry after " + seconds + " s.",
                HttpHeaders.RETRY_AFTER, Long.toString(seconds));
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
