package dev.ficus.stack.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

class FaultRowTest {

	private static final Duration BOUND = Duration.ofSeconds(120);

	@Test
	void passesARowWithNothingLostDoubledOrUnexpectedSettledWithinTheBound() {
		assertThat(row(0, 0, 0, Duration.ofSeconds(30)).passed()).isTrue();
	}

	@Test
	void failsARowWithALostOrder() {

		FaultRow row = row(1, 0, 0, Duration.ofSeconds(30));

		assertThat(row.passed()).isFalse();
		assertThat(row.failures()).contains("1 lost");
	}

	@Test
	void failsARowWithADuplicatedEffectOrAnUnexpectedOutcome() {

		assertThat(row(0, 1, 0, Duration.ofSeconds(30)).failures()).contains("1 duplicated effects");
		assertThat(row(0, 0, 2, Duration.ofSeconds(30)).failures()).contains("2 unexpected");
	}

	@Test
	void failsARowThatSettledAfterTheBoundOrNever() {

		assertThat(row(0, 0, 0, BOUND.plusSeconds(1)).passed()).isFalse();
		assertThat(row(0, 0, 0, null).failures()).contains("not all terminal within 120 s");
	}

	@Test
	void countsOrdersChargedTwiceAndChargesRefundedTwiceInTheProviderLedger() {

		var ledger = JsonMapper.builder().build().readTree("""
				{"charges": [
				  {"id": "ch_1", "reference": "order-1", "status": "succeeded"},
				  {"id": "ch_2", "reference": "order-1", "status": "succeeded"},
				  {"id": "ch_3", "reference": "order-2", "status": "succeeded"},
				  {"id": "ch_4", "reference": "order-3", "status": "declined"},
				  {"id": "ch_5", "reference": "order-3", "status": "succeeded"}],
				 "refunds": [{"chargeId": "ch_3"}, {"chargeId": "ch_3"}, {"chargeId": "ch_5"}]}""");

		assertThat(ProviderDuplicates.count(ledger)).isEqualTo(2);
	}

	@Test
	void parsesFaultKindsByIdAndRefusesUnknownOnes() {

		assertThat(FaultKind.parse("kill-9, replay")).containsExactly(FaultKind.KILL_MONOLITH, FaultKind.REPLAY);
		assertThatIllegalArgumentException().isThrownBy(() -> FaultKind.parse("meteor"))
				.withMessageContaining("sqs-outage");
	}

	private static FaultRow row(int lost, int duplicated, int unexpected, @Nullable Duration settled) {
		return new FaultRow("kill-9", "kill -9", 40, 35, 5 - lost, lost, duplicated, unexpected, 3, settled, BOUND,
				"2 kills", Map.of(), List.of());
	}
}
