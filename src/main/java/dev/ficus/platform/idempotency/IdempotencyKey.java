package dev.ficus.platform.idempotency;

import java.util.regex.Pattern;

/**
 * The idempotency key of the running request, scoped by client. Declare a parameter of this type (it is
 * {@code null} when the request carried no key) to store the key with what the request creates, so a
 * repeat that re-executes after a crash finds the earlier result (see {@code docs/idempotency.md}).
 *
 * @param client the client that sent it ({@value #ANONYMOUS} without a client header)
 * @param value the key as the client sent it
 */
public record IdempotencyKey(String client, String value) {

	/** The header clients send, as in the IETF draft "The Idempotency-Key HTTP Header Field". */
	public static final String HEADER = "Idempotency-Key";

	/** The header that marks an answer replayed from an earlier request. */
	public static final String REPLAYED_HEADER = "Idempotency-Replayed";

	/** The client of requests that name none. */
	public static final String ANONYMOUS = "anonymous";

	static final String ATTRIBUTE = IdempotencyKey.class.getName();

	/** Printable ASCII without spaces; 255 characters leave room for a UUID with any prefix. */
	private static final Pattern WELL_FORMED = Pattern.compile("[\\x21-\\x7E]{1,255}");

	static boolean isWellFormed(String value) {
		return WELL_FORMED.matcher(value).matches();
	}

	@Override
	public String toString() {
		return client + "/" + value;
	}
}
