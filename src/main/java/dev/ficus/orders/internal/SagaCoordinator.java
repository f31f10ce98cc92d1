package dev.ficus.orders.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.ficus.inventory.InventoryReserved;
import dev.ficus.messaging.IncomingMessage;
import dev.ficus.messaging.Outbox;
import dev.ficus.orders.Order.CompensationStatus;
import dev.ficus.orders.Order.SagaState;
import dev.ficus.orders.Order.StepStatus;
import dev.ficus.orders.OrderStatus;
import dev.ficus.orders.PlacementKeyReused;
import dev.ficus.orders.Orders.OrderLine;
import dev.ficus.orders.Orders.PlacedOrder;
import dev.ficus.orders.internal.SagaDefinition.Phase;
import dev.ficus.orders.internal.SagaDefinition.ReplyMeaning;
import dev.ficus.orders.internal.SagaDefinition.Step;
import dev.ficus.payments.PaymentCharged;
import dev.ficus.platform.idempotency.IdempotencyKey;
import dev.ficus.shipping.ShipmentScheduled;

/**
 * Advances order placement sagas as {@link OrderPlacementSaga#DEFINITION} says. Every change happens in
 * one orders transaction that locks the saga, writes its new state and puts the next command in the
 * outbox, so a crash at any point leaves either the old state with nothing sent or the new state with
 * its command on the way; on restart the sweeper and the waiting replies carry on from there.
 */
@Component
@EnableConfigurationProperties(SagaProperties.class)
public class SagaCoordinator {

	private static final Logger log = LoggerFactory.getLogger(SagaCoordinator.class);

	private final SagaDefinition definition = OrderPlacementSaga.DEFINITION;

	private final SagaStore store;

	private final Outbox outbox;

	private final SagaProperties properties;

	SagaCoordinator(SagaStore store, Outbox outbox, SagaProperties properties) {
		this.store = store;
		this.outbox = outbox;
		this.properties = properties;
	}

	/**
	 * Records a new order and sends the saga's first command. When the client's idempotency key already
	 * placed an order, nothing is written and that order is returned: the answer to the first request may
	 * have been lost in a crash after its commit, and the retry must not place a second order.
	 *
	 * @param key the idempotency key of the request placing the order, or {@code null} for none
	 * @throws PlacementKeyReused if the key placed an order for another customer or other lines
	 */
	@Transactional("ordersTransactions")
	public PlacedOrder start(UUID orderId, UUID customerId, List<OrderLine> lines, @Nullable IdempotencyKey key,
			Instant now) {

		List<SagaData.Line> wanted = lines.stream().map(line -> new SagaData.Line(line.sku(), line.quantity())).toList();
		var earlier = store.insertOrder(orderId, customerId, wanted, key, now);
		if (earlier.isPresent()) {
			UUID earlierId = earlier.get().placed().orderId();
			if (!earlier.get().customerId().equals(customerId) || !earlier.get().lines().equals(wanted)) {
				throw new PlacementKeyReused("Idempotency-Key '%s' already placed order %s, for other lines or another customer"
						.formatted(key == null ? "" : key.value(), earlierId));
			}
			log.info("Order {} was already placed with idempotency key {}; answering it instead of placing order {}",
					earlierId, key, orderId);
			return earlier.get().placed();
		}

		List<SagaStep> steps = definition.steps()
				.stream()
				.map(step -> new SagaStep(definition.steps().indexOf(step), step.name()))
				.toList();
		var saga = new Saga(UUID.randomUUID(), orderId, customerId, steps, SagaState.RUNNING);
		store.insert(saga, now);

		try (var ids = withIds(saga)) {
			log.info("Order {} placed by customer {}; saga {} starts", orderId, customerId, saga.id);
			startStep(saga, definition.steps().getFirst(), now);
			store.save(saga, now);
		}
		return new PlacedOrder(orderId, saga.id, OrderStatus.PENDING);
	}

	/**
	 * Moves the order's saga on with a participant's reply, or ignores the reply (logging why) when the
	 * saga no longer waits for it: late after a resend, duplicated, or about an order it does not know.
	 */
	@Transactional("ordersTransactions")
	public void onReply(String orderId, Object reply, IncomingMessage message, Instant now) {

		String type = reply.getClass().getSimpleName();
		ReplyMeaning meaning = definition.meaningOf(reply.getClass())
				.orElseThrow(() -> new IllegalArgumentException("Saga " + definition.name() + " has no reply " + type));

		var saga = parse(orderId).flatMap(store::lockByOrder);
		if (saga.isEmpty()) {
			log.warn("Ignoring {} (message {}) about order {}: no saga runs for it", type, message.messageId(),
					orderId);
			return;
		}

		try (var ids = withIds(saga.get())) {
			if (handle(saga.get(), meaning, reply, message, now)) {
				store.save(saga.get(), now);
			}
		}
	}

	/**
	 * Acts on the saga whose wait has been over longest, if any: resends a command whose reply is late,
	 * fails a step that had all its attempts, or retries a failed compensation. Several instances may sweep
	 * at once: each claims a different saga.
	 *
	 * @return whether a saga was due
	 */
	@Transactional("ordersTransactions")
	public boolean sweepOne(Instant now) {

		var due = store.claimDue(now);
		if (due.isEmpty()) {
			return false;
		}

		Saga saga = due.get();
		try (var ids = withIds(saga)) {
			handleDue(saga, now);
			store.save(saga, now);
		}
		catch (RuntimeException failure) {
			throw new SagaStuck(saga.id, saga.orderId, failure);
		}
		return true;
	}

	/** Moves a saga that could not be swept to the back of the queue, so it does not block the others. */
	@Transactional("ordersTransactions")
	public void postpone(UUID sagaId, Instant until) {
		store.postpone(sagaId, until);
	}

	/** Acting on a due saga failed; its transaction was rolled back. */
	static final class SagaStuck extends RuntimeException {

		final UUID sagaId;

		final UUID orderId;

		SagaStuck(UUID sagaId, UUID orderId, RuntimeException cause) {
			super("Saga " + sagaId + " of order " + orderId + " could not be moved on", cause);
			this.sagaId = sagaId;
			this.orderId = orderId;
		}
	}

	/** Returns whether the saga changed; it does not when it waits for something else. */
	private boolean handle(Saga saga, ReplyMeaning meaning, Object reply, IncomingMessage message, Instant now) {

		String type = reply.getClass().getSimpleName();
		Step step = meaning.step();
		boolean awaited = saga.awaiting == meaning.phase()
				&& (step == null || step.name().equals(saga.currentStep));
		if (!awaited) {
			log.info("Ignoring late or duplicate {} (message {}) for order {}, saga {}: it waits for {} of {}", type,
					message.messageId(), saga.orderId, saga.id, saga.awaiting, saga.currentStep);
			return false;
		}

		switch (meaning.phase()) {
			case ACTION -> {
				if (meaning.success()) {
					stepSucceeded(saga, step, reply, now);
				}
				else {
					stepFailed(saga, step, OrderPlacementSaga.reasonOf(reply), false, now);
				}
			}
			case COMPENSATION -> {
				if (meaning.success()) {
					compensated(saga, step, now);
				}
				else {
					compensationFailed(saga, step, OrderPlacementSaga.reasonOf(reply), now);
				}
			}
			case COMPLETION -> completed(saga, now);
		}
		return true;
	}

	private void handleDue(Saga saga, Instant now) {

		if (saga.awaiting == null) {
			throw new IllegalStateException(
					"Saga " + saga.id + " of order " + saga.orderId + " is due but waits for nothing");
		}

		switch (saga.awaiting) {
			case ACTION -> {
				SagaStep step = saga.current();
				Step definitionOfStep = definition.step(step.name);
				if (step.attempts < properties.maxAttempts()) {
					step.attempts++;
					step.lastError = "No reply within " + properties.stepTimeout();
					log.warn("Order {}, saga {}: no reply to {} within {}; sending it again (attempt {})", saga.orderId,
							saga.id, step.name, properties.stepTimeout(), step.attempts);
					send(saga, definitionOfStep.channel(), definitionOfStep.command().apply(data(saga)));
					saga.dueAt = now.plus(properties.stepTimeout());
				}
				else {
					// The participant may have acted without its reply reaching us, so this step is undone too.
					stepFailed(saga, definitionOfStep, "No reply after " + step.attempts + " attempts", true, now);
				}
			}
			case COMPENSATION -> {
				SagaStep step = saga.current();
				if (step.compensationAttempts >= properties.maxCompensationAttempts()) {
					if (step.compensationLastError == null) {
						step.compensationLastError = "No reply within " + properties.stepTimeout();
					}
					giveUpCompensation(saga, step, now);
				}
				else {
					step.compensationAttempts++;
					log.warn("Order {}, saga {}: undoing {} again (attempt {}) after: {}", saga.orderId, saga.id,
							step.name, step.compensationAttempts, step.compensationLastError);
					sendCompensation(saga, step, now);
				}
			}
			case COMPLETION -> {
				saga.completionAttempts++;
				log.warn("Order {}, saga {}: no reply to the completion within {}; sending it again (attempt {})",
						saga.orderId, saga.id, properties.stepTimeout(), saga.completionAttempts);
				send(saga, definition.completion().channel(), definition.completion().command().apply(data(saga)));
				saga.dueAt = now.plus(properties.stepTimeout());
			}
		}
	}

	private void startStep(Saga saga, Step definitionOfStep, Instant now) {

		SagaStep step = saga.step(definitionOfStep.name());
		step.status = StepStatus.RUNNING;
		step.attempts = 1;
		step.startedAt = now;

		send(saga, definitionOfStep.channel(), definitionOfStep.command().apply(data(saga)));
		saga.await(Phase.ACTION, step.name, now.plus(properties.stepTimeout()));
	}

	private void stepSucceeded(Saga saga, Step definitionOfStep, Object reply, Instant now) {

		SagaStep step = saga.step(definitionOfStep.name());
		step.status = StepStatus.SUCCEEDED;
		step.finishedAt = now;
		remember(saga, reply, now);
		log.info("Order {}, saga {}: {} succeeded", saga.orderId, saga.id, step.name);

		int next = definition.steps().indexOf(definitionOfStep) + 1;
		if (next < definition.steps().size()) {
			startStep(saga, definition.steps().get(next), now);
			return;
		}

		saga.completionAttempts = 1;
		send(saga, definition.completion().channel(), definition.completion().command().apply(data(saga)));
		saga.await(Phase.COMPLETION, null, now.plus(properties.stepTimeout()));
	}

	private void remember(Saga saga, Object reply, Instant now) {

		switch (reply) {
			case InventoryReserved reserved -> {
				saga.totalCents = reserved.totalCents();
				store.priceOrder(saga.orderId, reserved.totalCents(), now);
				reserved.lines().forEach(line -> store.priceLine(saga.orderId, line.sku(), line.unitPriceCents()));
			}
			case PaymentCharged charged -> saga.chargeId = charged.chargeId();
			case ShipmentScheduled scheduled -> saga.shipmentId = scheduled.shipmentId();
			default -> {
				// Other replies carry nothing a later step needs.
			}
		}
	}

	private void stepFailed(Saga saga, Step definitionOfStep, String reason, boolean inDoubt, Instant now) {

		SagaStep failed = saga.step(definitionOfStep.name());
		failed.status = StepStatus.FAILED;
		failed.lastError = reason;
		failed.finishedAt = now;
		saga.failure = failed.name + " failed: " + reason;
		saga.state = SagaState.COMPENSATING;
		log.info("Order {}, saga {}: {}; compensating", saga.orderId, saga.id, saga.failure);

		for (SagaStep step : saga.steps) {
			boolean undoable = definition.step(step.name).compensation() != null;
			if (step.position > failed.position) {
				step.status = StepStatus.SKIPPED;
			}
			else if (undoable && (step.status == StepStatus.SUCCEEDED || (step == failed && inDoubt))) {
				step.compensationStatus = CompensationStatus.PENDING;
			}
		}

		compensateNext(saga, now);
	}

	private void compensateNext(Saga saga, Instant now) {

		SagaStep next = saga.steps.reversed()
				.stream()
				.filter(step -> step.compensationStatus == CompensationStatus.PENDING)
				.findFirst()
				.orElse(null);

		if (next == null) {
			saga.end(SagaState.COMPENSATED);
			store.settleOrder(saga.orderId, OrderStatus.REJECTED, saga.totalCents, saga.failure, now);
			log.info("Order {} rejected, saga {} compensated: {}", saga.orderId, saga.id, saga.failure);
			return;
		}

		next.status = StepStatus.COMPENSATING;
		next.compensationStatus = CompensationStatus.RUNNING;
		next.compensationAttempts = 1;
		sendCompensation(saga, next, now);
	}

	private void sendCompensation(Saga saga, SagaStep step, Instant now) {

		var compensation = definition.step(step.name).compensation();
		if (compensation == null) {
			throw new IllegalStateException("Step " + step.name + " of saga " + saga.id + " cannot be undone");
		}

		send(saga, definition.step(step.name).channel(), compensation.command().apply(data(saga)));
		saga.await(Phase.COMPENSATION, step.name, now.plus(properties.stepTimeout()));
	}

	private void compensated(Saga saga, Step definitionOfStep, Instant now) {

		SagaStep step = saga.step(definitionOfStep.name());
		step.status = StepStatus.COMPENSATED;
		step.compensationStatus = CompensationStatus.SUCCEEDED;
		log.info("Order {}, saga {}: {} undone", saga.orderId, saga.id, step.name);

		compensateNext(saga, now);
	}

	private void compensationFailed(Saga saga, Step definitionOfStep, String reason, Instant now) {

		SagaStep step = saga.step(definitionOfStep.name());
		step.compensationLastError = reason;

		if (step.compensationAttempts >= properties.maxCompensationAttempts()) {
			giveUpCompensation(saga, step, now);
			return;
		}

		var wait = properties.backoffAfter(step.compensationAttempts);
		saga.dueAt = now.plus(wait);
		log.warn("Order {}, saga {}: undoing {} failed (attempt {}: {}); trying again in {}", saga.orderId, saga.id,
				step.name, step.compensationAttempts, reason, wait);
	}

	private void giveUpCompensation(Saga saga, SagaStep step, Instant now) {

		step.status = StepStatus.COMPENSATION_FAILED;
		step.compensationStatus = CompensationStatus.FAILED;
		log.error("Order {}, saga {}: undoing {} failed {} times (last: {}); an operator must settle it by hand",
				saga.orderId, saga.id, step.name, step.compensationAttempts, step.compensationLastError);

		compensateNext(saga, now);
	}

	private void completed(Saga saga, Instant now) {

		saga.end(SagaState.COMPLETED);
		store.settleOrder(saga.orderId, OrderStatus.COMPLETED, saga.totalCents, null, now);
		log.info("Order {} completed, saga {} done", saga.orderId, saga.id);
	}

	private void send(Saga saga, String channel, Object command) {

		UUID messageId = outbox.send(channel, saga.orderId.toString(), command, OrderPlacementSaga.REPLY_CHANNEL);
		log.debug("Order {}, saga {}: sent {} as message {} to {}", saga.orderId, saga.id,
				command.getClass().getSimpleName(), messageId, channel);
	}

	private SagaData data(Saga saga) {
		return new SagaData(saga.orderId, saga.customerId, store.lines(saga.orderId), saga.totalCents, saga.chargeId);
	}

	private static Optional<UUID> parse(String orderId) {
		try {
			return Optional.of(UUID.fromString(orderId));
		}
		catch (IllegalArgumentException notAnOrderId) {
			return Optional.empty();
		}
	}

	/** Puts the order and saga ids into the logging context of everything this thread logs meanwhile. */
	private static LoggingIds withIds(Saga saga) {

		MDC.put("orderId", saga.orderId.toString());
		MDC.put("sagaId", saga.id.toString());
		return () -> {
			MDC.remove("orderId");
			MDC.remove("sagaId");
		};
	}

	private interface LoggingIds extends AutoCloseable {

		@Override
		void close();
	}
}
