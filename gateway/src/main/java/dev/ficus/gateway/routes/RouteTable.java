package dev.ficus.gateway.routes;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole route table, as written in the route file. It is immutable: every change produces a new table, which
 * is validated as a whole before it is stored and swapped in.
 */
public record RouteTable(List<RouteEntry> routes) {

    public RouteTable {
        routes = routes == null ? List.of() : List.copyOf(routes);
    }

    public Optional<RouteEntry> route(String id) {
        return routes.stream()
                .filter(route -> Objects.equals(route.id(), id))
                .findFirst();
    }

    /** A copy with the entry of the same id replaced, or the entry appended when the id is new. */
    public RouteTable with(RouteEntry entry) {
        var changed = new ArrayList<RouteEntry>();
        boolean replaced = false;
        for (RouteEntry route : routes) {
            if (Objects.equals(route.id(), entry.id())) {
                changed.add(entry);
                replaced = true;
            }
            else {
                changed.add(route);
            }
        }
        if (!replaced) {
            changed.add(entry);
        }
        return new RouteTable(changed);
    }

    public RouteTable without(String id) {
        return new RouteTable(routes.stream()
                .filter(route -> !Objects.equals(route.id(), id))
                .toList());
    }
}
