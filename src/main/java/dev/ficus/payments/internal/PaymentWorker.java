package dev.ficus.payments.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.ficus.payments.internal.PaymentProvider.ChargeOutcome;
import dev.ficus.platform.resilience.RemoteDependencies;
import dev.ficus.platform.resilience.RemoteDependency;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/**
 * Makes the provider calls for pending charges and refunds on the {@code payment-provider} dependency's
 * own threads, outside any database transaction, and records each outcome through {@link PaymentRecords}.
 *
 * <p>A charge whose calls all failed is not simply reported failed: the provider may have charged and
 * lost its answer (a read timeout). The charge is looked up by its idempotency key first, and a charge
 * found makes the payment a success. Otherwise the payment fails, but stays unverified: a request the
 * provider is still working on may charge later, so {@link PaymentRecovery} looks again once
 * {@code idle-after} has passed and voids any charge it then finds.
 */
@Component
class PaymentWorker {

	static final String DEPENDENCY = "payment-provider";

	private static final Logger log = LoggerFactory.getLogger(PaymentWorker.class);

	private final RemoteDependency dependency;

	private final PaymentProvider provider;

	private final PaymentRecords records;

	PaymentWorker(RemoteDependencies dependencies, PaymentProvider provider, PaymentRecords records) {
		this.dependency = dependencies.named(DEPENDENCY);
		this.provider = provider;
		this.records = records;
	}

	/**
	 * How many calls recovery may make now: none while the breaker is open, one trial call while it is
	 * half-open or open with its wait over, otherwise what the bulkhead can still run or queue.
	 */
	int room() {
		return dependency.roomForDeferrableCalls();
	}

	/** The state of the provider's circuit breaker now, for the logs. */
	CircuitBreaker.State providerBreakerState() {
		return dependency.circuitBreaker().getState();
	}

	/** Runs {@code action} whenever the provider's breaker lets calls through again (half-open or closed). */
	void whenProviderAdmitsCallsAgain(Runnable action) {
		dependency.whenCallsAdmittedAgain(action);
	}

	/** Charges a pending charge; the future completes once the outcome is recorded (or left pending). */
	CompletableFuture<Void> charge(Charge charge) {
		return dependency
				.submit(() -> provider.charge(charge.orderId(), charge.orderId(), charge.customerId(),
						charge.amountCents()))
				.handle((outcome, failure) -> {
					if (failure != null) {
						return afterChargeFailed(charge, unwrap(failure));
					}
					return recordOutcome(charge, outcome);
				})
				.thenCompose(settled -> settled)
				.whenComplete((ignored, failure) -> logUnrecorded("charge", charge.orderId(), failure));
	}

	/** Refunds a pending refund; the future completes once the outcome is recorded. */
	CompletableFuture<Void> refund(Refund refund) {
		return dependency
				.submit(() -> provider.refund(refund.idempotencyKey(), refund.providerChargeId(), refund.amountCents()))
				.handle((refundId, failure) -> {
					if (failure == null) {
						records.refunded(refund, refundId);
					}
					else if (refund.voidOfFailedCharge() && RemoteDependency.isRefusal(failure)) {
						records.voidRefused(refund, unwrap(failure).getMessage());
					}
					else if (refund.voidOfFailedCharge()) {
						// Nobody waits for a void: it stays pending until PaymentRecovery tries again.
						log.warn("Void of charge {} for order {} failed, will retry: {}", refund.providerChargeId(),
								refund.orderId(), unwrap(failure).getMessage());
					}
					else {
						records.refundFailed(refund, unwrap(failure).getMessage());
					}
					return (Void) null;
				})
				.whenComplete((ignored, failure) -> logUnrecorded("refund", refund.orderId(), failure));
	}

	/** Looks up a failed charge whose outcome is unknown, and voids the charge if the provider made one. */
	CompletableFuture<Void> verify(Charge charge) {
		return dependency.submit(() -> provider.findCharge(charge.orderId()))
				.handle((found, failure) -> {
					if (failure != null && RemoteDependency.isRefusal(failure)) {
						records.lookupRefused(charge, unwrap(failure).getMessage());
						return CompletableFuture.<Void>completedFuture(null);
					}
					if (failure != null) {
						log.warn("Could not verify failed payment of order {} yet: {}", charge.orderId(),
								unwrap(failure).getMessage());
						return CompletableFuture.<Void>completedFuture(null);
					}
					return voidIfQueued(records.verified(charge, found.orElse(null)));
				})
				.thenCompose(done -> done)
				.whenComplete((ignored, failure) -> logUnrecorded("verification", charge.orderId(), failure));
	}

	private CompletableFuture<Void> recordOutcome(Charge charge, ChargeOutcome outcome) {
		return switch (outcome) {
			case ChargeOutcome.Charged charged -> voidIfQueued(records.charged(charge, charged.chargeId()));
			case ChargeOutcome.Declined declined -> {
				records.declined(charge, declined.reason());
				yield CompletableFuture.completedFuture(null);
			}
		};
	}

	private CompletableFuture<Void> voidIfQueued(@Nullable Refund voiding) {
		return voiding == null ? CompletableFuture.completedFuture(null) : refund(voiding);
	}

	private CompletableFuture<Void> afterChargeFailed(Charge charge, Throwable failure) {

		if (failure instanceof BulkheadFullException) {
			// Nothing was sent: the charge stays pending and PaymentRecovery submits it again later.
			log.warn("Payment provider bulkhead is full; charge of order {} waits for recovery", charge.orderId());
			return CompletableFuture.completedFuture(null);
		}

		String reason = failure.getMessage() != null ? failure.getMessage() : failure.getClass().getSimpleName();
		return dependency.submit(() -> provider.findCharge(charge.orderId()))
				.handle((found, lookupFailure) -> {
					if (lookupFailure != null || found.isEmpty()) {
						records.failed(charge, reason);
						return CompletableFuture.<Void>completedFuture(null);
					}
					log.warn("Charge of order {} failed ({}) but the provider made charge {}", charge.orderId(),
							reason, found.get());
					return voidIfQueued(records.charged(charge, found.get()));
				})
				.thenCompose(settled -> settled);
	}

	private static void logUnrecorded(String what, String orderId, Throwable failure) {
		if (failure != null) {
			log.warn("Could not record the {} outcome of order {}; recovery will retry", what, orderId,
					unwrap(failure));
		}
	}

	private static Throwable unwrap(Throwable failure) {
		return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
	}
}
