package dev.ficus.payments.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClient.RequestHeadersSpec.ConvertibleClientHttpResponse;

import dev.ficus.platform.resilience.RemoteCallRejected;
import dev.ficus.platform.resilience.TransientRemoteFailure;

/**
 * The payment provider's HTTP API, one plain call per method: no retries here, those belong to the
 * {@code payment-provider} {@link dev.ficus.platform.resilience.RemoteDependency} that wraps each call.
 *
 * <p>Failures are sorted for it: 5xx, 429 and I/O errors (refused connections, read timeouts) are
 * {@link TransientRemoteFailure}s; a 402 is a {@link ChargeOutcome.Declined} result, not a failure; any
 * other 4xx is a {@link RemoteCallRejected}.
 */
class PaymentProvider {

	private static final Logger log = LoggerFactory.getLogger(PaymentProvider.class);

	private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	private final RestClient http;

	PaymentProvider(RestClient http) {
		this.http = http;
	}

	/** Charges the customer once per idempotency key; a repeated key returns the first outcome. */
	ChargeOutcome charge(String idempotencyKey, String reference, String customer, long amountCents) {

		ChargeOutcome answered = remote("charge " + idempotencyKey, () -> http.post()
				.uri("/v1/charges")
				.header(IDEMPOTENCY_KEY, idempotencyKey)
				.body(new ChargeRequest(reference, customer, amountCents))
				.exchange((request, response) -> {
					if (response.getStatusCode().value() == 402) {
						return new ChargeOutcome.Declined(errorOf(response).message());
					}
					requireSuccess(response, "charge " + idempotencyKey);
					return chargeIn(response, idempotencyKey);
				}));
		if (answered != null) {
			return answered;
		}

		// A success status came but its body could not be read (the read timeout struck mid-body): the
		// provider charged, so the charge is looked up by its key instead of counting the call as failed.
		return findCharge(idempotencyKey)
				.<ChargeOutcome>map(ChargeOutcome.Charged::new)
				.orElseThrow(() -> new TransientRemoteFailure("The payment provider's answer to charge "
						+ idempotencyKey + " was cut off and the charge is not found yet; outcome unknown"));
	}

	/** The charge in a success answer, or null when the answer could not be read. */
	private static ChargeOutcome.@Nullable Charged chargeIn(ConvertibleClientHttpResponse response,
			String idempotencyKey) {
		try {
			ProviderCharge charge = response.bodyTo(ProviderCharge.class);
			return charge != null && charge.id() != null ? new ChargeOutcome.Charged(charge.id()) : null;
		}
		catch (RestClientException | UncheckedIOException e) {
			// The read timeout cuts the body stream off: as an I/O error, or wrapped by the JSON reader.
			log.warn("Could not read the payment provider's success answer to charge {}; looking it up: {}",
					idempotencyKey, e.getMessage());
			return null;
		}
	}

	/** The successful charge made under the idempotency key, if any. */
	Optional<String> findCharge(String idempotencyKey) {
		return remote("look up charge " + idempotencyKey, () -> http.get()
				.uri(uri -> uri.path("/v1/charges").queryParam("idempotencyKey", idempotencyKey).build())
				.exchange((request, response) -> {
					requireSuccess(response, "look up charge " + idempotencyKey);
					return response.bodyTo(ChargeList.class).charges().stream().findFirst().map(ProviderCharge::id);
				}));
	}

	/** Refunds once per idempotency key and returns the provider's refund id. */
	String refund(String idempotencyKey, String chargeId, long amountCents) {
		return remote("refund " + idempotencyKey, () -> http.post()
				.uri("/v1/refunds")
				.header(IDEMPOTENCY_KEY, idempotencyKey)
				.body(new RefundRequest(chargeId, amountCents))
				.exchange((request, response) -> {
					requireSuccess(response, "refund " + idempotencyKey);
					return response.bodyTo(ProviderRefund.class).id();
				}));
	}

	private static <T extends @Nullable Object> T remote(String what, Supplier<T> call) {
		try {
			return call.get();
		}
		catch (ResourceAccessException e) {
			throw new TransientRemoteFailure(
					"The payment provider did not answer to " + what + ": " + e.getMessage(), e);
		}
		catch (RestClientException e) {
			// A broken or unreadable answer: whatever happened at the provider, asking again is safe.
			throw new TransientRemoteFailure("The payment provider's answer to " + what + " was unusable: "
					+ e.getMessage(), e);
		}
	}

	private static void requireSuccess(ConvertibleClientHttpResponse response, String what)
			throws IOException {

		HttpStatusCode status = response.getStatusCode();
		if (status.is2xxSuccessful()) {
			return;
		}
		String message = "The payment provider answered " + status.value() + " to " + what + ": "
				+ errorOf(response).message();
		if (status.is5xxServerError() || status.value() == 429) {
			throw new TransientRemoteFailure(message);
		}
		throw new RemoteCallRejected(status.value(), message);
	}

	private static ProviderError errorOf(ConvertibleClientHttpResponse response) {
		try {
			ProviderError error = response.bodyTo(ProviderError.class);
			return error != null ? error : new ProviderError("unknown", "no body");
		}
		catch (RuntimeException e) {
			return new ProviderError("unknown", "unreadable body");
		}
	}

	/** What a charge request ended in, when the provider answered it. */
	sealed interface ChargeOutcome {

		record Charged(String chargeId) implements ChargeOutcome {
		}

		record Declined(String reason) implements ChargeOutcome {
		}
	}

	record ChargeRequest(String reference, String customer, long amountCents) {
	}

	record RefundRequest(String chargeId, long amountCents) {
	}

	record ProviderCharge(String id, long amountCents) {
	}

	record ChargeList(List<ProviderCharge> charges) {
	}

	record ProviderRefund(String id, String chargeId, long amountCents) {
	}

	record ProviderError(String error, String message) {
	}
}
