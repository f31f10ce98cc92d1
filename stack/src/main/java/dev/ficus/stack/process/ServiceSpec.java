package dev.ficus.stack.process;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One child process of the stack: the command line, the environment added to the launcher's own, and
 * how to tell it is ready.
 *
 * @param name short name used on the console and for the log file {@code <logs>/<name>.log}
 */
public record ServiceSpec(String name, List<String> command, Map<String, String> environment, Readiness readiness,
		Duration startTimeout) {

	public ServiceSpec {
		command = List.copyOf(command);
		environment = Map.copyOf(environment);
	}
}
