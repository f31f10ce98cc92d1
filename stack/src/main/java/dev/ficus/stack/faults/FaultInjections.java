package dev.ficus.stack.faults;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import dev.ficus.stack.process.ChildProcess;
import dev.ficus.stack.traffic.Api;

/**
 * How each kind of fault is injected and cleared. {@link #inject} runs while the driver places orders
 * and returns once the fault has cleared; its note says what was done, in numbers.
 *
 * @param window how long a fault with a duration lasts (SQS outage, provider timeouts, refused refunds)
 * @param kills how often the monolith is killed for {@link FaultKind#KILL_MONOLITH}
 * @param replayed how many delivered messages {@link FaultKind#REPLAY} sends again
 */
record FaultInjections(FaultStack stack, Api provider, Duration window, int kills, int replayed,
		Consumer<String> console) {

	/** The payments module's {@code resilience4j.retry.configs.payment-provider.max-attempts}. */
	static final int REFUND_ATTEMPTS = 3;

	/** Set up before the orders start, for faults that must be in place for the whole traffic. */
	@Nullable ChildProcess prepare(FaultKind kind) {

		if (kind != FaultKind.RELAYS_RACING) {
			return null;
		}
		console.accept("  starting a second monolith instance on the same database and queues");
		return stack.startSecondMonolith();
	}

	/** Undoes {@link #prepare} once every order is terminal. */
	void finish(@Nullable ChildProcess prepared) {
		stack.stop(prepared);
	}

	String inject(FaultKind kind) throws Exception {

		return switch (kind) {
			case SQS_OUTAGE -> sqsOutage();
			case DATABASE_FREEZE_AND_CUT -> databaseFreezeAndCut();
			case KILL_MONOLITH -> killMonolith();
			case REPLAY -> replay();
			case PROVIDER_TIMEOUT -> providerTimeouts();
			case COMPENSATION_FAILS -> refusedRefunds();
			case RELAYS_RACING -> "second instance ran through the whole traffic";
		};
	}

	/** The proxy stops listening and drops its connections: the monolith's SQS calls are refused. */
	private String sqsOutage() {

		pause(Duration.ofSeconds(2));
		console.accept("  SQS unreachable for %d s".formatted(window.toSeconds()));
		stack.sqsProxy().close();
		pause(window);
		stack.sqsProxy().open();
		console.accept("  SQS reachable again");
		return "SQS refused for %d s".formatted(window.toSeconds());
	}

	/**
	 * First every database connection hangs (bytes held, nothing answers), then every connection is cut
	 * and new ones are refused for a while: the two ways a database goes away.
	 */
	private String databaseFreezeAndCut() {

		Duration frozen = window.dividedBy(2);
		Duration cut = window.dividedBy(3);
		pause(Duration.ofSeconds(2));
		console.accept("  database connections frozen for %d s".formatted(frozen.toSeconds()));
		stack.postgresProxy().freeze();
		pause(frozen);
		stack.postgresProxy().unfreeze();
		pause(Duration.ofSeconds(3));
		console.accept("  database connections cut, new ones refused for %d s".formatted(cut.toSeconds()));
		stack.postgresProxy().close();
		pause(cut);
		stack.postgresProxy().open();
		console.accept("  database reachable again");
		return "frozen %d s, cut and refused %d s".formatted(frozen.toSeconds(), cut.toSeconds());
	}

	private String killMonolith() {

		long restartMillis = 0;
		for (int kill = 1; kill <= kills; kill++) {
			pause(Duration.ofSeconds(3));
			stack.killMonolith();
			Instant killed = Instant.now();
			stack.restartMonolith();
			restartMillis += Duration.between(killed, Instant.now()).toMillis();
		}
		return "%d kills, back after %.0f s on average".formatted(kills, restartMillis / 1000.0 / kills);
	}

	private String replay() throws SQLException {

		pause(Duration.ofSeconds(3));
		try (Connection database = stack.database()) {
			String done = MessageReplay.replay(database, stack.sqsEndpoint(), replayed);
			console.accept("  replay: " + done);
			return done;
		}
	}

	/** The provider does the work and holds the answer back longer than the payments module waits. */
	private String providerTimeouts() {

		pause(Duration.ofSeconds(2));
		setProvider(Map.of("timeoutRate", 0.5, "timeoutMillis", 5_000));
		console.accept("  provider times out half its answers for %d s".formatted(window.toSeconds()));
		pause(window);
		setProvider(Map.of("timeoutRate", 0.0));
		return "50% of provider answers held back 5 s, for " + window.toSeconds() + " s";
	}

	/**
	 * The provider refuses the next refunds, as many in a row as the payments module tries a call
	 * ({@link #REFUND_ATTEMPTS}), so that one compensation fails as a whole and the saga retries it after
	 * its backoff; charges are not affected. Armed again each time it was used up, until the window ends.
	 */
	private String refusedRefunds() {

		pause(Duration.ofSeconds(2));
		console.accept("  provider refuses refunds, %d attempts at a time, for %d s".formatted(REFUND_ATTEMPTS,
				window.toSeconds()));
		// Refunds come only after a shipment is refused, late in a saga: stay armed past the window until
		// one was refused, for a minute more at most.
		Instant end = Instant.now().plus(window);
		Instant giveUp = end.plusSeconds(60);
		int refused = 0;
		setProvider(Map.of("failNextRefunds", REFUND_ATTEMPTS));
		while (Instant.now().isBefore(end) || (refused == 0 && Instant.now().isBefore(giveUp))) {
			pause(Duration.ofMillis(250));
			if (provider.get("/admin/faults").body().path("failNextRefunds").asInt(-1) == 0) {
				refused++;
				setProvider(Map.of("failNextRefunds", REFUND_ATTEMPTS));
			}
		}
		setProvider(Map.of("failNextRefunds", 0));
		return "%d compensations refused (%d refund attempts each)".formatted(refused, REFUND_ATTEMPTS);
	}

	/** Refunds of these orders the payments module had to ask for more than once. */
	int refundsRetried(Collection<String> orderIds) throws SQLException {

		try (Connection database = stack.database();
				var statement = database.prepareStatement(
						"SELECT count(*) FROM payments.refund WHERE attempts > 1 AND order_id = ANY (?)")) {
			statement.setArray(1, database.createArrayOf("text", orderIds.toArray()));
			try (var rows = statement.executeQuery()) {
				rows.next();
				return rows.getInt(1);
			}
		}
	}

	private void setProvider(Map<String, Object> faults) {

		Api.Response answer = provider.put("/admin/faults", faults);
		if (!answer.isSuccess()) {
			throw new IllegalStateException("The provider simulator refused " + faults + ": " + answer.describe());
		}
	}

	static void pause(Duration duration) {

		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while injecting a fault", ex);
		}
	}
}
