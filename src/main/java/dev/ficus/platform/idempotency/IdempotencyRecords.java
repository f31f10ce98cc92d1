package dev.ficus.platform.idempotency;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.ficus.platform.database.ModuleSchema;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code idempotency_key} table of each module, always in a short transaction of that module's own
 * manager ({@code <module>Transactions}), never inside the request's business transaction: a reservation
 * must be committed before the request runs, or a crash would leave no trace of it.
 *
 * <p>A row is {@code IN_PROGRESS} with a holder and a lease while its request runs, then
 * {@code COMPLETED} with the answer until it expires. Only the current holder may complete or release
 * it, so a request that outlived its lease and lost the key to a retry cannot overwrite the retry's
 * answer.
 */
class IdempotencyRecords {

	private static final Logger log = LoggerFactory.getLogger(IdempotencyRecords.class);

	private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Clock clock;

	private final IdempotencyProperties properties;

	private final Map<ModuleSchema, TransactionTemplate> transactions = new EnumMap<>(ModuleSchema.class);

	IdempotencyRecords(JdbcClient jdbc, JsonMapper json, Clock clock, IdempotencyProperties properties,
			BeanFactory beans) {

		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
		this.properties = properties;
		for (ModuleSchema module : ModuleSchema.values()) {
			var manager = beans.getBean(module.schemaName() + "Transactions", PlatformTransactionManager.class);
			transactions.put(module, new TransactionTemplate(manager));
		}
	}

	/** What a request under a key may do. */
	sealed interface Reservation {

		/** The key is this request's; it runs, and only {@code holder} may complete or release the key. */
		record Acquired(UUID holder) implements Reservation {
		}

		/** An earlier request under the key finished; its answer is replayed. */
		record Replay(StoredResponse response) implements Reservation {
		}

		/** An earlier request under the key still runs, or its holder died less than a lease ago. */
		record InProgress(Duration retryAfter) implements Reservation {
		}

		/** The key was used for a different request. */
		record Mismatch(String method, String target) implements Reservation {
		}
	}

	/** The parts of an answer worth replaying. */
	record StoredResponse(int status, Map<String, String> headers, byte[] body) {
	}

	Reservation reserve(ModuleSchema module, IdempotencyKey key, String fingerprint, String method,
			String target) {

		return in(module, () -> {

			Instant now = clock.instant();
			UUID holder = UUID.randomUUID();

			int inserted = jdbc.sql("""
					INSERT INTO %s.idempotency_key (client_id, idempotency_key, fingerprint, request_method,
					  request_path, state, holder, locked_until, created_at, expires_at)
					VALUES (:client, :key, :fingerprint, :method, :target, 'IN_PROGRESS', :holder, :lockedUntil,
					  :now, :expiresAt)
					ON CONFLICT (client_id, idempotency_key) DO NOTHING""".formatted(module.schemaName()))
					.param("client", key.client())
					.param("key", key.value())
					.param("fingerprint", fingerprint)
					.param("method", method)
					.param("target", target)
					.param("holder", holder)
					.param("lockedUntil", at(now.plus(properties.lease())))
					.param("now", at(now))
					.param("expiresAt", at(now.plus(properties.ttl())))
					.update();
			if (inserted == 1) {
				return new Reservation.Acquired(holder);
			}

			Existing existing = jdbc.sql("""
					SELECT fingerprint, request_method, request_path, state, locked_until, expires_at,
					  response_status, response_headers, response_body
					FROM %s.idempotency_key WHERE client_id = :client AND idempotency_key = :key
					FOR UPDATE""".formatted(module.schemaName()))
					.param("client", key.client())
					.param("key", key.value())
					.query((row, number) -> new Existing(row.getString("fingerprint"),
							row.getString("request_method"), row.getString("request_path"),
							row.getString("state"), instant(row.getObject("locked_until", OffsetDateTime.class)),
							row.getObject("expires_at", OffsetDateTime.class).toInstant(),
							row.getInt("response_status"), row.getString("response_headers"),
							row.getBytes("response_body")))
					.optional()
					.orElseThrow(() -> new IllegalStateException(
							"Idempotency key %s vanished while being reserved".formatted(key)));

			if (!existing.expiresAt().isAfter(now)) {
				// Expired but not purged yet: the key is free again, as if the purge had run.
				takeOver(module, key, holder, now, fingerprint, method, target);
				return new Reservation.Acquired(holder);
			}
			if (!existing.fingerprint().equals(fingerprint)) {
				return new Reservation.Mismatch(existing.method(), existing.target());
			}
			if ("COMPLETED".equals(existing.state())) {
				String headers = existing.headers() == null ? "{}" : existing.headers();
				byte[] body = existing.body() == null ? new byte[0] : existing.body();
				return new Reservation.Replay(new StoredResponse(existing.status(),
						json.readValue(headers, HEADERS), body));
			}
			if (existing.lockedUntil() != null && existing.lockedUntil().isAfter(now)) {
				return new Reservation.InProgress(Duration.between(now, existing.lockedUntil()));
			}

			log.warn("Idempotency key {} outlived its lease (holder gone since {}); a retry takes it over", key,
					existing.lockedUntil());
			takeOver(module, key, holder, now, fingerprint, method, target);
			return new Reservation.Acquired(holder);
		});
	}

	/** Stores the answer; false if the key is no longer this holder's (its lease ran out and a retry took it). */
	boolean complete(ModuleSchema module, IdempotencyKey key, UUID holder, StoredResponse response) {

		return in(module, () -> jdbc.sql("""
				UPDATE %s.idempotency_key
				SET state = 'COMPLETED', holder = NULL, locked_until = NULL, response_status = :status,
				  response_headers = CAST(:headers AS JSONB), response_body = :body, expires_at = :expiresAt
				WHERE client_id = :client AND idempotency_key = :key AND holder = :holder""".formatted(
				module.schemaName()))
				.param("status", response.status())
				.param("headers", json.writeValueAsString(response.headers()))
				.param("body", response.body())
				.param("expiresAt", at(clock.instant().plus(properties.ttl())))
				.param("client", key.client())
				.param("key", key.value())
				.param("holder", holder)
				.update() == 1);
	}

	/** Frees the key so a retry runs the request again (a 5xx, or nothing happened). */
	void release(ModuleSchema module, IdempotencyKey key, UUID holder) {

		in(module, () -> jdbc.sql("""
				DELETE FROM %s.idempotency_key
				WHERE client_id = :client AND idempotency_key = :key AND holder = :holder""".formatted(
				module.schemaName()))
				.param("client", key.client())
				.param("key", key.value())
				.param("holder", holder)
				.update());
	}

	/** Deletes a module's expired keys in batches; a running request's key goes only after its lease. */
	int purgeExpired(ModuleSchema module) {

		int purged = 0;
		int batch;
		do {
			Instant now = clock.instant();
			batch = in(module, () -> jdbc.sql("""
					DELETE FROM %1$s.idempotency_key WHERE ctid IN (
					  SELECT ctid FROM %1$s.idempotency_key
					  WHERE expires_at <= :now AND (locked_until IS NULL OR locked_until <= :now)
					  LIMIT 1000)""".formatted(module.schemaName()))
					.param("now", at(now))
					.update());
			purged += batch;
		}
		while (batch == 1000);
		return purged;
	}

	private void takeOver(ModuleSchema module, IdempotencyKey key, UUID holder, Instant now, String fingerprint,
			String method, String target) {

		jdbc.sql("""
				UPDATE %s.idempotency_key
				SET fingerprint = :fingerprint, request_method = :method, request_path = :target,
				  state = 'IN_PROGRESS', holder = :holder, locked_until = :lockedUntil, response_status = NULL,
				  response_headers = NULL, response_body = NULL, created_at = :now, expires_at = :expiresAt
				WHERE client_id = :client AND idempotency_key = :key""".formatted(module.schemaName()))
				.param("fingerprint", fingerprint)
				.param("method", method)
				.param("target", target)
				.param("holder", holder)
				.param("lockedUntil", at(now.plus(properties.lease())))
				.param("now", at(now))
				.param("expiresAt", at(now.plus(properties.ttl())))
				.param("client", key.client())
				.param("key", key.value())
				.update();
	}

	private <T> T in(ModuleSchema module, Supplier<T> work) {
		return Optional.ofNullable(transactions.get(module).execute(status -> work.get()))
				.orElseThrow(() -> new IllegalStateException("A transaction of " + module + " returned nothing"));
	}

	private static OffsetDateTime at(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	private static @Nullable Instant instant(@Nullable OffsetDateTime time) {
		return time == null ? null : time.toInstant();
	}

	private record Existing(String fingerprint, String method, String target, String state,
			@Nullable Instant lockedUntil, Instant expiresAt, int status, @Nullable String headers,
			byte @Nullable [] body) {
	}
}
