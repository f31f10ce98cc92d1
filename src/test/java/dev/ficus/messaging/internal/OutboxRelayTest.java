package dev.ficus.messaging.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.netcrusher.tcp.TcpCrusher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import dev.ficus.messaging.Outbox;
import dev.ficus.notifications.ProbeHandler;
import dev.ficus.notifications.ProbeHandler.Probe;
import software.amazon.awssdk.services.sqs.SqsClient;

@MessagingTest
@Import(OutboxFixture.class)
class OutboxRelayTest {

	private static final Logger log = LoggerFactory.getLogger(OutboxRelayTest.class);

	@Autowired
	OutboxFixture fixture;

	@Autowired
	Outbox outbox;

	@Autowired
	ProbeHandler probes;

	@Autowired
	OutboxRelay relay;

	@Autowired
	OutboxRows rows;

	@Autowired
	SqsClient sqs;

	@Autowired
	Queues queues;

	@Autowired
	TcpCrusher sqsProxy;

	@Test
	void deliversEachRowThroughExactlyOneOfTwoRelaysStartedTogether() throws Exception {

		relay.stop();
		try {
			List<UUID> pending = sendToDistinctAggregates(100, ProbeHandler.CHANNEL);
			OutboxRelay first = testRelay("relay-a", Duration.ofSeconds(30));
			OutboxRelay second = testRelay("relay-b", Duration.ofSeconds(30));

			CyclicBarrier together = new CyclicBarrier(2);
			Set<UUID> claimedByFirst;
			Set<UUID> claimedBySecond;
			try (var threads = Executors.newFixedThreadPool(2)) {
				Future<Set<UUID>> a = threads.submit(() -> relayUntilIdle(first, together));
				Future<Set<UUID>> b = threads.submit(() -> relayUntilIdle(second, together));
				claimedByFirst = a.get();
				claimedBySecond = b.get();
			}

			assertThat(claimedByFirst).doesNotContainAnyElementsOf(claimedBySecond);
			Set<UUID> claimed = new HashSet<>(claimedByFirst);
			claimed.addAll(claimedBySecond);
			assertThat(claimed).containsAll(pending);
			assertThat(fixture.unsent(pending)).isZero();
			awaitHandledOnce(pending);
		}
		finally {
			relay.start();
		}
	}

	@Test
	void givesTheRowsOfARelayThatDiedToAnotherAfterTheLease() {

		relay.stop();
		try {
			List<UUID> pending = sendToDistinctAggregates(20, ProbeHandler.CHANNEL);

			// The relay that dies: it claims the rows and never sends or releases them.
			List<OutboxRow> held = rows.claim("relay-that-dies", 50, Duration.ofSeconds(2));
			assertThat(held).extracting(OutboxRow::messageId).containsAll(pending);

			OutboxRelay survivor = testRelay("survivor", Duration.ofSeconds(30));
			assertThat(survivor.relayOnce()).extracting(OutboxRow::messageId).doesNotContainAnyElementsOf(pending);

			await().atMost(Duration.ofSeconds(20)).until(() -> {
				survivor.relayOnce();
				return fixture.unsent(pending) == 0;
			});
			awaitHandledOnce(pending);
		}
		finally {
			relay.start();
		}
	}

	@Test
	void neverMarksSentAnEntryThatSqsRejectedInItsBatch() {

		List<UUID> good = new ArrayList<>();
		List<UUID> rejected = fixture.notifications().execute(status -> {
			for (int i = 0; i < 3; i++) {
				good.add(outbox.send(ProbeHandler.CHANNEL, "order-" + UUID.randomUUID(), Probe.number(i)));
			}
			return List.of(
					// SQS accepts only XML characters in a body; U+FFFF is not one.
					outbox.send(ProbeHandler.CHANNEL, "order-" + UUID.randomUUID(), new Probe(9, false, "\uFFFF")),
					// A message group id has at most 128 characters.
					outbox.send(ProbeHandler.CHANNEL, "order-" + "x".repeat(200), Probe.number(9)));
		});

		try {
			await().atMost(Duration.ofSeconds(20)).until(() -> rejected.stream()
					.allMatch(id -> fixture.row(id).map(row -> (Integer) row.get("attempts") >= 2).orElse(false)));

			assertThat(fixture.unsent(good)).isZero();
			rejected.forEach(id -> assertThat(fixture.row(id)).hasValueSatisfying(row -> {
				log.info("Rejected outbox row {} stays pending after {} attempts: {}", id, row.get("attempts"),
						row.get("last_error"));
				assertThat(row.get("sent_at")).isNull();
				assertThat(row.get("last_error")).isNotNull();
			}));
			awaitHandledOnce(good);
			rejected.forEach(id -> assertThat(probes.callsOf(id)).isZero());
		}
		finally {
			fixture.delete(rejected);
		}
	}

	@Test
	void keepsTheMessagesOfAChannelWithoutQueuePendingWithTheError() {

		UUID stranded = fixture.send("channel-without-queue", "order-" + UUID.randomUUID(), Probe.number(1));

		try {
			await().atMost(Duration.ofSeconds(20)).until(() -> fixture.row(stranded)
					.map(row -> (Integer) row.get("attempts") >= 2)
					.orElse(false));

			assertThat(fixture.row(stranded)).hasValueSatisfying(row -> {
				assertThat(row.get("sent_at")).isNull();
				assertThat(row.get("last_error")).asString().contains("QueueDoesNotExist");
			});
		}
		finally {
			fixture.delete(List.of(stranded));
		}
	}

	@Test
	void deliversEveryMessageExactlyOnceDownstreamAfterAnSqsOutage() {

		List<UUID> sent = new ArrayList<>();
		sqsProxy.close();
		try {
			for (int i = 0; i < 200; i++) {
				sent.add(fixture.send(ProbeHandler.CHANNEL, "order-outage-" + (i % 20) + "-" + UUID.randomUUID(),
						Probe.number(i)));
			}
			await().atMost(Duration.ofSeconds(20)).until(() -> fixture.row(sent.getFirst())
					.map(row -> row.get("last_error") != null)
					.orElse(false));
			assertThat(fixture.unsent(sent)).isEqualTo(200);
		}
		finally {
			sqsProxy.open();
		}

		await().atMost(Duration.ofSeconds(60)).until(() -> fixture.inbox(sent).size() == sent.size());
		assertThat(fixture.unsent(sent)).isZero();
		sent.forEach(id -> assertThat(probes.callsOf(id)).as("handler calls of %s", id).isEqualTo(1));
	}

	@Test
	void purgesOnlySentRowsOlderThanTheRetention() {

		UUID sentLongAgo = fixture.send("channel-without-queue", "order-" + UUID.randomUUID(), Probe.number(1));
		UUID sentJustNow = fixture.send("channel-without-queue", "order-" + UUID.randomUUID(), Probe.number(1));
		UUID unsentLongAgo = fixture.send("channel-without-queue", "order-" + UUID.randomUUID(), Probe.number(1));
		List<UUID> all = List.of(sentLongAgo, sentJustNow, unsentLongAgo);
		try {
			fixture.age(sentLongAgo, Duration.ofDays(8), true);
			fixture.age(sentJustNow, Duration.ZERO, true);
			fixture.age(unsentLongAgo, Duration.ofDays(8), false);

			rows.purgeSentBefore(Duration.ofDays(7));

			assertThat(fixture.row(sentLongAgo)).isEmpty();
			assertThat(fixture.row(sentJustNow)).isPresent();
			assertThat(fixture.row(unsentLongAgo)).isPresent();
		}
		finally {
			fixture.delete(all);
		}
	}

	@Test
	void drainsABacklogOfTwoThousandMessagesOnceItRunsAgain() {

		String channel = "backlog-probe";
		queues.create(channel);
		relay.stop();
		List<UUID> sent;
		try {
			sent = sendToDistinctAggregates(2000, channel);
			assertThat(fixture.unsent(sent)).isEqualTo(2000);
		}
		finally {
			relay.start();
		}

		// Speed is the benchmarks' business (docs/benchmarks.md), not a test's: this only bounds the wait.
		await().atMost(Duration.ofSeconds(120)).until(() -> fixture.unsent(sent) == 0);
	}

	private List<UUID> sendToDistinctAggregates(int count, String channel) {

		return fixture.notifications().execute(status -> {
			List<UUID> ids = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				ids.add(outbox.send(channel, "order-" + UUID.randomUUID(), Probe.number(i)));
			}
			return ids;
		});
	}

	private OutboxRelay testRelay(String owner, Duration lease) {

		var settings = new MessagingProperties.Relay(true, 50, lease, Duration.ofMillis(200), Duration.ofMillis(100),
				Duration.ofSeconds(1), Duration.ofDays(7));
		return new OutboxRelay(rows, sqs, queues, settings, new RelayWakeUp(), owner);
	}

	private static Set<UUID> relayUntilIdle(OutboxRelay relay, CyclicBarrier together) throws Exception {

		together.await();
		Set<UUID> claimed = new HashSet<>();
		List<OutboxRow> round;
		do {
			round = relay.relayOnce();
			round.forEach(row -> claimed.add(row.messageId()));
		}
		while (!round.isEmpty());
		return claimed;
	}

	private void awaitHandledOnce(List<UUID> messageIds) {

		await().atMost(Duration.ofSeconds(30)).until(() -> fixture.inbox(messageIds).size() == messageIds.size());
		messageIds.forEach(id -> assertThat(probes.callsOf(id)).as("handler calls of %s", id).isEqualTo(1));
	}
}
