package example.probes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.convention.TestBean;

import dev.ficus.FicusApplication;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one application context of the HTTP tests: the real app on a random port, the probe endpoints and a
 * clock tests move. Every HTTP test extends this class, so they all share the context.
 */
@SpringBootTest(classes = FicusApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"ficus.idempotency.required-on=POST /orders,POST /orders/probes/required",
		"spring.servlet.multipart.max-request-size=64KB" })
@ActiveProfiles("test")
@Import(ProbeController.class)
public abstract class HttpTestSupport {

	public static final MutableClock CLOCK = new MutableClock();

	protected static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newBuilder()
			.connectTimeout(Duration.ofSeconds(5))
			.build();

	@TestBean(name = "idempotencyClock")
	Clock idempotencyClock;

	static Clock idempotencyClock() {
		return CLOCK;
	}

	/** Sends a request to the app on {@code port}; header values may repeat a name as "Name", "v1", "Name", "v2". */
	public static HttpResponse<String> send(int port, String method, String path, String body, String... headers) {

		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
				.timeout(Duration.ofSeconds(30))
				.method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
						: HttpRequest.BodyPublishers.ofString(body));
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		try {
			return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException failure) {
			throw new UncheckedIOException(failure);
		}
		catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for " + method + " " + path, interrupted);
		}
	}

	public static JsonNode json(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

	public static String stock(String name, int quantity) {
		return JSON.writeValueAsString(Map.of("name", name, "quantity", quantity));
	}
}
