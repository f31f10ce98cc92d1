package dev.ficus.stack.process;

import java.net.URI;

/** How the supervisor tells that a child process is ready to serve. */
public sealed interface Readiness {

	/** Ready once {@code GET uri} answers 200 with status UP (Spring Boot's {@code /actuator/health}). */
	record HealthEndpoint(URI uri) implements Readiness {
	}

	/** Ready once {@code GET uri} answers 200, for a child without a health endpoint. */
	record HttpOk(URI uri) implements Readiness {
	}

	/** Ready once the child's log contains a line with {@code marker}. */
	record LogLine(String marker) implements Readiness {
	}
}
