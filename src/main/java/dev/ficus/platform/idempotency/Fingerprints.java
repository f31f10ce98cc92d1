package dev.ficus.platform.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fingerprint that tells a repeat from a different request under the same key: SHA-256 of method,
 * path with query, and the body in canonical form. A JSON body is canonical with its object keys sorted
 * and without whitespace, so a client that re-serialises the same document still matches; anything else
 * is taken byte for byte. Decimals stay exact, so two amounts that differ only far behind the point do
 * not look alike.
 */
final class Fingerprints {

	private static final JsonMapper CANONICAL = JsonMapper.builder()
			.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
			.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, DeserializationFeature.USE_BIG_INTEGER_FOR_INTS,
					DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
			.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.build();

	private Fingerprints() {
	}

	static String of(String method, String target, byte[] body) {

		MessageDigest sha256 = sha256();
		sha256.update((method + " " + target + "\n").getBytes(StandardCharsets.UTF_8));
		sha256.update(canonical(body));
		return HexFormat.of().formatHex(sha256.digest());
	}

	private static byte[] canonical(byte[] body) {

		if (body.length == 0) {
			return body;
		}
		try {
			Object document = CANONICAL.readValue(body, Object.class);
			return CANONICAL.writeValueAsBytes(document);
		}
		catch (JacksonException notJson) {
			return body;
		}
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException impossible) {
			throw new IllegalStateException("Every Java runtime has SHA-256", impossible);
		}
	}
}
