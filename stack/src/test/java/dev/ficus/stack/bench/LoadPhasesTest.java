package dev.ficus.stack.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

class LoadPhasesTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void measuresASagaFromThePlacementToItsLastFinishedStep() {

		var order = JSON.readTree("""
				{"placedAt": "2026-12-03T17:00:00.100Z",
				 "saga": {"state": "COMPLETED", "steps": [
				   {"name": "reserve-inventory", "finishedAt": "2026-12-03T17:00:00.300Z"},
				   {"name": "ship", "finishedAt": "2026-12-03T17:00:01.350Z"},
				   {"name": "charge-payment", "finishedAt": "2026-12-03T17:00:00.900Z"}]}}""");

		assertThat(LoadPhases.sagaDuration(order)).isEqualTo(Duration.ofMillis(1_250));
	}

	@Test
	void hasNoSagaDurationWithoutTimestamps() {

		assertThat(LoadPhases.sagaDuration(JSON.readTree("""
				{"placedAt": "2026-12-03T17:00:00Z", "saga": {"steps": [{"finishedAt": null}]}}"""))).isNull();
		assertThat(LoadPhases.sagaDuration(JSON.readTree("{\"saga\": {}}"))).isNull();
	}
}
