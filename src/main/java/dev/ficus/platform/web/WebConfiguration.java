package dev.ficus.platform.web;

import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.util.unit.DataSize;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wires the HTTP edge: the request id and body size filters (first, so every later filter and every
 * problem answer has both) and strict JSON reading for request bodies.
 *
 * <p>The body limit is {@code spring.servlet.multipart.max-request-size}: one limit for every request
 * body, multipart or not.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

	private final JsonMapper json;

	WebConfiguration(JsonMapper json) {
		this.json = json;
	}

	@Bean
	FilterRegistrationBean<RequestIds> requestIds() {

		var registration = new FilterRegistrationBean<>(new RequestIds());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

	@Bean
	FilterRegistrationBean<RequestBodyLimit> requestBodyLimit(Problems problems,
			@Value("${spring.servlet.multipart.max-request-size:256KB}") DataSize max) {

		var registration = new FilterRegistrationBean<>(new RequestBodyLimit(max, problems));
		// Filters that read the body (idempotency) come after this one.
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
		return registration;
	}

	/**
	 * Reads request bodies strictly: an unknown field, a duplicate field, a missing primitive, a fraction
	 * for an integer or anything after the document is a 400 naming the field, not a silent guess. Only
	 * HTTP is strict; messages between modules keep the tolerant shared mapper.
	 */
	@Override
	public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {

		JsonMapper strict = json.rebuild()
				.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
						DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
						DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
				.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
				.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
				.build();

		converters.replaceAll(converter -> converter instanceof JacksonJsonHttpMessageConverter
				? new JacksonJsonHttpMessageConverter(strict)
				: converter);
	}
}
