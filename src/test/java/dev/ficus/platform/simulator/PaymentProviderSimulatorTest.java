package dev.ficus.platform.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The simulator over real HTTP on loopback, without Spring. */
class PaymentProviderSimulatorTest {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final HttpClient http = HttpClient.newHttpClient();

	private static PaymentProviderSimulator simulator;

	@BeforeAll
	static void start() throws IOException {
		simulator = PaymentProviderSimulator.start(0, ProviderFaults.NONE);
	}

	@AfterAll
	static void stop() {
		simulator.close();
	}

	@BeforeEach
	void healProvider() {
		simulator.resetFaults();
	}

	@Test
	void returnsTheSameChargeForARepeatedIdempotencyKey() throws Exception {

		var first = charge("order-repeat", 1200);
		var again = charge("order-repeat", 1200);

		assertThat(first.statusCode()).isEqualTo(201);
		assertThat(again.statusCode()).isEqualTo(200);
		assertThat(body(again).path("id").asString()).isEqualTo(body(first).path("id").asString());
		assertThat(chargesFor("order-repeat")).hasSize(1);
	}

	@Test
	void refusesAnIdempotencyKeyReusedForAnotherAmount() throws Exception {

		charge("order-other-amount", 500);

		assertThat(charge("order-other-amount", 700).statusCode()).isEqualTo(409);
	}

	@Test
	void requiresAnIdempotencyKey() throws Exception {

		var request = HttpRequest.newBuilder(simulator.baseUrl().resolve("/v1/charges"))
				.POST(HttpRequest.BodyPublishers.ofString("{\"reference\":\"r\",\"amountCents\":1}"))
				.build();

		assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(400);
	}

	@Test
	void declinesAndDeclinesAgainForTheSameKey() throws Exception {

		changeFaults("{\"declineRate\": 1.0}");
		var declined = charge("order-declined", 900);
		changeFaults("{\"declineRate\": 0.0}");

		assertThat(declined.statusCode()).isEqualTo(402);
		assertThat(charge("order-declined", 900).statusCode()).isEqualTo(402);
		assertThat(chargesFor("order-declined")).isEmpty();
	}

	@Test
	void failsWithoutChargingWhenAFailureIsInjected() throws Exception {

		changeFaults("{\"failNext\": 1}");

		assertThat(charge("order-failed-once", 300).statusCode()).isEqualTo(503);
		assertThat(chargesFor("order-failed-once")).isEmpty();
		assertThat(charge("order-failed-once", 300).statusCode()).isEqualTo(201);
	}

	@Test
	void chargesButHoldsTheAnswerBackWhenATimeoutIsInjected() throws Exception {

		changeFaults("{\"timeoutNext\": 1, \"timeoutMillis\": 2000}");

		var impatient = HttpRequest.newBuilder(simulator.baseUrl().resolve("/v1/charges"))
				.header("Idempotency-Key", "order-timed-out")
				.timeout(Duration.ofMillis(200))
				.POST(HttpRequest.BodyPublishers.ofString(chargeBody("order-timed-out", 400)))
				.build();

		assertThatExceptionOfType(HttpTimeoutException.class)
				.isThrownBy(() -> http.send(impatient, HttpResponse.BodyHandlers.ofString()));
		assertThat(chargesFor("order-timed-out")).hasSize(1);
	}

	@Test
	void refundsOncePerKeyAndNeverMoreThanWasCharged() throws Exception {

		String chargeId = body(charge("order-refunded", 1000)).path("id").asString();

		var first = refund("refund-order-refunded", chargeId, 1000);
		var again = refund("refund-order-refunded", chargeId, 1000);
		var beyond = refund("refund-order-refunded-twice", chargeId, 1);

		assertThat(first.statusCode()).isEqualTo(201);
		assertThat(body(again).path("id").asString()).isEqualTo(body(first).path("id").asString());
		assertThat(beyond.statusCode()).isEqualTo(409);
		assertThat(refund("refund-unknown", "ch_unknown", 1).statusCode()).isEqualTo(404);
	}

	@Test
	void failsOnlyTheNextRefundsWhenAskedToWhileChargesGoThrough() throws Exception {

		changeFaults("{\"failNextRefunds\": 2}");
		String chargeId = body(charge("order-refund-fails", 900)).path("id").asString();

		assertThat(refund("refund-order-refund-fails", chargeId, 900).statusCode()).isEqualTo(503);
		assertThat(refund("refund-order-refund-fails", chargeId, 900).statusCode()).isEqualTo(503);
		assertThat(refund("refund-order-refund-fails", chargeId, 900).statusCode()).isEqualTo(201);
		assertThat(simulator.faults().failNextRefunds()).isZero();
	}

	@Test
	void keepsALedgerWhoseNetIsChargesLessRefunds() throws Exception {

		JsonNode before = ledger();
		String chargeId = body(charge("order-ledger", 2500)).path("id").asString();
		refund("refund-order-ledger", chargeId, 1000);

		JsonNode after = ledger();
		assertThat(after.path("chargedCents").asLong() - before.path("chargedCents").asLong()).isEqualTo(2500);
		assertThat(after.path("refundedCents").asLong() - before.path("refundedCents").asLong()).isEqualTo(1000);
		assertThat(after.path("netCents").asLong())
				.isEqualTo(after.path("chargedCents").asLong() - after.path("refundedCents").asLong());
	}

	@Test
	void changesOnlyTheNamedFaultsThroughTheAdminEndpoint() throws Exception {

		changeFaults("{\"latencyMillis\": 5}");
		var changed = changeFaults("{\"failureRate\": 0.25}");

		assertThat(changed.path("latencyMillis").asLong()).isEqualTo(5);
		assertThat(changed.path("failureRate").asDouble()).isEqualTo(0.25);
		assertThat(simulator.faults().failureRate()).isEqualTo(0.25);
	}

	@Test
	void rejectsAFailureRateAboveOne() throws Exception {

		var request = HttpRequest.newBuilder(simulator.baseUrl().resolve("/admin/faults"))
				.PUT(HttpRequest.BodyPublishers.ofString("{\"failureRate\": 2}"))
				.build();

		assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(400);
		assertThat(simulator.faults().failureRate()).isZero();
	}

	private static HttpResponse<String> charge(String key, long amountCents) throws Exception {
		var request = HttpRequest.newBuilder(simulator.baseUrl().resolve("/v1/charges"))
				.header("Idempotency-Key", key)
				.POST(HttpRequest.BodyPublishers.ofString(chargeBody(key, amountCents)))
				.build();
		return http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static String chargeBody(String reference, long amountCents) {
		return "{\"reference\":\"" + reference + "\",\"customer\":\"c-1\",\"amountCents\":" + amountCents + "}";
	}

	private static HttpResponse<String> refund(String key, String chargeId, long amountCents) throws Exception {
		var request = HttpRequest.newBuilder(simulator.baseUrl().resolve("/v1/refunds"))
				.header("Idempotency-Key", key)
				.POST(HttpRequest.BodyPublishers.ofString(
						"{\"chargeId\":\"" + chargeId + "\",\"amountCents\":" + amountCents + "}"))
				.build();
		return http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static JsonNode chargesFor(String key) throws Exception {
		var request = HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/v1/charges?idempotencyKey=" + key))
				.build();
		return body(http.send(request, HttpResponse.BodyHandlers.ofString())).path("charges");
	}

	private static JsonNode ledger() throws Exception {
		var request = HttpRequest.newBuilder(simulator.baseUrl().resolve("/v1/ledger")).build();
		return body(http.send(request, HttpResponse.BodyHandlers.ofString()));
	}

	private static JsonNode changeFaults(String changes) throws Exception {
		var request = HttpRequest.newBuilder(simulator.baseUrl().resolve("/admin/faults"))
				.PUT(HttpRequest.BodyPublishers.ofString(changes))
				.build();
		return body(http.send(request, HttpResponse.BodyHandlers.ofString()));
	}

	private static JsonNode body(HttpResponse<String> response) {
		return json.readTree(response.body());
	}
}
