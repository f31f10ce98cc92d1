package dev.ficus.stack.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

class MemoryProbeTest {

	@Test
	void readsKibibyteFieldsOfProcFilesAsBytes() {

		String status = """
				Name:\tjava
				VmPeak:\t 5123456 kB
				VmRSS:\t  345678 kB
				RssAnon:\t  300000 kB
				""";

		assertThat(MemoryProbe.kibibytesField(status, "VmRSS")).isEqualTo(345_678L * 1024);
		assertThat(MemoryProbe.kibibytesField(status, "VmSwap")).isEqualTo(MemoryProbe.UNKNOWN);
		assertThat(MemoryProbe.kibibytesField(null, "VmRSS")).isEqualTo(MemoryProbe.UNKNOWN);
		// RssAnon must not match a search for "Rss".
		assertThat(MemoryProbe.kibibytesField("Rss:  10 kB\nPss:  4 kB\n", "Pss")).isEqualTo(4L * 1024);
	}

	@Test
	void takesTheHeapFromTheActuatorsMetricValue() {

		var metric = JsonMapper.builder().build().readTree("""
				{"name": "jvm.memory.used", "baseUnit": "bytes",
				 "measurements": [{"statistic": "VALUE", "value": 1.2345678E8}],
				 "availableTags": [{"tag": "id", "values": ["G1 Eden Space", "G1 Old Gen"]}]}""");

		assertThat(MemoryProbe.heapFromMetrics(metric)).isEqualTo(123_456_780L);
		assertThat(MemoryProbe.heapFromMetrics(JsonMapper.builder().build().readTree("{}")))
				.isEqualTo(MemoryProbe.UNKNOWN);
	}

	@Test
	void sumsTheHeapPoolsOfThePrometheusExpositionAndLeavesOutNonHeap() {

		String exposition = """
				# HELP jvm_memory_used_bytes The amount of used memory
				# TYPE jvm_memory_used_bytes gauge
				jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 2.5E7
				jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 9.0E7
				jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 4.0E7
				jvm_memory_used_bytes{area="heap",id="G1 Survivor Space"} 1000000.0
				jvm_memory_committed_bytes{area="heap",id="G1 Old Gen"} 1.0E9
				""";

		assertThat(MemoryProbe.heapFromPrometheus(exposition)).isEqualTo(66_000_000L);
		assertThat(MemoryProbe.heapFromPrometheus("# nothing here\n")).isEqualTo(MemoryProbe.UNKNOWN);
	}

	@Test
	void sumsAGroupOfLiveProcessesAndCountsOnlyThoseStillRunning() {

		var probe = new MemoryProbe(HttpClient.newHttpClient());
		long self = ProcessHandle.current().pid();

		MemoryProbe.Reading one = probe.read(new MemoryProbe.Watched("self", List.of(self), null));
		MemoryProbe.Reading withGone = probe.read(new MemoryProbe.Watched("self", List.of(self, Long.MAX_VALUE), null));

		assertThat(one.processes()).isEqualTo(1);
		assertThat(one.rssBytes()).isPositive();
		assertThat(one.heapUsedBytes()).isEqualTo(MemoryProbe.UNKNOWN);
		assertThat(withGone.processes()).isEqualTo(1);
		assertThat(probe.read(new MemoryProbe.Watched("gone", List.of(Long.MAX_VALUE), null)).rssBytes())
				.isEqualTo(MemoryProbe.UNKNOWN);
	}
}
