package dev.ficus.gateway.problem;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.MethodNotAllowedException;

/**
 * The answer for a fixed path called with a method it does not serve. Router functions on their own answer such a
 * call with 404, as if the path did not exist; registered after a path's real handlers, this one answers 405 with
 * {@code Allow}, which the problem writer turns into a problem document.
 */
public final class AllowedMethods {

    private AllowedMethods() {
    }

    public static HandlerFunction<ServerResponse> only(HttpMethod... allowed) {
        List<HttpMethod> methods = List.of(allowed);
        return request -> Mono.error(new MethodNotAllowedException(request.method(), methods));
    }
}
