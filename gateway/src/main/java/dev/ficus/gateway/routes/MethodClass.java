package dev.ficus.gateway.routes;

import java.util.List;
import java.util.Locale;

import org.springframework.http.HttpMethod;

/**
 * Methods grouped the way the route table and the ALB rules split traffic: reads can go to a read replica or an
 * extracted service while writes stay where they are.
 */
public enum MethodClass {

    READ(List.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS)),
    WRITE(List.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE));

    private final List<HttpMethod> methods;

    MethodClass(List<HttpMethod> methods) {
        this.methods = methods;
    }

    public List<HttpMethod> methods() {
        return methods;
    }

    /** The scope suffix a token needs for this class of methods, as in {@code orders:read}. */
    public String scopeSuffix() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MethodClass of(HttpMethod method) {
        return READ.methods.contains(method) ? READ : WRITE;
    }
}
