package dev.ficus.stack.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.ficus.stack.check.CheckResult;

/**
 * One row of the fault suite's table: what one kind of fault did to the orders placed while it ran.
 *
 * @param accepted orders the platform accepted (202)
 * @param lost accepted orders not COMPLETED, or REJECTED with their saga COMPENSATED, by the end
 * @param duplicated effects made twice: orders charged twice, charges refunded twice (provider ledger)
 * @param unexpected failed invariant checks (stock, money, retries), plus requests left without an
 *     answer for a fault that must not take the monolith down
 * @param unanswered attempts of {@code POST /orders} without an answer or with a 5xx (sent again)
 * @param settledAfterClear from the fault clearing (or the traffic stopping, if later) until every
 *     accepted order was terminal; {@code null} when some never were
 * @param bound how long that may take
 * @param note what was injected, in numbers
 * @param rejectedByReason the rejected orders by the platform's reason (their sagas compensated)
 * @param checks the stack's invariant checks for this row's orders
 */
record FaultRow(String fault, String description, int accepted, int completed, int rejected, int lost,
		int duplicated, int unexpected, int unanswered, @Nullable Duration settledAfterClear, Duration bound,
		String note, Map<String, Integer> rejectedByReason, List<CheckResult> checks) {

	boolean passed() {
		return accepted > 0 && lost == 0 && duplicated == 0 && unexpected == 0 && settledAfterClear != null
				&& settledAfterClear.compareTo(bound) <= 0;
	}

	/** Why the row failed, in one line; empty when it passed. */
	String failures() {

		var reasons = new ArrayList<String>();
		if (accepted == 0) {
			reasons.add("no order accepted");
		}
		if (lost > 0) {
			reasons.add(lost + " lost");
		}
		if (duplicated > 0) {
			reasons.add(duplicated + " duplicated effects");
		}
		if (unexpected > 0) {
			reasons.add(unexpected + " unexpected");
		}
		if (settledAfterClear == null || settledAfterClear.compareTo(bound) > 0) {
			reasons.add("not all terminal within " + bound.toSeconds() + " s");
		}
		checks.stream().filter(CheckResult::failed).forEach(check -> reasons.add(check.name() + ": "
				+ check.detail()));
		return String.join("; ", reasons);
	}

	static String header() {
		return "%-19s %8s %9s %8s %5s %10s %10s %10s %12s  %-6s %s".formatted("fault", "accepted", "completed",
				"rejected", "lost", "duplicated", "unexpected", "unanswered", "settled/bound", "result", "injected");
	}

	String render() {

		String settled = (settledAfterClear == null ? "never" : "%.1f s".formatted(settledAfterClear.toMillis()
				/ 1000.0)) + "/" + bound.toSeconds() + " s";
		return "%-19s %8d %9d %8d %5d %10d %10d %10d %13s  %-6s %s".formatted(fault, accepted, completed, rejected,
				lost, duplicated, unexpected, unanswered, settled, passed() ? "PASS" : "FAIL", note);
	}
}
