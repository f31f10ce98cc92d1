package dev.ficus.platform.resilience;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

import io.github.resilience4j.bulkhead.ThreadPoolBulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Hands out one {@link RemoteDependency} per dependency name. The breaker, the retry and the bulkhead come
 * from Spring Boot's resilience4j registries, so they are configured under the same name in
 * {@code resilience4j.circuitbreaker.instances}, {@code resilience4j.retry.configs} and
 * {@code resilience4j.thread-pool-bulkhead.instances}, and show up in the Actuator endpoints and metrics.
 * What resilience4j cannot express (full-jitter backoff, the retry budget) is set under
 * {@code ficus.resilience.dependencies.<name>}.
 */
@Component
@EnableConfigurationProperties(RemoteDependencies.Settings.class)
public class RemoteDependencies {

	private final CircuitBreakerRegistry circuitBreakers;

	private final RetryRegistry retries;

	private final ThreadPoolBulkheadRegistry bulkheads;

	private final Settings settings;

	private final ObjectProvider<MeterRegistry> meters;

	private final Map<String, RemoteDependency> dependencies = new ConcurrentHashMap<>();

	RemoteDependencies(CircuitBreakerRegistry circuitBreakers, RetryRegistry retries,
			ThreadPoolBulkheadRegistry bulkheads, Settings settings, ObjectProvider<MeterRegistry> meters) {
		this.circuitBreakers = circuitBreakers;
		this.retries = retries;
		this.bulkheads = bulkheads;
		this.settings = settings;
		this.meters = meters;
	}

	/** The dependency of that name, created on first use from its configuration (or the defaults). */
	public RemoteDependency named(String name) {
		return dependencies.computeIfAbsent(name, this::create);
	}

	private RemoteDependency create(String name) {

		Dependency dependency = settings.dependencies().getOrDefault(name, Dependency.DEFAULTS);

		RetryConfig configured = retries.getConfiguration(name).orElseGet(retries::getDefaultConfig);
		RetryConfig withBackoff = RetryConfig.from(configured)
				.intervalFunction(new FullJitterBackoff(dependency.backoffBase(), dependency.backoffCap()))
				.build();

		var budget = new RetryBudget(dependency.retryBudgetRatio(), dependency.retryBudgetCapacity());
		meters.ifAvailable(registry -> Gauge.builder("ficus.retry.budget.available", budget, RetryBudget::available)
				.description("Retries the dependency's retry budget allows now")
				.tag("name", name)
				.register(registry));

		return new RemoteDependency(name,
				bulkheads.bulkhead(name),
				retries.retry(name, withBackoff),
				circuitBreakers.circuitBreaker(name),
				budget);
	}

	/** {@code ficus.resilience}: settings per dependency name. */
	@ConfigurationProperties("ficus.resilience")
	record Settings(@DefaultValue Map<String, Dependency> dependencies) {
	}

	/**
	 * @param backoffBase the full-jitter window before the first retry
	 * @param backoffCap the largest window, however many retries came before
	 * @param retryBudgetRatio the retries each call earns (0.2: one retry per five calls)
	 * @param retryBudgetCapacity the most retries saved up
	 */
	record Dependency(@DefaultValue("100ms") Duration backoffBase, @DefaultValue("2s") Duration backoffCap,
			@DefaultValue("0.2") double retryBudgetRatio, @DefaultValue("10") double retryBudgetCapacity) {

		static final Dependency DEFAULTS = new Dependency(Duration.ofMillis(100), Duration.ofSeconds(2), 0.2, 10);
	}
}
