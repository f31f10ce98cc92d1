package dev.ficus.stack.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The machine a bench ran on, at one moment: figures mean little without the cores they shared and how
 * busy the machine already was.
 *
 * @param loadAverage the 1, 5 and 15 minute load averages of {@code /proc/loadavg}, as written there
 */
record MachineContext(String at, int cores, String cpu, long memoryBytes, String loadAverage, String java,
		String os) {

	static MachineContext now() {

		String cpuInfo = read("/proc/cpuinfo");
		String memInfo = read("/proc/meminfo");
		return new MachineContext(Instant.now().toString(), Runtime.getRuntime().availableProcessors(),
				cpuModel(cpuInfo), MemoryProbe.kibibytesField(memInfo, "MemTotal"), loadAverage(read("/proc/loadavg")),
				System.getProperty("java.vm.name") + " " + Runtime.version(),
				System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty(
						"os.arch"));
	}

	/** The first three fields of {@code /proc/loadavg}, or "unknown". */
	static String loadAverage(@Nullable String procLoadavg) {

		if (procLoadavg == null) {
			return "unknown";
		}
		List<String> fields = Arrays.asList(procLoadavg.strip().split("\\s+"));
		return fields.size() < 3 ? "unknown" : String.join(" ", fields.subList(0, 3));
	}

	private static String cpuModel(@Nullable String cpuInfo) {

		if (cpuInfo == null) {
			return "unknown";
		}
		return cpuInfo.lines()
				.filter(line -> line.startsWith("model name"))
				.map(line -> line.substring(line.indexOf(':') + 1).strip())
				.findFirst()
				.orElse("unknown");
	}

	private static @Nullable String read(String file) {

		try {
			return Files.readString(Path.of(file));
		}
		catch (IOException notLinux) {
			return null;
		}
	}
}
