package dev.ficus.platform.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.ficus.platform.database.ModuleSchema;
import example.probes.HttpTestSupport;
import example.probes.ProbeController;

class IdempotencyKeysTest extends HttpTestSupport {

	private static final String COUNTER = "/inventory/probes/counter";

	private static final String REQUIRED = "/orders/probes/required";

	@LocalServerPort
	int port;

	@Autowired
	ProbeController probe;

	@Autowired
	IdempotencyRecords records;

	@Autowired
	IdempotencyPurge purge;

	@Autowired
	IdempotencyProperties properties;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationContext context;

	String key;

	@BeforeEach
	void newKey() {
		key = UUID.randomUUID().toString();
	}

	@Test
	void replaysTheFirstAnswerForARepeatedKey() {

		int before = probe.executions.get();
		var first = post(COUNTER, "{\"name\":\"fig\",\"quantity\":2}", "Idempotency-Key", key);
		var repeat = post(COUNTER, "{ \"quantity\": 2,\n \"name\": \"fig\" }", "Idempotency-Key", key);

		assertThat(first.statusCode()).isEqualTo(201);
		assertThat(repeat.statusCode()).isEqualTo(201);
		assertThat(repeat.body()).isEqualTo(first.body());
		assertThat(repeat.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
		assertThat(repeat.headers().firstValue("Content-Type")).isEqualTo(first.headers().firstValue("Content-Type"));
		assertThat(repeat.headers().firstValue("Idempotency-Replayed")).hasValue("true");
		assertThat(first.headers().firstValue("Idempotency-Replayed")).isEmpty();
		assertThat(probe.executions.get()).isEqualTo(before + 1);
	}

	@Test
	void refusesTheSameKeyForADifferentBody() {

		post(COUNTER, stock("fig", 1), "Idempotency-Key", key);
		int before = probe.executions.get();

		var different = post(COUNTER, stock("fig", 5), "Idempotency-Key", key);

		assertThat(different.statusCode()).isEqualTo(422);
		assertThat(json(different).get("type").asString()).endsWith("/idempotency-key-reused");
		assertThat(probe.executions.get()).isEqualTo(before);
	}

	@Test
	void refusesTheSameKeyForADifferentPath() {

		post(COUNTER, stock("fig", 1), "Idempotency-Key", key);

		var elsewhere = post("/inventory/probes/refused", stock("fig", 1), "Idempotency-Key", key);

		assertThat(elsewhere.statusCode()).isEqualTo(422);
		assertThat(json(elsewhere).get("type").asString()).endsWith("/idempotency-key-reused");
	}

	@Test
	void answersConflictWhileTheFirstRequestStillRuns() throws Exception {

		probe.gate = new CountDownLatch(1);
		try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
			var first = threads.submit(() -> post("/inventory/probes/gated", stock("fig", 1), "Idempotency-Key", key));
			org.awaitility.Awaitility.await().until(() -> rows(ModuleSchema.INVENTORY, key) == 1);

			var repeat = post("/inventory/probes/gated", stock("fig", 1), "Idempotency-Key", key);

			assertThat(repeat.statusCode()).isEqualTo(409);
			assertThat(json(repeat).get("type").asString()).endsWith("/idempotency-key-in-use");
			assertThat(repeat.headers().firstValue("Retry-After")).isPresent();

			probe.gate.countDown();
			assertThat(first.get().statusCode()).isEqualTo(201);
		}
	}

	@Test
	void releasesTheKeyOfACrashedRequestOnlyAfterItsLease() {

		// What the filter commits before running a request; the process then dies and never finishes it.
		String body = stock("fig", 3);
		var crashed = new IdempotencyKey(IdempotencyKey.ANONYMOUS, key);
		records.reserve(ModuleSchema.INVENTORY, crashed, Fingerprints.of("POST", COUNTER, body.getBytes()), "POST",
				COUNTER);
		int before = probe.executions.get();

		var tooEarly = post(COUNTER, body, "Idempotency-Key", key);
		CLOCK.advance(properties.lease().plusSeconds(1));
		var afterLease = post(COUNTER, body, "Idempotency-Key", key);
		var repeat = post(COUNTER, body, "Idempotency-Key", key);

		assertThat(tooEarly.statusCode()).isEqualTo(409);
		assertThat(afterLease.statusCode()).isEqualTo(201);
		assertThat(repeat.statusCode()).isEqualTo(201);
		assertThat(repeat.headers().firstValue("Idempotency-Replayed")).hasValue("true");
		assertThat(probe.executions.get()).isEqualTo(before + 1);
	}

	@Test
	void refusesRequestsWithoutAKeyWhereOneIsRequiredAndStoresNothing() {

		long keysBefore = rows(ModuleSchema.ORDERS);
		int before = probe.executions.get();

		var first = post(REQUIRED, stock("fig", 1));
		var second = post(REQUIRED, stock("olive", 7));

		assertThat(List.of(first, second)).allSatisfy(response -> {
			assertThat(response.statusCode()).isEqualTo(400);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(json(response).get("type").asString()).endsWith("/idempotency-key-missing");
		});
		assertThat(rows(ModuleSchema.ORDERS)).isEqualTo(keysBefore);
		assertThat(probe.executions.get()).isEqualTo(before);
	}

	@Test
	void refusesOrdersWithoutAKeyAndNeverMatchesTwoOfThem() {

		long keysBefore = rows(ModuleSchema.ORDERS);
		String fig = "{\"customerId\":\"%s\",\"lines\":[{\"sku\":\"FIG-1\",\"quantity\":1}]}"
				.formatted(UUID.randomUUID());
		String olive = "{\"customerId\":\"%s\",\"lines\":[{\"sku\":\"OLIVE-2\",\"quantity\":3}]}"
				.formatted(UUID.randomUUID());

		var first = post("/orders", fig);
		var second = post("/orders", olive);

		assertThat(List.of(first, second)).allSatisfy(response -> {
			assertThat(response.statusCode()).isEqualTo(400);
			assertThat(json(response).get("type").asString()).endsWith("/idempotency-key-missing");
		});
		assertThat(rows(ModuleSchema.ORDERS)).isEqualTo(keysBefore);
	}

	@Test
	void runsEveryRequestWithoutAKeyWhereAKeyIsOptional() {

		int before = probe.executions.get();

		post(COUNTER, stock("fig", 1));
		post(COUNTER, stock("fig", 1));

		assertThat(probe.executions.get()).isEqualTo(before + 2);
	}

	@Test
	void keepsKeysInTheSchemaOfTheModuleOwningThePath() {

		post(REQUIRED, stock("fig", 1), "Idempotency-Key", key);

		assertThat(rows(ModuleSchema.ORDERS, key)).isEqualTo(1);
		assertThat(rows(ModuleSchema.INVENTORY, key)).isZero();
	}

	@Test
	void expiresKeysAfterTheirTimeToLive() {

		post(COUNTER, stock("fig", 1), "Idempotency-Key", key);
		int before = probe.executions.get();

		CLOCK.advance(properties.ttl().plusSeconds(1));
		purge.purgeExpired();

		assertThat(rows(ModuleSchema.INVENTORY, key)).isZero();
		var afterExpiry = post(COUNTER, stock("fig", 1), "Idempotency-Key", key);
		assertThat(afterExpiry.statusCode()).isEqualTo(201);
		assertThat(afterExpiry.headers().firstValue("Idempotency-Replayed")).isEmpty();
		assertThat(probe.executions.get()).isEqualTo(before + 1);
	}

	@Test
	void purgeKeepsKeysThatHaveNotExpired() {

		post(COUNTER, stock("fig", 1), "Idempotency-Key", key);

		purge.purgeExpired();

		assertThat(rows(ModuleSchema.INVENTORY, key)).isEqualTo(1);
	}

	@Test
	void scopesKeysPerClient() {

		int before = probe.executions.get();

		var web = post(COUNTER, stock("fig", 1), "Idempotency-Key", key, "X-Ficus-Client-Id", "web-bff");
		var partner = post(COUNTER, stock("olive", 2), "Idempotency-Key", key, "X-Ficus-Client-Id", "partner-7");
		var anonymous = post(COUNTER, stock("date", 3), "Idempotency-Key", key);

		assertThat(List.of(web, partner, anonymous)).allSatisfy(response -> {
			assertThat(response.statusCode()).isEqualTo(201);
			assertThat(response.headers().firstValue("Idempotency-Replayed")).isEmpty();
		});
		assertThat(probe.executions.get()).isEqualTo(before + 3);
	}

	@Test
	void releasesTheKeyWhenTheAnswerIsAServerError() {

		probe.failuresLeft.set(1);
		int before = probe.executions.get();

		var failed = post("/inventory/probes/flaky", stock("fig", 1), "Idempotency-Key", key);
		var retried = post("/inventory/probes/flaky", stock("fig", 1), "Idempotency-Key", key);

		assertThat(failed.statusCode()).isEqualTo(500);
		assertThat(retried.statusCode()).isEqualTo(201);
		assertThat(retried.headers().firstValue("Idempotency-Replayed")).isEmpty();
		assertThat(probe.executions.get()).isEqualTo(before + 2);
	}

	@Test
	void storesAClientErrorTheHandlerAnswered() {

		int before = probe.executions.get();

		var first = post("/inventory/probes/refused", stock("fig", 1), "Idempotency-Key", key);
		var repeat = post("/inventory/probes/refused", stock("fig", 1), "Idempotency-Key", key);

		assertThat(first.statusCode()).isEqualTo(422);
		assertThat(repeat.statusCode()).isEqualTo(422);
		assertThat(repeat.body()).isEqualTo(first.body());
		assertThat(repeat.headers().firstValue("Idempotency-Replayed")).hasValue("true");
		assertThat(probe.executions.get()).isEqualTo(before + 1);
	}

	@Test
	void storesNothingForARequestRefusedBeforeItsHandlerRan() {

		var invalid = post(COUNTER, "{\"name\":\"\",\"quantity\":1}", "Idempotency-Key", key);
		var corrected = post(COUNTER, stock("fig", 1), "Idempotency-Key", key);

		assertThat(invalid.statusCode()).isEqualTo(400);
		assertThat(corrected.statusCode()).isEqualTo(201);
	}

	@Test
	void refusesMalformedKeys() {

		long keysBefore = rows(ModuleSchema.INVENTORY);

		var tooLong = post(COUNTER, stock("fig", 1), "Idempotency-Key", "k".repeat(256));
		var withSpace = post(COUNTER, stock("fig", 1), "Idempotency-Key", "two words");
		var twice = post(COUNTER, stock("fig", 1), "Idempotency-Key", key, "Idempotency-Key", key + "x");
		var badClient = post(COUNTER, stock("fig", 1), "Idempotency-Key", key, "X-Ficus-Client-Id", "a b");

		assertThat(List.of(tooLong, withSpace, twice, badClient)).allSatisfy(response -> {
			assertThat(response.statusCode()).isEqualTo(400);
			assertThat(json(response).get("type").asString()).containsAnyOf("/idempotency-key-invalid",
					"/invalid-header");
		});
		assertThat(rows(ModuleSchema.INVENTORY)).isEqualTo(keysBefore);
	}

	@Test
	void handsTheKeyAndClientToTheHandler() {

		var withKey = post(COUNTER, stock("fig", 1), "Idempotency-Key", key, "X-Ficus-Client-Id", "web-bff");
		var withoutKey = post(COUNTER, stock("fig", 1));

		assertThat(json(withKey).get("key").asString()).isEqualTo("web-bff/" + key);
		assertThat(json(withoutKey).has("key")).isFalse();
	}

	@Test
	void keepsARequestThatOutlivedItsLeaseFromOverwritingTheRetrysAnswer() {

		var scoped = new IdempotencyKey(IdempotencyKey.ANONYMOUS, key);
		String fingerprint = Fingerprints.of("POST", COUNTER, new byte[0]);
		var slow = (IdempotencyRecords.Reservation.Acquired) records.reserve(ModuleSchema.INVENTORY, scoped,
				fingerprint, "POST", COUNTER);
		CLOCK.advance(properties.lease().plusSeconds(1));
		var retry = (IdempotencyRecords.Reservation.Acquired) records.reserve(ModuleSchema.INVENTORY, scoped,
				fingerprint, "POST", COUNTER);

		var late = new IdempotencyRecords.StoredResponse(201, java.util.Map.of(), "late".getBytes());
		var current = new IdempotencyRecords.StoredResponse(201, java.util.Map.of(), "retry".getBytes());

		assertThat(records.complete(ModuleSchema.INVENTORY, scoped, slow.holder(), late)).isFalse();
		assertThat(records.complete(ModuleSchema.INVENTORY, scoped, retry.holder(), current)).isTrue();
		assertThat(records.reserve(ModuleSchema.INVENTORY, scoped, fingerprint, "POST", COUNTER))
				.isInstanceOfSatisfying(IdempotencyRecords.Reservation.Replay.class, replay ->
						assertThat(replay.response().body()).asString().isEqualTo("retry"));
	}

	@Test
	void keepsTheKeyOfARequestWhoseAnswerCouldNotBeWrittenInTheAcceptedType() {

		int before = probe.executions.get();

		// The handler runs, then its JSON answer cannot be written as text/plain: 406, the work is done.
		var refused = post(COUNTER, stock("fig", 1), "Idempotency-Key", key, "Accept", "text/plain");
		var retried = post(COUNTER, stock("fig", 1), "Idempotency-Key", key);

		assertThat(refused.statusCode()).isEqualTo(406);
		assertThat(retried.statusCode()).isEqualTo(406);
		assertThat(retried.headers().firstValue("Idempotency-Replayed")).hasValue("true");
		assertThat(probe.executions.get()).isEqualTo(before + 1);
	}

	@Test
	void acceptsAKeySentAsAQuotedString() {

		var quoted = post(COUNTER, stock("fig", 1), "Idempotency-Key", "\"" + key + "\"");
		var plain = post(COUNTER, stock("fig", 1), "Idempotency-Key", key);

		assertThat(quoted.statusCode()).isEqualTo(201);
		assertThat(plain.headers().firstValue("Idempotency-Replayed")).hasValue("true");
	}

	@Test
	void runsConcurrentIdenticalRequestsExactlyOnce() throws Exception {

		probe.gate = new CountDownLatch(1);
		int before = probe.executions.get();
		var start = new CountDownLatch(1);

		List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
		try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < 8; i++) {
				answers.add(CompletableFuture.supplyAsync(() -> {
					awaitQuietly(start);
					return post("/inventory/probes/gated", stock("fig", 1), "Idempotency-Key", key);
				}, threads));
			}
			start.countDown();

			// Seven lose the race and hear 409 at once; the winner waits at the gate until then.
			org.awaitility.Awaitility.await()
					.until(() -> answers.stream().filter(CompletableFuture::isDone).count() == 7);
			probe.gate.countDown();

			var statuses = answers.stream().map(answer -> answer.join().statusCode()).toList();
			assertThat(statuses).containsOnlyOnce(201).filteredOn(status -> status != 201).containsOnly(409);
		}
		assertThat(probe.executions.get()).isEqualTo(before + 1);
	}

	private HttpResponse<String> post(String path, String body, String... headers) {

		String[] all = new String[headers.length + 2];
		all[0] = "Content-Type";
		all[1] = "application/json";
		System.arraycopy(headers, 0, all, 2, headers.length);
		return send(port, "POST", path, body, all);
	}

	private long rows(ModuleSchema module) {
		return inTransactionOf(module, "SELECT count(*) FROM %s.idempotency_key".formatted(module.schemaName()), null);
	}

	private long rows(ModuleSchema module, String key) {
		return inTransactionOf(module, "SELECT count(*) FROM %s.idempotency_key WHERE idempotency_key = ?"
				.formatted(module.schemaName()), key);
	}

	private long inTransactionOf(ModuleSchema module, String sql, String key) {

		var manager = context.getBean(module.schemaName() + "Transactions", PlatformTransactionManager.class);
		Long count = new TransactionTemplate(manager).execute(status -> key == null
				? jdbc.sql(sql).query(Long.class).single()
				: jdbc.sql(sql).param(key).query(Long.class).single());
		return count == null ? -1 : count;
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
		}
	}
}
