package dev.ficus.stack.traffic;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.json.JsonMapper;

/**
 * Tokens from the gateway's development issuer ({@code POST /dev/token}) for the launcher's own client,
 * with every scope the driver needs. Only the local stack's gateway has that issuer.
 */
public final class DevTokens {

	private static final String DRIVER_CLIENT = "ficus-stack-driver";

	private static final String DRIVER_SCOPES = "orders:read orders:write customers:read customers:write "
			+ "inventory:read inventory:write";

	private DevTokens() {
	}

	/** The gateway's API with a token fetched on first use and reused; failures go to {@code console}. */
	public static Api gatewayApi(URI gateway, HttpClient http, Consumer<String> console) {

		AtomicReference<@Nullable String> token = new AtomicReference<>();
		return Api.gateway(gateway, () -> {
			if (token.get() == null) {
				token.set(fetch(gateway, http, console));
			}
			return token.get();
		}, http);
	}

	private static @Nullable String fetch(URI gateway, HttpClient http, Consumer<String> console) {

		String form = "grant_type=client_credentials&client_id=" + DRIVER_CLIENT + "&scope="
				+ DRIVER_SCOPES.replace(" ", "+");
		var request = HttpRequest.newBuilder(gateway.resolve("/dev/token"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form))
				.build();
		try {
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				console.accept("  the gateway's development issuer refused a token: HTTP " + response.statusCode());
				return null;
			}
			return JsonMapper.builder().build().readTree(response.body()).path("access_token").asString();
		}
		catch (IOException ex) {
			console.accept("  no token from the gateway's development issuer: " + ex.getMessage());
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}
}
