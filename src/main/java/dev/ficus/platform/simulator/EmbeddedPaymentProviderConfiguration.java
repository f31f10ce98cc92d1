package dev.ficus.platform.simulator;

import java.io.IOException;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts the payment provider simulator inside the monolith when no provider is configured, that is when
 * {@code ficus.payment-provider.url} (environment: {@code FICUS_PAYMENT_PROVIDER_URL}) is not set or is
 * {@code embedded}. Its faults start as {@code ficus.payment-provider.simulator.*} says.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "ficus.payment-provider.url", havingValue = "embedded", matchIfMissing = true)
@EnableConfigurationProperties(EmbeddedPaymentProviderConfiguration.SimulatorProperties.class)
class EmbeddedPaymentProviderConfiguration {

	@Bean(destroyMethod = "close")
	PaymentProviderSimulator paymentProviderSimulator(SimulatorProperties properties) throws IOException {
		return PaymentProviderSimulator.start(properties.port(), properties.faults());
	}

	/**
	 * @param port where the embedded simulator listens; 0 picks a free port
	 * @param faults the faults it starts with
	 */
	@ConfigurationProperties("ficus.payment-provider.simulator")
	record SimulatorProperties(@DefaultValue("0") int port, @DefaultValue ProviderFaults faults) {
	}
}
