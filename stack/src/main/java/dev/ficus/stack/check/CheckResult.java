package dev.ficus.stack.check;

import java.util.Map;

/**
 * The outcome of one invariant check, with the numbers it compared.
 *
 * @param detail one line a reader can act on: what was compared and, on failure, the first offenders
 */
public record CheckResult(String name, Outcome outcome, String detail, Map<String, Object> numbers) {

	public enum Outcome {
		PASS, FAIL,
		/** Could not be evaluated (the data it needs is not served); does not fail the run. */
		SKIP
	}

	public CheckResult {
		numbers = Map.copyOf(numbers);
	}

	static CheckResult pass(String name, String detail, Map<String, Object> numbers) {
		return new CheckResult(name, Outcome.PASS, detail, numbers);
	}

	static CheckResult fail(String name, String detail, Map<String, Object> numbers) {
		return new CheckResult(name, Outcome.FAIL, detail, numbers);
	}

	static CheckResult skip(String name, String detail) {
		return new CheckResult(name, Outcome.SKIP, detail, Map.of());
	}

	public boolean failed() {
		return outcome == Outcome.FAIL;
	}
}
