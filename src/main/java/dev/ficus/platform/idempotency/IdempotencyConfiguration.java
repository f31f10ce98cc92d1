package dev.ficus.platform.idempotency;

import java.time.Clock;
import java.util.List;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import dev.ficus.platform.web.Problems;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wires idempotency: the records, the filter (after the request id and body limit filters, whose cached
 * body it fingerprints), the purge, and {@link IdempotencyKey} as a controller method argument.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(IdempotencyProperties.class)
class IdempotencyConfiguration implements WebMvcConfigurer {

	/** The clock of leases and expiry; a bean of its own so tests can move time. */
	@Bean
	Clock idempotencyClock() {
		return Clock.systemUTC();
	}

	@Bean
	IdempotencyRecords idempotencyRecords(JdbcClient jdbc, JsonMapper json,
			@Qualifier("idempotencyClock") Clock clock, IdempotencyProperties properties, BeanFactory beans) {
		return new IdempotencyRecords(jdbc, json, clock, properties, beans);
	}

	@Bean
	FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(IdempotencyRecords records, Problems problems,
			IdempotencyProperties properties) {

		var registration = new FilterRegistrationBean<>(new IdempotencyFilter(records, problems, properties));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 30);
		return registration;
	}

	@Bean
	IdempotencyPurge idempotencyPurge(IdempotencyRecords records, IdempotencyProperties properties) {
		return new IdempotencyPurge(records, properties);
	}

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(new CurrentKey());
	}

	/** Resolves a controller parameter of type {@link IdempotencyKey}: the running request's key, or null. */
	private static final class CurrentKey implements HandlerMethodArgumentResolver {

		@Override
		public boolean supportsParameter(MethodParameter parameter) {
			return parameter.getParameterType() == IdempotencyKey.class;
		}

		@Override
		public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
				NativeWebRequest request, WebDataBinderFactory binders) {
			return request.getAttribute(IdempotencyKey.ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
		}
	}
}
