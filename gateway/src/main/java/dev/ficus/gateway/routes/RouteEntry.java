package dev.ficus.gateway.routes;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One line of the route table: requests whose path is {@code path} or lies below it, with a method of one of the
 * given classes, go to one of the targets, chosen by weight. {@code backendPath} replaces the {@code path} prefix
 * on the way to the backend ({@code /api/orders/7} becomes {@code /orders/7}); without it the path is kept.
 * {@code scope} names the resource a token needs: {@code orders} means {@code orders:read} for reads and
 * {@code orders:write} for writes.
 *
 * <p>Fields are nullable here because entries arrive from files and HTTP bodies; {@link RouteTableValidator}
 * rejects a table with a missing field before it is ever used.
 */
public record RouteEntry(
        String id,
        String path,
        @Nullable String backendPath,
        List<MethodClass> methods,
        String scope,
        List<TargetWeight> targets) {

    /** The path prefix the backend sees for this route. */
    public String effectiveBackendPath() {
        return backendPath != null ? backendPath : path;
    }

    /** Whether a request path equals this route's prefix or lies below it (segment-wise, never mid-segment). */
    public boolean covers(String requestPath) {
        return requestPath.equals(path) || requestPath.startsWith(path + "/");
    }
}
