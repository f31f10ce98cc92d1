package dev.ficus.stack.traffic;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * The platform's HTTP API as one base URL: either the monolith itself, or the gateway, which serves the
 * same resources under {@code /api} and wants a bearer token.
 */
public final class Api {

	static final ObjectMapper JSON = JsonMapper.builder().build();

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

	private final String name;

	private final URI base;

	private final String pathPrefix;

	private final Supplier<@Nullable String> token;

	private final HttpClient http;

	private Api(String name, URI base, String pathPrefix, Supplier<@Nullable String> token, HttpClient http) {
		this.name = name;
		this.base = base;
		this.pathPrefix = pathPrefix;
		this.token = token;
		this.http = http;
	}

	/** The monolith (or anything serving its resources at the root) without authentication. */
	public static Api direct(URI base, HttpClient http) {
		return new Api("monolith", base, "", () -> null, http);
	}

	/** The gateway: resources under {@code /api}, each call with the token {@code token} supplies. */
	public static Api gateway(URI base, Supplier<@Nullable String> token, HttpClient http) {
		return new Api("gateway", base, "/api", token, http);
	}

	public String name() {
		return name;
	}

	public URI base() {
		return base;
	}

	public Response get(String path) {
		return send("GET", path, null, Map.of());
	}

	public Response put(String path, Object body) {
		return put(path, body, Map.of());
	}

	public Response put(String path, Object body, Map<String, String> headers) {
		return send("PUT", path, JSON.writeValueAsString(body), headers);
	}

	public Response post(String path, @Nullable String rawBody, Map<String, String> headers) {
		return send("POST", path, rawBody, headers);
	}

	public Response post(String path, Object body, Map<String, String> headers) {
		return send("POST", path, JSON.writeValueAsString(body), headers);
	}

	/**
	 * Sends one request. A connection failure or timeout is an answer too ({@link Response#failure()}), so
	 * the driver counts it instead of stopping.
	 */
	Response send(String method, String path, @Nullable String body, Map<String, String> headers) {

		var request = HttpRequest.newBuilder(base.resolve(pathPrefix + path))
				.timeout(REQUEST_TIMEOUT)
				.header("Accept", "application/json, application/problem+json")
				.method(method, body == null
						? HttpRequest.BodyPublishers.noBody()
						: HttpRequest.BodyPublishers.ofString(body));
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		String bearer = token.get();
		if (bearer != null) {
			request.header("Authorization", "Bearer " + bearer);
		}
		headers.forEach(request::header);

		long started = System.nanoTime();
		try {
			HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(),
					response.headers().firstValue("Content-Type").orElse(""),
					parse(response.body()), Duration.ofNanos(System.nanoTime() - started), null);
		}
		catch (IOException ex) {
			return new Response(0, "", MissingNode.getInstance(), Duration.ofNanos(System.nanoTime() - started),
					ex.getClass().getSimpleName() + ": " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Response(0, "", MissingNode.getInstance(), Duration.ofNanos(System.nanoTime() - started),
					"interrupted");
		}
	}

	private static JsonNode parse(String body) {

		if (body.isBlank()) {
			return MissingNode.getInstance();
		}
		try {
			return JSON.readTree(body);
		}
		catch (RuntimeException notJson) {
			return MissingNode.getInstance();
		}
	}

	/**
	 * One answer.
	 *
	 * @param status the HTTP status, or 0 when no answer came ({@code failure} says why)
	 */
	public record Response(int status, String contentType, JsonNode body, Duration latency,
			@Nullable String failure) {

		public boolean isSuccess() {
			return status >= 200 && status < 300;
		}

		public boolean isProblem() {
			return contentType.startsWith("application/problem+json");
		}

		public String describe() {
			return failure != null ? failure : "HTTP " + status + " " + abbreviate(body.toString());
		}

		private static String abbreviate(String text) {
			return text.length() > 200 ? text.substring(0, 200) + "…" : text;
		}
	}
}
