package dev.ficus.stack.faults;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The faults the suite injects, one kind per row of its table.
 *
 * <p>{@code edgeMayFail} says whether the monolith itself is unreachable or stuck during the fault, so
 * that orders sent meanwhile may get no answer (the driver sends them again with the same idempotency
 * key). For the other kinds the monolith must keep answering: any 5xx or lost connection is unexpected.
 */
enum FaultKind {

	SQS_OUTAGE("sqs-outage", "SQS unreachable for a window while orders keep committing", false),
	DATABASE_FREEZE_AND_CUT("db-freeze-cut", "database connections frozen, then cut and refused", true),
	KILL_MONOLITH("kill-9", "kill -9 of the monolith mid-saga, several times, restarted on the same data", true),
	REPLAY("replay", "thousands of already-delivered messages sent again with the same message ids", false),
	PROVIDER_TIMEOUT("provider-timeout", "the payment provider holds answers back past the client timeout",
			false),
	COMPENSATION_FAILS("compensation-fails", "the provider refuses a refund, so a compensation fails once and is "
			+ "retried", false),
	RELAYS_RACING("relays-racing", "a second monolith instance: two outbox relays and consumers race", false);

	/** The short profile CI runs: a crash, a broker outage and a replay. */
	static final List<FaultKind> SHORT_PROFILE = List.of(KILL_MONOLITH, SQS_OUTAGE, REPLAY);

	private final String id;

	private final String description;

	private final boolean edgeMayFail;

	FaultKind(String id, String description, boolean edgeMayFail) {
		this.id = id;
		this.description = description;
		this.edgeMayFail = edgeMayFail;
	}

	String id() {
		return id;
	}

	String description() {
		return description;
	}

	boolean edgeMayFail() {
		return edgeMayFail;
	}

	/** Parses {@code kill-9,replay}; an unknown id fails with the list of known ones. */
	static List<FaultKind> parse(String ids) {

		return Arrays.stream(ids.split(","))
				.map(String::strip)
				.filter(id -> !id.isEmpty())
				.map(id -> Arrays.stream(values())
						.filter(kind -> kind.id.equals(id.toLowerCase(Locale.ROOT)))
						.findFirst()
						.orElseThrow(() -> new IllegalArgumentException("Unknown fault kind '" + id + "'; known: "
								+ Arrays.stream(values()).map(FaultKind::id).toList())))
				.toList();
	}
}
