package dev.ficus.orders.internal;

import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The order placement saga as a Step Functions state machine, with the saga timing this application is
 * configured with. Queue URLs are left as placeholders, {@code ${inventory_commands_queue_url}}, for the
 * deployment to fill in (CloudFormation's {@code DefinitionSubstitutions}, CDK, Terraform).
 */
@Component
public class OrderPlacementStateMachine {

	private final StepFunctionsExport export;

	OrderPlacementStateMachine(SagaProperties properties, JsonMapper json) {
		this.export = new StepFunctionsExport(properties, OrderPlacementStateMachine::queueUrlPlaceholder, json);
	}

	/** The state machine definition in the Amazon States Language. */
	public ObjectNode definition() {
		return export.export(OrderPlacementSaga.DEFINITION);
	}

	/** {@code inventory-commands} → {@code ${inventory_commands_queue_url}}. */
	static String queueUrlPlaceholder(String channel) {
		return "${" + channel.replace('-', '_') + "_queue_url}";
	}
}
