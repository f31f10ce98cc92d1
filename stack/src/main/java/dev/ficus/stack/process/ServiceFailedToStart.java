package dev.ficus.stack.process;

/** A child process exited or did not become ready in time; the message names it and quotes its log. */
public class ServiceFailedToStart extends RuntimeException {

	private final String service;

	ServiceFailedToStart(String service, String reason, String logTail) {
		super("%s %s. Last lines of its log:%n%s".formatted(service, reason, logTail.indent(4)));
		this.service = service;
	}

	public String service() {
		return service;
	}
}
