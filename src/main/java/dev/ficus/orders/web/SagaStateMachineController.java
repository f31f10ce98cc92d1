package dev.ficus.orders.web;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.ficus.orders.internal.OrderPlacementStateMachine;
import tools.jackson.databind.node.ObjectNode;

/**
 * Serves the order placement saga as an AWS Step Functions state machine definition (ASL), ready for a
 * deployment to fill in the queue URLs; see docs/saga.md, "Step Functions export".
 */
@RestController
class SagaStateMachineController {

	private final OrderPlacementStateMachine stateMachine;

	SagaStateMachineController(OrderPlacementStateMachine stateMachine) {
		this.stateMachine = stateMachine;
	}

	@GetMapping(path = "/orders/saga/state-machine", produces = MediaType.APPLICATION_JSON_VALUE)
	ObjectNode stateMachine() {
		return stateMachine.definition();
	}
}
