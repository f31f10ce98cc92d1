package dev.ficus.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatObject;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import org.assertj.core.api.ObjectAssert;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import example.probes.HttpTestSupport;
import dev.ficus.inventory.Inventory;
import example.probes.ProbeController;
import tools.jackson.databind.JsonNode;

class ProblemAnswersTest extends HttpTestSupport {

	private static final String COUNTER = "/inventory/probes/counter";

	@LocalServerPort
	int port;

	@Autowired
	ProbeController probe;

	@Autowired
	Inventory inventory;

	@Test
	void namesTheLineOfBrokenJson() {

		var answer = postJson(COUNTER, "{\"name\": \"fig\",\n \"quantity\": }");

		assertProblem(answer, 400, "malformed-json").satisfies(problem ->
				assertThat(problem.get("detail").asString()).contains("line 2"));
	}

	@Test
	void namesAFieldOfTheWrongType() {

		var answer = postJson(COUNTER, "{\"name\": \"fig\", \"quantity\": \"many\"}");

		assertProblem(answer, 400, "invalid-field").satisfies(problem ->
				assertThat(problem.get("detail").asString()).contains("'quantity'"));
	}

	@Test
	void namesANumberOutOfRange() {

		var answer = postJson(COUNTER, "{\"name\": \"fig\", \"quantity\": 99999999999999999999}");

		assertProblem(answer, 400, "invalid-field").satisfies(problem ->
				assertThat(problem.get("detail").asString()).contains("'quantity'"));
	}

	@Test
	void refusesAFractionForAnInteger() {
		assertProblem(postJson(COUNTER, "{\"name\": \"fig\", \"quantity\": 1.5}"), 400, "invalid-field");
	}

	@Test
	void refusesANumberTooLongToParse() {
		assertProblem(postJson(COUNTER, "{\"name\": \"fig\", \"quantity\": 1" + "0".repeat(5000) + "}"), 400,
				"invalid-field");
	}

	@Test
	void namesAnUnknownField() {

		var answer = postJson(COUNTER, "{\"name\": \"fig\", \"quantity\": 1, \"discount\": 50}");

		assertProblem(answer, 400, "unknown-field").satisfies(problem ->
				assertThat(problem.get("detail").asString()).contains("'discount'"));
	}

	@Test
	void refusesADuplicateField() {
		assertProblem(postJson(COUNTER, "{\"name\": \"fig\", \"quantity\": 1, \"quantity\": 9}"), 400,
				"malformed-json");
	}

	@Test
	void refusesTrailingContent() {
		assertProblem(postJson(COUNTER, "{\"name\": \"fig\", \"quantity\": 1} {}"), 400, "malformed-json");
	}

	@Test
	void refusesANullForAPrimitive() {

		var answer = postJson(COUNTER, "{\"name\": \"fig\", \"quantity\": null}");

		assertProblem(answer, 400, "invalid-field").satisfies(problem ->
				assertThat(problem.get("detail").asString()).contains("'quantity'"));
	}

	@Test
	void refusesABodyOfTheWrongShape() {
		assertProblem(postJson(COUNTER, "[1, 2, 3]"), 400, "invalid-field");
	}

	@Test
	void listsEveryFieldThatFailsValidation() {

		var answer = postJson(COUNTER, "{\"name\": \" \", \"quantity\": 0}");

		assertProblem(answer, 400, "validation-failed").satisfies(problem -> {
			assertThat(problem.get("detail").asString()).contains("'name'", "'quantity'");
			assertThat(problem.get("errors")).hasSize(2);
		});
	}

	@Test
	void refusesAMissingBody() {
		assertProblem(send(port, "POST", COUNTER, "", "Content-Type", "application/json"), 400, "missing-body");
	}

	@Test
	void refusesAnUnsupportedMediaType() {

		var answer = send(port, "POST", COUNTER, "name=fig", "Content-Type", "text/plain");

		assertProblem(answer, 415, "unsupported-media-type");
		assertThat(answer.headers().firstValue("Accept")).hasValueSatisfying(accept ->
				assertThat(accept).contains("application/json"));
	}

	@Test
	void refusesAMethodTheEndpointDoesNotTake() {

		var answer = send(port, "DELETE", COUNTER, "");

		assertProblem(answer, 405, "method-not-allowed");
		assertThat(answer.headers().firstValue("Allow")).hasValue("POST");
	}

	@Test
	void answersNotFoundForAnUnknownPath() {

		var answer = send(port, "GET", "/no/such/thing", "");

		assertProblem(answer, 404, "not-found").satisfies(problem ->
				assertThat(problem.get("instance").asString()).isEqualTo("/no/such/thing"));
	}

	@Test
	void namesJsonShapesNotJavaClassesForAWrongArrayOrObject() {

		var customer = UUID.randomUUID();
		var notAnArray = send(port, "POST", "/orders", "{\"customerId\": \"%s\", \"lines\": \"x\"}".formatted(customer),
				"Content-Type", "application/json", "Idempotency-Key", UUID.randomUUID().toString());
		var notAnObject = send(port, "POST", "/orders", "{\"customerId\": \"%s\", \"lines\": [7]}".formatted(customer),
				"Content-Type", "application/json", "Idempotency-Key", UUID.randomUUID().toString());

		assertProblem(notAnArray, 400, "invalid-field").satisfies(problem ->
				assertThat(problem.get("detail").asString()).isEqualTo("'lines' must be a JSON array"));
		assertProblem(notAnObject, 400, "invalid-field").satisfies(problem ->
				assertThat(problem.get("detail").asString()).isEqualTo("'lines[0]' must be a JSON object"));
	}

	@Test
	void answersNotFoundForTheErrorPathAskedForDirectly() {

		for (String method : List.of("GET", "POST")) {
			assertProblem(send(port, method, "/error", ""), 404, "not-found");
		}
	}

	@Test
	void keepsTheDetailAHandlerChose() {

		var answer = send(port, "GET", "/inventory/items/NO-SUCH-SKU", "");

		assertProblem(answer, 404, "not-found").satisfies(problem ->
				assertThat(problem.get("detail").asString()).contains("NO-SUCH-SKU"));
	}

	@Test
	void refusesAPathVariableOfTheWrongType() {

		var answer = send(port, "PUT", "/customers/probes/seven", "{\"name\": \"fig\", \"quantity\": 1}",
				"Content-Type", "application/json");

		assertProblem(answer, 400, "invalid-parameter").satisfies(problem ->
				assertThat(problem.get("detail").asString()).contains("'number'"));
	}

	@Test
	void refusesABodyOverTheLimit() {

		var answer = postJson(COUNTER, "{\"name\": \"" + "f".repeat(70 * 1024) + "\", \"quantity\": 1}");

		assertProblem(answer, 413, "payload-too-large");
	}

	@Test
	void refusesAChunkedBodyOverTheLimit() throws Exception {

		byte[] body = ("{\"name\": \"" + "f".repeat(70 * 1024) + "\", \"quantity\": 1}").getBytes();
		var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + COUNTER))
				.header("Content-Type", "application/json")
				// No declared length: the client streams the body in chunks.
				.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
				.build();

		var answer = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

		assertProblem(answer, 413, "payload-too-large");
	}

	@Test
	void answersAnUnexpectedFailureWithoutInternals() {

		probe.failuresLeft.set(1);

		var answer = postJson("/inventory/probes/flaky", stock("fig", 1));

		assertProblem(answer, 500, "internal-error").satisfies(problem ->
				assertThat(problem.get("requestId").asString()).isEqualTo(
						answer.headers().firstValue("X-Request-Id").orElseThrow()));
		assertThat(answer.body()).doesNotContain("IllegalStateException", "Simulated", "at dev.ficus");
	}

	@Test
	void answersProblemJsonWhateverTheClientAccepts() {

		var answer = send(port, "POST", COUNTER, "{", "Content-Type", "application/json", "Accept", "text/html");

		assertProblem(answer, 400, "malformed-json");
	}

	@Test
	void echoesAWellFormedRequestIdInTheProblem() {

		var answer = send(port, "POST", COUNTER, "{", "Content-Type", "application/json", "X-Request-Id",
				"req-42");

		assertProblem(answer, 400, "malformed-json").satisfies(problem ->
				assertThat(problem.get("requestId").asString()).isEqualTo("req-42"));
	}

	@Test
	void refusesTextHoldingTheNulCharacter() {

		String email = "nul-" + UUID.randomUUID() + "@example.com";
		var customer = postJson("/customers", "{\"name\": \"a\\u0000b\", \"email\": \"%s\"}".formatted(email));
		var item = send(port, "PUT", "/inventory/items/NUL-" + UUID.randomUUID(),
				"{\"name\": \"Lamp \\u0000\", \"priceCents\": 1, \"addStock\": 1}", "Content-Type",
				"application/json", "Idempotency-Key", UUID.randomUUID().toString());

		assertProblem(customer, 400, "invalid-field");
		assertProblem(item, 400, "invalid-field");
	}

	@Test
	void refusesStockBeyondWhatTheStoreCanCountAndChangesNothing() {

		String sku = "FULL-" + UUID.randomUUID();
		inventory.stock(sku, "Bottomless jar", 100, Integer.MAX_VALUE - 10);

		var answer = send(port, "PUT", "/inventory/items/" + sku,
				"{\"name\": \"Bottomless jar\", \"priceCents\": 100, \"addStock\": 11}", "Content-Type",
				"application/json", "Idempotency-Key", UUID.randomUUID().toString());

		assertProblem(answer, 422, "value-out-of-range");
		assertThat(inventory.find(sku).orElseThrow().onHand()).isEqualTo(Integer.MAX_VALUE - 10);
	}

	private HttpResponse<String> postJson(String path, String body) {
		return send(port, "POST", path, body, "Content-Type", "application/json");
	}

	private static ObjectAssert<JsonNode> assertProblem(HttpResponse<String> answer, int status,
			String type) {

		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
		assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = json(answer);
		assertThat(problem.get("type").asString()).isEqualTo(ProblemType.BASE_URI + type);
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		assertThat(problem.get("title").asString()).isNotBlank();
		assertThat(problem.get("detail").asString()).isNotBlank();
		return assertThatObject(problem);
	}
}
