package dev.ficus.messaging.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import dev.ficus.messaging.Outbox;
import dev.ficus.notifications.ProbeHandler;
import dev.ficus.notifications.ProbeHandler.Probe;
import io.micrometer.tracing.Tracer;

@MessagingTest
@Import(OutboxFixture.class)
class OutboxTest {

	@Autowired
	OutboxFixture fixture;

	@Autowired
	Outbox outbox;

	@Autowired
	ProbeHandler probes;

	@Autowired
	Tracer tracer;

	@Test
	void writesTheRowOnlyWhenTheSendingTransactionCommits() {

		String aggregate = "order-" + UUID.randomUUID();

		UUID committed = fixture.send(ProbeHandler.CHANNEL, aggregate, Probe.number(1));
		UUID rolledBack = fixture.notifications().execute(status -> {
			UUID id = outbox.send(ProbeHandler.CHANNEL, aggregate, Probe.number(2), "orders-replies");
			status.setRollbackOnly();
			return id;
		});

		assertThat(fixture.row(rolledBack)).isEmpty();
		assertThat(fixture.row(committed)).hasValueSatisfying(row -> {
			assertThat(row).containsEntry("channel", ProbeHandler.CHANNEL)
					.containsEntry("aggregate_id", aggregate)
					.containsEntry("type", "Probe");
			assertThat(row.get("payload")).asString().contains("\"sequence\": 1");
			assertThat(row.get("created_at")).isNotNull();
		});
	}

	@Test
	void refusesToSendOutsideATransaction() {

		assertThatIllegalStateException()
				.isThrownBy(() -> outbox.send(ProbeHandler.CHANNEL, "order-1", Probe.number(1)))
				.withMessageContaining("transaction");
	}

	@Test
	void deliversToTheHandlerWithinMillisecondsOfTheCommit() {

		UUID messageId = fixture.send(ProbeHandler.CHANNEL, "order-" + UUID.randomUUID(), Probe.number(1));

		await().atMost(Duration.ofSeconds(10)).until(() -> probes.callsOf(messageId) == 1);
		assertThat(fixture.inbox(List.of(messageId))).containsExactly(messageId);
		assertThat(fixture.row(messageId)).hasValueSatisfying(row -> assertThat(row.get("sent_at")).isNotNull());
	}

	@Test
	void carriesTheSendersTraceToTheHandler() {

		var span = tracer.nextSpan().name("place order").start();
		UUID messageId;
		try (var scope = tracer.withSpan(span)) {
			messageId = fixture.send(ProbeHandler.CHANNEL, "order-" + UUID.randomUUID(), Probe.number(1));
		}
		finally {
			span.end();
		}

		assertThat(fixture.row(messageId)).hasValueSatisfying(row -> assertThat(row.get("traceparent"))
				.asString()
				.contains(span.context().traceId()));
		await().atMost(Duration.ofSeconds(10)).until(() -> probes.callsOf(messageId) == 1);
		assertThat(probes.calls()).filteredOn(call -> call.messageId().equals(messageId))
				.singleElement()
				.satisfies(call -> assertThat(call.traceId()).isEqualTo(span.context().traceId()));
	}

	@Test
	void deliversTheMessagesOfEachAggregateInOrderWhenAggregatesInterleave() {

		List<String> aggregates = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			aggregates.add("order-" + UUID.randomUUID());
		}
		List<UUID> sent = new ArrayList<>();
		for (int sequence = 0; sequence < 20; sequence++) {
			for (String aggregate : aggregates) {
				sent.add(fixture.send(ProbeHandler.CHANNEL, aggregate, Probe.number(sequence)));
			}
		}

		await().atMost(Duration.ofSeconds(30)).until(() -> fixture.inbox(sent).size() == sent.size());
		List<Integer> inOrder = java.util.stream.IntStream.range(0, 20).boxed().toList();
		aggregates.forEach(aggregate -> assertThat(probes.sequencesOf(aggregate)).isEqualTo(inOrder));
	}
}
