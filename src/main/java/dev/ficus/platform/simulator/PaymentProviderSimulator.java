package dev.ficus.platform.simulator;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import dev.ficus.platform.simulator.ProviderLedger.Charge;
import dev.ficus.platform.simulator.ProviderLedger.Recorded;
import dev.ficus.platform.simulator.ProviderLedger.Refund;
import dev.ficus.platform.simulator.ProviderLedger.RefundRefused;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A small payment provider on loopback, so the payments module talks real HTTP to something that charges,
 * declines, fails, is slow and times out the way a card processor does. See {@code docs/payments.md} for
 * the API.
 *
 * <p>The monolith starts one inside itself when {@code ficus.payment-provider.url} is not set; the local
 * stack runs it as a process of its own through {@link #main(String[])}.
 */
public class PaymentProviderSimulator implements AutoCloseable {

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	private static final Logger log = LoggerFactory.getLogger(PaymentProviderSimulator.class);

	private static final JsonMapper json = JsonMapper.builder().findAndAddModules().build();

	private final ProviderLedger ledger = new ProviderLedger();

	private final AtomicReference<ProviderFaults> faults;

	private final ProviderFaults initialFaults;

	private final HttpServer server;

	private final ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor();

	private final Map<String, LongAdder> received = new ConcurrentHashMap<>();

	PaymentProviderSimulator(HttpServer server, ProviderFaults faults) {
		this.server = server;
		this.initialFaults = faults;
		this.faults = new AtomicReference<>(faults);
	}

	/**
	 * Starts a simulator on 127.0.0.1.
	 *
	 * @param port the port to listen on; 0 picks a free one
	 * @param faults the faults it injects until the admin endpoint changes them
	 */
	public static PaymentProviderSimulator start(int port, ProviderFaults faults) throws IOException {

		var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 100);
		var simulator = new PaymentProviderSimulator(server, faults);

		server.createContext("/v1/charges", wholeAnswers(simulator::charges));
		server.createContext("/v1/refunds", wholeAnswers(simulator::refunds));
		server.createContext("/v1/ledger", wholeAnswers(simulator::ledger));
		server.createContext("/admin/faults", wholeAnswers(simulator::adminFaults));
		server.createContext("/admin/stats", wholeAnswers(simulator::adminStats));
		server.setExecutor(simulator.requests);
		server.start();

		log.info("Payment provider simulator listens on {} with faults {}", simulator.baseUrl(), faults);
		return simulator;
	}

	/**
	 * Runs the simulator as a process of its own. Arguments are {@code --name=value} pairs: {@code port}
	 * (default 9090) and any {@link ProviderFaults} component, such as {@code --failureRate=0.05}.
	 */
	public static void main(String[] args) throws IOException {

		Map<String, String> options = new HashMap<>();
		for (String arg : args) {
			String[] pair = arg.replaceFirst("^--", "").split("=", 2);
			if (pair.length != 2) {
				throw new IllegalArgumentException("Expected --name=value, got " + arg);
			}
			options.put(pair[0], pair[1]);
		}
		int port = Integer.parseInt(options.getOrDefault("port", "9090"));
		options.remove("port");

		ObjectNode settings = json.valueToTree(ProviderFaults.NONE);
		options.forEach(settings::put);
		var simulator = start(port, json.treeToValue(settings, ProviderFaults.class));

		Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "simulator-shutdown"));
	}

	public URI baseUrl() {
		return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
	}

	public ProviderFaults faults() {
		return faults.get();
	}

	public void changeFaults(ProviderFaults changed) {
		faults.set(changed);
		log.info("Payment provider simulator faults are now {}", changed);
	}

	/** Puts back the faults it was started with. */
	public void resetFaults() {
		changeFaults(initialFaults);
	}

	/**
	 * Requests received so far by operation ({@code charge}, {@code lookup}, {@code refund}), counted when
	 * they arrive, whatever fault they then meet.
	 */
	public Map<String, Long> requestsReceived() {
		Map<String, Long> counts = new TreeMap<>();
		received.forEach((operation, count) -> counts.put(operation, count.sum()));
		return counts;
	}

	@Override
	public void close() {
		server.stop(0);
		requests.shutdownNow();
		log.info("Payment provider simulator on {} stopped", baseUrl());
	}

	private void charges(HttpExchange exchange) throws IOException {
		try (exchange) {
			switch (exchange.getRequestMethod()) {
				case "GET" -> findCharge(exchange);
				case "POST" -> createCharge(exchange);
				default -> error(exchange, 405, "method_not_allowed", "Use GET or POST");
			}
		}
	}

	private void createCharge(HttpExchange exchange) throws IOException {

		count("charge");
		String key = exchange.getRequestHeaders().getFirst(IDEMPOTENCY_KEY);
		JsonNode body = readBody(exchange);
		if (key == null || key.isBlank() || !body.path("amountCents").canConvertToLong()
				|| !body.path("reference").isString()) {
			error(exchange, 400, "invalid_request",
					"An Idempotency-Key header, amountCents and reference are required");
			return;
		}
		if (injectLatencyAndFailure(exchange)) {
			return;
		}

		boolean declined = ThreadLocalRandom.current().nextDouble() < faults.get().declineRate();
		Recorded<Charge> recorded = ledger.charge(key, body.path("reference").asString(),
				body.path("customer").asString(""), body.path("amountCents").asLong(), declined);
		Charge charge = recorded.value();

		if (recorded.replayed() && charge.amountCents() != body.path("amountCents").asLong()) {
			error(exchange, 409, "idempotency_key_reused", "Key " + key + " was used for another amount");
			return;
		}
		injectTimeout();
		if (charge.declined()) {
			reply(exchange, 402, Map.of("error", "card_declined", "message", "The card was declined",
					"chargeId", charge.id()));
			return;
		}
		exchange.getResponseHeaders().set("Idempotent-Replayed", String.valueOf(recorded.replayed()));
		reply(exchange, recorded.replayed() ? 200 : 201, charge);
	}

	private void findCharge(HttpExchange exchange) throws IOException {

		count("lookup");
		String key = queryParameter(exchange.getRequestURI(), "idempotencyKey");
		if (key == null) {
			error(exchange, 400, "invalid_request", "The idempotencyKey query parameter is required");
			return;
		}
		if (injectLatencyAndFailure(exchange)) {
			return;
		}

		List<Charge> found = ledger.chargeFor(key).stream().filter(charge -> !charge.declined()).toList();
		reply(exchange, 200, Map.of("charges", found));
	}

	private void refunds(HttpExchange exchange) throws IOException {
		try (exchange) {
			if ("POST".equals(exchange.getRequestMethod())) {
				createRefund(exchange);
			}
			else {
				error(exchange, 405, "method_not_allowed", "Use POST");
			}
		}
	}

	private void createRefund(HttpExchange exchange) throws IOException {

		count("refund");

		String key = exchange.getRequestHeaders().getFirst(IDEMPOTENCY_KEY);
		JsonNode body = readBody(exchange);
		if (key == null || key.isBlank() || !body.path("amountCents").canConvertToLong()
				|| !body.path("chargeId").isString()) {
			error(exchange, 400, "invalid_request", "An Idempotency-Key header, amountCents and chargeId are required");
			return;
		}
		if (takeOne(Counter.FAIL_REFUND)) {
			error(exchange, 503, "provider_unavailable", "Injected refund failure");
			return;
		}
		if (injectLatencyAndFailure(exchange)) {
			return;
		}

		Recorded<Refund> recorded;
		try {
			recorded = ledger.refund(key, body.path("chargeId").asString(), body.path("amountCents").asLong());
		}
		catch (RefundRefused refused) {
			error(exchange, refused.status(), refused.code(), refused.getMessage());
			return;
		}
		injectTimeout();
		exchange.getResponseHeaders().set("Idempotent-Replayed", String.valueOf(recorded.replayed()));
		reply(exchange, recorded.replayed() ? 200 : 201, recorded.value());
	}

	private void ledger(HttpExchange exchange) throws IOException {
		try (exchange) {
			reply(exchange, 200, ledger.statement());
		}
	}

	private void adminFaults(HttpExchange exchange) throws IOException {
		try (exchange) {
			try {
				changeFaultsAsAsked(exchange);
			}
			catch (IllegalArgumentException | ClassCastException | JacksonException e) {
				error(exchange, 400, "invalid_faults", String.valueOf(e.getMessage()));
			}
		}
	}

	private void changeFaultsAsAsked(HttpExchange exchange) throws IOException {
		switch (exchange.getRequestMethod()) {
			case "GET" -> reply(exchange, 200, faults.get());
			case "PUT" -> {
				// A partial document changes only the settings it names.
				ObjectNode merged = json.valueToTree(faults.get());
				merged.setAll((ObjectNode) json.readTree(exchange.getRequestBody()));
				changeFaults(json.treeToValue(merged, ProviderFaults.class));
				reply(exchange, 200, faults.get());
			}
			case "DELETE" -> {
				resetFaults();
				reply(exchange, 200, faults.get());
			}
			default -> error(exchange, 405, "method_not_allowed", "Use GET, PUT or DELETE");
		}
	}

	private void adminStats(HttpExchange exchange) throws IOException {
		try (exchange) {
			reply(exchange, 200, Map.of("requestsReceived", requestsReceived()));
		}
	}

	/** The request's JSON body, or an empty object when it is not JSON (then the field checks refuse it). */
	private static JsonNode readBody(HttpExchange exchange) throws IOException {
		try {
			return json.readTree(exchange.getRequestBody());
		}
		catch (JacksonException e) {
			return json.createObjectNode();
		}
	}

	private void count(String operation) {
		received.computeIfAbsent(operation, ignored -> new LongAdder()).increment();
	}

	/** Sleeps for the configured latency, then answers 503 if a failure is due; true when it did. */
	private boolean injectLatencyAndFailure(HttpExchange exchange) throws IOException {

		ProviderFaults current = faults.get();
		long jitter = current.jitterMillis() == 0
				? 0
				: ThreadLocalRandom.current().nextLong(current.jitterMillis() + 1);
		pause(current.latencyMillis() + jitter);

		boolean fail = takeOne(Counter.FAIL) || ThreadLocalRandom.current().nextDouble() < faults.get().failureRate();
		if (fail) {
			error(exchange, 503, "provider_unavailable", "Injected failure");
		}
		return fail;
	}

	/** Holds the answer back after the work was done, if a timeout is due. */
	private void injectTimeout() {
		ProviderFaults current = faults.get();
		if (takeOne(Counter.TIMEOUT) || ThreadLocalRandom.current().nextDouble() < current.timeoutRate()) {
			pause(current.timeoutMillis());
		}
	}

	private boolean takeOne(Counter counter) {

		var taken = new boolean[1];
		faults.updateAndGet(current -> {
			int left = switch (counter) {
				case FAIL -> current.failNext();
				case TIMEOUT -> current.timeoutNext();
				case FAIL_REFUND -> current.failNextRefunds();
			};
			taken[0] = left > 0;
			if (!taken[0]) {
				return current;
			}
			return switch (counter) {
				case FAIL -> current.withFailNext(left - 1);
				case TIMEOUT -> current.withTimeoutNext(left - 1);
				case FAIL_REFUND -> current.withFailNextRefunds(left - 1);
			};
		});
		return taken[0];
	}

	private static void pause(long millis) {
		if (millis <= 0) {
			return;
		}
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Answers a request a handler failed on with a well-formed {@code 500}, instead of the JDK server's
	 * dropped connection, which a client reads as a cut-off answer of unknown outcome.
	 */
	private static HttpHandler wholeAnswers(HttpHandler handler) {
		return exchange -> {
			try {
				handler.handle(exchange);
			}
			catch (RuntimeException e) {
				log.warn("Payment provider simulator failed on {} {}", exchange.getRequestMethod(),
						exchange.getRequestURI(), e);
				if (exchange.getResponseCode() == -1) {
					error(exchange, 500, "internal_error", "The simulator failed: " + e.getClass().getSimpleName());
				}
				exchange.close();
			}
		};
	}

	private static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
		reply(exchange, status, Map.of("error", code, "message", message));
	}

	private static void reply(HttpExchange exchange, int status, Object body) throws IOException {

		byte[] bytes = json.writeValueAsBytes(body);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
	}

	private static @Nullable String queryParameter(URI uri, String name) {

		String query = uri.getRawQuery();
		if (query == null) {
			return null;
		}
		return Arrays.stream(query.split("&"))
				.map(pair -> pair.split("=", 2))
				.filter(pair -> pair.length == 2 && pair[0].equals(name))
				.map(pair -> URLDecoder.decode(pair[1], StandardCharsets.UTF_8))
				.findFirst()
				.orElse(null);
	}

	private enum Counter {
		FAIL, TIMEOUT, FAIL_REFUND
	}
}
