package dev.ficus.messaging.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

/**
 * Carries the W3C trace context across the queue: the outbox stores the {@code traceparent} of the
 * sender's current span, and the consumer continues that trace in a span of its own.
 */
@Component
class TraceContexts {

	static final String TRACEPARENT = "traceparent";

	private final @Nullable Tracer tracer;

	private final @Nullable Propagator propagator;

	TraceContexts(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
		this.tracer = tracer.getIfAvailable();
		this.propagator = propagator.getIfAvailable();
	}

	@Nullable
	String currentTraceparent() {

		if (tracer == null || propagator == null) {
			return null;
		}
		TraceContext current = tracer.currentTraceContext().context();
		if (current == null) {
			return null;
		}
		Map<String, String> carrier = new HashMap<>();
		propagator.inject(current, carrier, Map::put);
		return carrier.get(TRACEPARENT);
	}

	/** Runs {@code work} in a new consumer span that continues the trace of {@code traceparent}, if any. */
	<T> T continueTrace(@Nullable String traceparent, String spanName, Supplier<T> work) {

		if (tracer == null || propagator == null) {
			return work.get();
		}

		Map<String, String> carrier = traceparent == null ? Map.of() : Map.of(TRACEPARENT, traceparent);
		Span span = propagator.extract(carrier, Map::get)
				.name(spanName)
				.kind(Span.Kind.CONSUMER)
				.start();
		try (var scope = tracer.withSpan(span)) {
			return work.get();
		}
		catch (RuntimeException failure) {
			span.error(failure);
			throw failure;
		}
		finally {
			span.end();
		}
	}
}
