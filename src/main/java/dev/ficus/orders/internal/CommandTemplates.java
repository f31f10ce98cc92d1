package dev.ficus.orders.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a command builder of the saga, a Java function over {@link SagaData}, into an ASL payload
 * template that builds the same JSON inside a state machine. The builder is called with two probe
 * orders whose every value is different; a command field that carries a probe value becomes a path to
 * where the state machine keeps that value ({@code "orderId.$": "$.orderId"}), and a field that is the
 * same for both probes is a constant. A field computed from the order in any other way cannot be
 * expressed and fails the export, so a builder that changes shape breaks the export instead of
 * silently sending something else.
 */
final class CommandTemplates {

	private static final SagaData FIRST_PROBE = new SagaData(UUID.fromString("00000000-0000-4000-8000-00000000000a"),
			UUID.fromString("00000000-0000-4000-8000-00000000000b"),
			List.of(new SagaData.Line("probe-sku-a1", 101), new SagaData.Line("probe-sku-a2", 102)), 10_001L,
			"probe-charge-a");

	private static final SagaData SECOND_PROBE = new SagaData(UUID.fromString("00000000-0000-4000-8000-0000000000c0"),
			UUID.fromString("00000000-0000-4000-8000-0000000000d0"),
			List.of(new SagaData.Line("probe-sku-b1", 201)), 20_002L, "probe-charge-b");

	private final JsonMapper json;

	private final Map<String, String> dataPaths;

	private final ObjectNode first;

	private final ObjectNode second;

	/**
	 * @param dataPaths for each component of {@link SagaData}, the JSONPath of its value in the state
	 *     machine's data
	 */
	CommandTemplates(JsonMapper json, Map<String, String> dataPaths) {

		this.json = json;
		this.dataPaths = Map.copyOf(dataPaths);
		this.first = json.valueToTree(FIRST_PROBE);
		this.second = json.valueToTree(SECOND_PROBE);

		Set<String> components = first.propertyNames().stream().collect(Collectors.toSet());
		if (!components.equals(this.dataPaths.keySet())) {
			throw new IllegalArgumentException("The state machine must know where each part of SagaData is; "
					+ "SagaData has " + components + ", paths are given for " + this.dataPaths.keySet());
		}
	}

	/** The command's type name, as the outbox names it in the message's {@code type} attribute. */
	String typeOf(Function<SagaData, Object> command) {
		return command.apply(FIRST_PROBE).getClass().getSimpleName();
	}

	/** The payload template that builds the command from the state machine's data. */
	ObjectNode templateOf(Function<SagaData, Object> command) {

		JsonNode fromFirst = json.valueToTree(command.apply(FIRST_PROBE));
		JsonNode fromSecond = json.valueToTree(command.apply(SECOND_PROBE));
		return objectTemplate(typeOf(command), "", fromFirst, fromSecond);
	}

	private ObjectNode objectTemplate(String type, String where, JsonNode fromFirst, JsonNode fromSecond) {

		ObjectNode template = json.createObjectNode();
		for (String field : fromFirst.propertyNames()) {
			JsonNode one = fromFirst.get(field);
			JsonNode other = fromSecond.get(field);
			String path = pathOf(one, other);

			if (path != null) {
				template.put(field + ".$", path);
			}
			else if (one.equals(other)) {
				template.set(field, one);
			}
			else if (one.isObject() && other != null && other.isObject()) {
				template.set(field, objectTemplate(type, where + field + ".", one, other));
			}
			else {
				throw new IllegalArgumentException("Field " + where + field + " of " + type + " is computed from the "
						+ "order in a way a state machine cannot repeat: it is neither a value the saga keeps nor a constant");
			}
		}
		return template;
	}

	/** The path of the SagaData component whose probe values these are, or {@code null} if none. */
	private String pathOf(JsonNode one, JsonNode other) {

		for (String component : first.propertyNames()) {
			if (same(first.get(component), one) && same(second.get(component), other)) {
				return dataPaths.get(component);
			}
		}
		return null;
	}

	private static boolean same(JsonNode expected, JsonNode actual) {

		if (actual == null || expected.isNull()) {
			return false;
		}
		if (expected.isNumber() && actual.isNumber()) {
			return expected.decimalValue().compareTo(actual.decimalValue()) == 0;
		}
		return expected.equals(actual);
	}
}
