package dev.ficus.payments.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import dev.ficus.platform.simulator.PaymentProviderSimulator;

/**
 * The HTTP client for the payment provider: JDK HttpClient with connect and read timeouts, pointed at the
 * configured provider or at the embedded simulator.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PaymentProviderConfiguration.ProviderProperties.class)
class PaymentProviderConfiguration {

	@Bean
	PaymentProvider paymentProvider(ProviderProperties properties,
			ObjectProvider<PaymentProviderSimulator> embedded) {

		URI baseUrl = "embedded".equals(properties.url())
				? embedded.getObject().baseUrl()
				: URI.create(properties.url());

		return connect(baseUrl, properties);
	}

	/** The provider's client over the JDK HttpClient, with the configured connect and read timeouts. */
	static PaymentProvider connect(URI baseUrl, ProviderProperties properties) {

		var client = HttpClient.newBuilder()
				.connectTimeout(properties.connectTimeout())
				.version(HttpClient.Version.HTTP_1_1)
				.build();
		var requests = new JdkClientHttpRequestFactory(client);
		requests.setReadTimeout(properties.readTimeout());

		return new PaymentProvider(RestClient.builder()
				.baseUrl(baseUrl.toString())
				.requestFactory(requests)
				.build());
	}

	/**
	 * {@code ficus.payment-provider}.
	 *
	 * @param url the provider's base URL; {@code embedded} (the default) starts the simulator in-process
	 * @param connectTimeout how long to wait for a connection
	 * @param readTimeout how long to wait for an answer; past it the call is a transient failure whose
	 *        outcome is unknown, which the payments module settles by a lookup
	 */
	@ConfigurationProperties("ficus.payment-provider")
	record ProviderProperties(@DefaultValue("embedded") String url, @DefaultValue("1s") Duration connectTimeout,
			@DefaultValue("2s") Duration readTimeout) {
	}
}
