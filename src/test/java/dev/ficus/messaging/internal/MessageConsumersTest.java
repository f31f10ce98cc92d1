package dev.ficus.messaging.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.mock.env.MockEnvironment;

import dev.ficus.notifications.ProbeHandler;
import dev.ficus.notifications.ProbeHandler.Probe;
import dev.ficus.shipping.SlowHandler;
import dev.ficus.shipping.SlowHandler.Stall;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

@MessagingTest
@Import(OutboxFixture.class)
class MessageConsumersTest {

	@Autowired
	OutboxFixture fixture;

	@Autowired
	ProbeHandler probes;

	@Autowired
	SqsClient sqs;

	@Autowired
	Queues queues;

	@Autowired
	ChannelConsumers consumers;

	@Autowired
	SlowHandler slow;

	@Autowired
	MessageHandlers handlers;

	@Autowired
	MessageDelivery delivery;

	@Autowired
	MessagingProperties settings;

	@Test
	void consumesOnlyTheChannelsThatHaveAHandlerHere() {
		// The business modules' handlers live here too (orders-replies, inventory-commands, ...).
		assertThat(consumers.consumedChannels())
				.containsExactlyInAnyOrderElementsOf(handlers.channels())
				.contains(ProbeHandler.CHANNEL, SlowHandler.CHANNEL);
	}

	@Test
	void keepsDeliveringOnOneChannelWhileAnotherChannelsHandlersAreStuck() throws InterruptedException {

		slow.hold();
		try {
			// One stall per poller of the slow channel, in different groups so both pollers get one.
			for (int i = 0; i < settings.consumer().pollers(); i++) {
				fixture.send(SlowHandler.CHANNEL, "shipment-" + UUID.randomUUID(), new Stall(i));
			}
			assertThat(slow.awaitHeld()).isTrue();

			UUID probe = fixture.send(ProbeHandler.CHANNEL, "order-" + UUID.randomUUID(), Probe.number(1));

			await().atMost(Duration.ofSeconds(20)).until(() -> probes.callsOf(probe) == 1);
		}
		finally {
			slow.release();
		}
	}

	@Test
	void leavesAChannelAloneWhenItsConsumeSwitchIsOff() {

		var switchedOff = new MockEnvironment()
				.withProperty("ficus.messaging.channels.probe-commands.consume", "false");

		var consumersOfAnExtractedChannel = new ChannelConsumers(sqs, queues, handlers, delivery, settings,
				switchedOff);

		assertThat(consumersOfAnExtractedChannel.consumedChannels()).doesNotContain(ProbeHandler.CHANNEL);
	}

	@Test
	void callsTheHandlerOnceWhenTheSameMessageArrivesTwice() {

		String aggregate = "order-" + UUID.randomUUID();
		UUID duplicated = UUID.randomUUID();
		UUID next = UUID.randomUUID();

		// Two copies of one message (as a relay that died before marking it sent would produce), then another.
		sendRaw(duplicated, aggregate, Probe.number(1), "copy-1");
		sendRaw(duplicated, aggregate, Probe.number(1), "copy-2");
		sendRaw(next, aggregate, Probe.number(2), "next");

		// Waits for the inbox rows, not the handler calls: a call is counted inside its transaction, which
		// may not have committed yet when the count moves.
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(fixture.inbox(List.of(duplicated, next)))
				.containsExactlyInAnyOrder(duplicated, next));
		assertThat(probes.callsOf(next)).isEqualTo(1);
		assertThat(probes.callsOf(duplicated)).isEqualTo(1);
		assertThat(probes.sequencesOf(aggregate)).containsExactly(1, 2);
	}

	@Test
	void redeliversAMessageWhoseHandlerFailsUntilItLandsInTheDeadLetterQueue() {

		UUID failing = fixture.send(ProbeHandler.CHANNEL, "order-" + UUID.randomUUID(), new Probe(1, true, ""));

		String deadLetters = queues.deadLetterUrl(ProbeHandler.CHANNEL);
		Message dead = await().atMost(Duration.ofSeconds(40))
				.until(() -> sqs.receiveMessage(request -> request.queueUrl(deadLetters)
						.messageAttributeNames("All")
						.maxNumberOfMessages(10))
						.messages()
						.stream()
						.filter(message -> failing.toString()
								.equals(MessageDelivery.attribute(message, MessageAttributes.MESSAGE_ID)))
						.findFirst()
						.orElse(null), message -> message != null);

		assertThat(dead.body()).contains("\"fail\"");
		assertThat(probes.callsOf(failing)).isEqualTo(3);
		assertThat(fixture.inbox(List.of(failing))).isEmpty();
	}

	private void sendRaw(UUID messageId, String aggregate, Probe probe, String deduplicationId) {

		sqs.sendMessage(request -> request.queueUrl(queues.url(ProbeHandler.CHANNEL))
				.messageBody("{\"sequence\":%d,\"fail\":false,\"note\":\"\"}".formatted(probe.sequence()))
				.messageGroupId(aggregate)
				.messageDeduplicationId(deduplicationId + "-" + messageId)
				.messageAttributes(Map.of(
						MessageAttributes.MESSAGE_ID, MessageAttributes.text(messageId.toString()),
						MessageAttributes.TYPE, MessageAttributes.text("Probe"),
						MessageAttributes.AGGREGATE_ID, MessageAttributes.text(aggregate),
						MessageAttributes.CREATED_AT, MessageAttributes.text(Instant.now().toString()))));
	}
}
