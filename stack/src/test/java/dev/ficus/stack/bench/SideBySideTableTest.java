package dev.ficus.stack.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class SideBySideTableTest {

	@Test
	void rendersAMarkdownTableWhoseColumnsLineUpWithNamesLeftAndFiguresRight() {

		String table = new SideBySideTable("Read path", "measure", "direct", "via gateway", "ratio")
				.row("p50", "1.5 ms", "12.0 ms", "8.00×")
				.row("requests sent", "1000", "1000", "")
				.note("ratio = via gateway ÷ direct.")
				.render();

		assertThat(table).isEqualTo("""
				Read path

				| measure       | direct | via gateway | ratio |
				| :------------ | -----: | ----------: | ----: |
				| p50           | 1.5 ms |     12.0 ms | 8.00× |
				| requests sent |   1000 |        1000 |       |

				ratio = via gateway ÷ direct.
				""");
	}

	@Test
	void refusesARowWithTheWrongNumberOfCells() {

		var table = new SideBySideTable("t", "measure", "direct", "via gateway");

		assertThatIllegalArgumentException().isThrownBy(() -> table.row("p50", "1 ms"));
	}

	@Test
	void dividesTheVariantByTheBaselineAndGivesNoRatioWithoutABaseline() {

		assertThat(SideBySideTable.ratio(150, 100)).isEqualTo("1.50×");
		assertThat(SideBySideTable.ratio(1, 3)).isEqualTo("0.33×");
		assertThat(SideBySideTable.ratio(5, 0)).isEqualTo("–");
		assertThat(SideBySideTable.ratio(Double.NaN, 2)).isEqualTo("–");
		assertThat(SideBySideTable.ratio(2, Double.NaN)).isEqualTo("–");
	}

	@Test
	void formatsMicrosecondsAsMillisecondsAndBytesAsMebibytes() {

		assertThat(SideBySideTable.millis(1_250)).isEqualTo("1.3 ms");
		assertThat(SideBySideTable.millis(999)).isEqualTo("1.0 ms");
		assertThat(SideBySideTable.mebibytes(3 * 1024 * 1024 + 512 * 1024)).isEqualTo("3.5 MiB");
		assertThat(SideBySideTable.mebibytes(MemoryProbe.UNKNOWN)).isEqualTo("–");
		assertThat(SideBySideTable.perSecond(1000.0 / 3, "req")).isEqualTo("333.3 req/s");
	}
}
