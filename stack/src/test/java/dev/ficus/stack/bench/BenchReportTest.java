package dev.ficus.stack.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class BenchReportTest {

	private static final MachineContext MACHINE = new MachineContext("2026-12-03T17:30:00Z", 2, "Some CPU",
			4L * 1024 * 1024 * 1024, "1.00 0.50 0.25", "OpenJDK 64-Bit Server VM 25", "Linux");

	private static final LatencySummary POSTS_DIRECT = new LatencySummary(300, 10_000, 20_000, 40_000, 50_000);

	private static final LatencySummary POSTS_GATEWAY = new LatencySummary(300, 15_000, 30_000, 40_000, 100_000);

	private static final LatencySummary SAGAS = new LatencySummary(300, 500_000, 900_000, 1_000_000, 1_100_000);

	private static final LatencySummary GETS = new LatencySummary(1000, 2_000, 4_000, 6_000, 8_000);

	@Test
	void putsTheVariantsSideBySideWithTheGatewayDividedByDirect() {

		String placement = report(placed(DIRECT_TERMINAL)).placement().render();

		// 300 accepted in 10 s against 300 in 15 s.
		assertThat(placement).contains("| throughput (accepted)", "30.0 orders/s", "20.0 orders/s", "0.67×");
		assertThat(placement).contains("| POST /orders p50", "10.0 ms", "15.0 ms", "1.50×");
		assertThat(placement).containsPattern("POST /orders max +\\| +50\\.0 ms \\| +100\\.0 ms \\| 2\\.00× \\|");
		// Terminal after 20 s against 30 s, 300 sagas each: 15 against 10 sagas a second.
		assertThat(placement).contains("20.00 s", "30.00 s", "15.0 sagas/s", "10.0 sagas/s");
		assertThat(placement)
				.containsPattern("sagas still running after last answer +\\| +10\\.00 s \\| +15\\.00 s \\| 1\\.50×");
		assertThat(placement).containsPattern("\\| orders sent +\\| +300 \\| +300 \\| +\\|");
	}

	@Test
	void showsADashInsteadOfARatioWhenSomeSagasNeverFinished() {

		String placement = report(placed(null)).placement().render();

		assertThat(placement).containsPattern("all sagas terminal, from first POST +\\| +– \\| +30\\.00 s \\| +– \\|");
		assertThat(placement).contains("300 / 0 / 0", "290 / 0 / 10");
	}

	@Test
	void comparesMemoryAfterLoadWithIdleAndSumsPostgresSeparately() {

		long mib = 1024 * 1024;
		var idle = List.of(new MemoryProbe.Reading("monolith", 1, 400 * mib, 390 * mib, 100 * mib),
				new MemoryProbe.Reading("postgres", 6, 120 * mib, 40 * mib, MemoryProbe.UNKNOWN));
		var after = List.of(new MemoryProbe.Reading("monolith", 1, 600 * mib, 590 * mib, 150 * mib),
				new MemoryProbe.Reading("postgres", 14, 300 * mib, 80 * mib, MemoryProbe.UNKNOWN));

		String memory = new BenchReport(MACHINE, MACHINE, 8, 50, 200, false, placed(DIRECT_TERMINAL), reads(), idle, after)
				.memory()
				.render();

		assertThat(memory).containsPattern("monolith: RSS +\\| +400\\.0 MiB \\| +600\\.0 MiB \\| 1\\.50× \\|")
				.containsPattern("monolith: heap used +\\| +100\\.0 MiB \\| +150\\.0 MiB \\| 1\\.50× \\|")
				.containsPattern("postgres: processes +\\| +6 \\| +14 \\|")
				.containsPattern("postgres: PSS, summed +\\| +40\\.0 MiB \\| +80\\.0 MiB \\| 2\\.00× \\|")
				.doesNotContain("postgres: heap");
	}

	@Test
	void statesTheWarmUpAndTheMachineLoadInTheNotes() {

		assertThat(String.join("\n", report(placed(DIRECT_TERMINAL)).notes()))
				.contains("50 orders and 200 reads per variant")
				.contains("2 cores, load average 1.00 0.50 0.25 at start")
				.contains("the direct variant ran first");
		assertThat(String.join("\n", new BenchReport(MACHINE, MACHINE, 8, 50, 200, true, placed(DIRECT_TERMINAL), reads(),
				List.of(), List.of()).notes())).contains("the variant via the gateway ran first");
	}

	private static final Double DIRECT_TERMINAL = 20_000.0;

	private static List<PlacementFigures> placed(Double directTerminalMillis) {

		return List.of(
				new PlacementFigures(BenchCommand.DIRECT, 300, 300, 300, 0, 0, null, 10_000, POSTS_DIRECT,
						directTerminalMillis, SAGAS, directTerminalMillis == null ? 290 : 300, 0, directTerminalMillis == null ? 10 : 0),
				new PlacementFigures(BenchCommand.VIA_GATEWAY, 300, 300, 300, 0, 0, null, 15_000, POSTS_GATEWAY,
						30_000.0, SAGAS, 300, 0, 0));
	}

	private static List<ReadFigures> reads() {
		return List.of(new ReadFigures(BenchCommand.DIRECT, 1000, 1000, 1000, 0, null, 2_000, GETS),
				new ReadFigures(BenchCommand.VIA_GATEWAY, 1000, 1000, 1000, 0, null, 4_000, GETS));
	}

	private static BenchReport report(List<PlacementFigures> placements) {
		return new BenchReport(MACHINE, MACHINE, 8, 50, 200, false, placements, reads(), List.of(), List.of());
	}
}
