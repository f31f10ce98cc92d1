package dev.ficus.payments.internal;

import org.jspecify.annotations.Nullable;

/** A row of {@code payments.charge}; see {@code db/payments/V2} for what each status means. */
record Charge(String orderId, String customerId, long amountCents, Status status, @Nullable String providerChargeId,
		@Nullable String reason, boolean unverified, @Nullable String replyTo, int attempts) {

	enum Status {
		PENDING, CHARGED, DECLINED, FAILED
	}
}
