package dev.ficus.gateway.bff;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Reshapes the monolith's order documents for each audience. Pure functions over the backend JSON: they pick,
 * rename and sort fields, and never decide anything about an order.
 */
final class OrderShapes {

    private OrderShapes() {
    }

    /** The mobile summary: what a phone shows in a list, with the line count instead of the lines. */
    static Map<String, Object> compact(Map<String, Object> order) {
        var summary = new LinkedHashMap<String, Object>();
        summary.put("orderId", order.get("orderId"));
        summary.put("status", order.get("status"));
        summary.put("totalCents", order.get("totalCents"));
        summary.put("itemCount", lines(order).stream()
                .mapToLong(line -> line.get("quantity") instanceof Number quantity ? quantity.longValue() : 0)
                .sum());
        summary.put("placedAt", order.get("placedAt"));
        return summary;
    }

    /** The web view: the full order, its customer (or null when unavailable) and the saga as a timeline. */
    static Map<String, Object> full(Map<String, Object> order, @Nullable Map<String, Object> customer) {
        var view = new LinkedHashMap<String, Object>(order);
        view.put("customer", customer);
        view.put("timeline", timeline(order));
        return view;
    }

    /**
     * The saga's steps as events in time order: each step's start and finish, then its compensation, which the
     * backend reports without a time and so comes after the forward steps.
     */
    static List<Map<String, Object>> timeline(Map<String, Object> order) {
        var timed = new ArrayList<Map<String, Object>>();
        var compensations = new ArrayList<Map<String, Object>>();
        if (!(order.get("saga") instanceof Map<?, ?> saga) || !(saga.get("steps") instanceof List<?> steps)) {
            return List.of();
        }

        for (Object candidate : steps) {
            if (!(candidate instanceof Map<?, ?> step)) {
                continue;
            }
            Object name = step.get("name");
            if (step.get("startedAt") != null) {
                timed.add(event(step.get("startedAt"), name, "started", null, step.get("attempts")));
            }
            if (step.get("finishedAt") != null) {
                timed.add(event(step.get("finishedAt"), name, lower(step.get("status")), step.get("lastError"),
                        step.get("attempts")));
            }
            if (step.get("compensation") instanceof Map<?, ?> compensation) {
                compensations.add(event(null, name, "compensation-" + lower(compensation.get("status")),
                        compensation.get("lastError"), compensation.get("attempts")));
            }
        }

        timed.sort(Comparator.comparing(event -> Instant.parse(String.valueOf(event.get("at")))));
        timed.addAll(compensations);
        return timed;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> lines(Map<String, Object> order) {
        return order.get("lines") instanceof List<?> lines ? (List<Map<String, Object>>) lines : List.of();
    }

    private static Map<String, Object> event(@Nullable Object at, @Nullable Object step, String event,
            @Nullable Object error, @Nullable Object attempts) {

        var entry = new LinkedHashMap<String, Object>();
        entry.put("at", at);
        entry.put("step", step);
        entry.put("event", event);
        entry.put("attempts", attempts);
        entry.put("error", error);
        return entry;
    }

    private static String lower(@Nullable Object status) {
        return String.valueOf(status).toLowerCase(Locale.ROOT);
    }
}
