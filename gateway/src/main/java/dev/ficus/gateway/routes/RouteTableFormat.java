package dev.ficus.gateway.routes;

import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

import dev.ficus.gateway.problem.InvalidRequest;

/**
 * Reads and writes route tables. The file format is YAML with kebab-case keys; since YAML is a superset of JSON,
 * the admin API accepts either through the same reader. Unknown keys are rejected, so a misspelt key never
 * silently drops a setting.
 */
public final class RouteTableFormat {

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private RouteTableFormat() {
    }

    public static RouteTable readTable(String text, String origin) {
        try {
            RouteTable table = YAML.readValue(text, RouteTable.class);
            if (table == null) {
                throw new InvalidRequest("The route table from " + origin + " is empty", List.of("no routes"));
            }
            return table;
        }
        catch (JacksonException failure) {
            throw unreadable(origin, failure);
        }
    }

    public static RouteEntry readEntry(String text, String origin) {
        try {
            RouteEntry entry = YAML.readValue(text, RouteEntry.class);
            if (entry == null) {
                throw new InvalidRequest("The route from " + origin + " is empty", List.of("no route"));
            }
            return entry;
        }
        catch (JacksonException failure) {
            throw unreadable(origin, failure);
        }
    }

    public static String writeJson(Object tableOrEntry) {
        return JSON.writeValueAsString(tableOrEntry);
    }

    public static RouteTable readStoredJson(String json) {
        return JSON.readValue(json, RouteTable.class);
    }

    private static InvalidRequest unreadable(String origin, JacksonException failure) {
        return new InvalidRequest("The route table from " + origin + " cannot be read",
                List.of(failure.getOriginalMessage()));
    }
}
