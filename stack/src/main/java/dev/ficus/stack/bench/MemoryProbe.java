package dev.ficus.stack.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads how much memory a process of the stack holds: its resident set (VmRSS of
 * {@code /proc/<pid>/status}), its proportional share (Pss of {@code /proc/<pid>/smaps_rollup}, which
 * splits pages shared between processes, such as PostgreSQL's shared buffers, among them), and for a
 * Spring Boot service its JVM heap in use as its actuator reports {@code jvm.memory.used} (area heap):
 * from {@code /actuator/metrics} when exposed, else from {@code /actuator/prometheus}. Linux only; a
 * figure that cannot be read is -1.
 */
final class MemoryProbe {

	static final long UNKNOWN = -1;

	private static final Pattern PROMETHEUS_HEAP_LINE = Pattern.compile(
			"^jvm_memory_used_bytes\\{([^}]*)}\\s+(\\S+)", Pattern.MULTILINE);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http;

	MemoryProbe(HttpClient http) {
		this.http = http;
	}

	/**
	 * One process, or a group of them (PostgreSQL's server and its backends) whose figures are summed.
	 *
	 * @param actuator the base URL of the service's actuator, when it is a Spring Boot service
	 */
	record Watched(String name, List<Long> pids, @Nullable URI actuator) {
	}

	/** @param processes how many processes the figures sum up (PostgreSQL's backends come and go) */
	record Reading(String name, int processes, long rssBytes, long pssBytes, long heapUsedBytes) {
	}

	Reading read(Watched watched) {

		long rss = 0;
		long pss = 0;
		int alive = 0;
		for (long pid : watched.pids()) {
			long processRss = kibibytesField(readProc(pid, "status"), "VmRSS");
			if (processRss == UNKNOWN) {
				continue;
			}
			alive++;
			rss += processRss;
			long processPss = kibibytesField(readProc(pid, "smaps_rollup"), "Pss");
			pss = pss == UNKNOWN || processPss == UNKNOWN ? UNKNOWN : pss + processPss;
		}
		long heap = watched.actuator() != null ? heapUsed(watched.actuator()) : UNKNOWN;
		return new Reading(watched.name(), alive, alive == 0 ? UNKNOWN : rss, alive == 0 ? UNKNOWN : pss, heap);
	}

	private long heapUsed(URI actuator) {

		String metrics = get(actuator.resolve("/actuator/metrics/jvm.memory.used?tag=area:heap"));
		if (metrics != null) {
			long fromMetrics = heapFromMetrics(JSON.readTree(metrics));
			if (fromMetrics != UNKNOWN) {
				return fromMetrics;
			}
		}
		String prometheus = get(actuator.resolve("/actuator/prometheus"));
		return prometheus != null ? heapFromPrometheus(prometheus) : UNKNOWN;
	}

	/**
	 * A {@code kB} field of a {@code /proc} file such as {@code VmRSS:  123456 kB}, in bytes; -1 when the
	 * text has no such field.
	 */
	static long kibibytesField(@Nullable String procText, String field) {

		if (procText == null) {
			return UNKNOWN;
		}
		Matcher matcher = Pattern.compile("^" + Pattern.quote(field) + ":\\s+(\\d+)\\s+kB", Pattern.MULTILINE)
				.matcher(procText);
		return matcher.find() ? Long.parseLong(matcher.group(1)) * 1024 : UNKNOWN;
	}

	/** The value of {@code /actuator/metrics/jvm.memory.used?tag=area:heap}: its VALUE measurement. */
	static long heapFromMetrics(JsonNode metric) {

		for (JsonNode measurement : metric.path("measurements")) {
			if ("VALUE".equals(measurement.path("statistic").asString("")) && measurement.path("value").isNumber()) {
				return (long) measurement.path("value").asDouble();
			}
		}
		return UNKNOWN;
	}

	/** The sum of every {@code jvm_memory_used_bytes} series with {@code area="heap"} (one per heap pool). */
	static long heapFromPrometheus(String exposition) {

		Matcher line = PROMETHEUS_HEAP_LINE.matcher(exposition);
		double sum = 0;
		boolean found = false;
		while (line.find()) {
			if (line.group(1).contains("area=\"heap\"")) {
				sum += Double.parseDouble(line.group(2));
				found = true;
			}
		}
		return found ? (long) sum : UNKNOWN;
	}

	private static @Nullable String readProc(long pid, String file) {

		try {
			return Files.readString(Path.of("/proc", Long.toString(pid), file));
		}
		catch (IOException | SecurityException goneOrNotLinux) {
			return null;
		}
	}

	private @Nullable String get(URI uri) {

		var request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build();
		try {
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
			return response.statusCode() == 200 ? response.body() : null;
		}
		catch (IOException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}
}
