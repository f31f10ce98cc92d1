package dev.ficus.gateway.routes;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/** Describes what a new table changes, for the audit: which route ids were added, removed or changed. */
final class RouteTableDiff {

    private RouteTableDiff() {
    }

    static String summary(@Nullable RouteTable before, RouteTable after) {
        if (before == null) {
            return "initial table with " + after.routes().size() + " routes";
        }

        var added = new ArrayList<String>();
        var changed = new ArrayList<String>();
        for (RouteEntry route : after.routes()) {
            before.route(route.id()).ifPresentOrElse(
                    old -> {
                        if (!Objects.equals(old, route)) {
                            changed.add(route.id());
                        }
                    },
                    () -> added.add(route.id()));
        }
        List<String> removed = before.routes().stream()
                .map(RouteEntry::id)
                .filter(id -> after.route(id).isEmpty())
                .toList();

        if (added.isEmpty() && changed.isEmpty() && removed.isEmpty()) {
            return "no change";
        }
        return "added " + added + ", changed " + changed + ", removed " + removed;
    }
}
