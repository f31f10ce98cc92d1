package dev.ficus.messaging.internal;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;

import org.netcrusher.core.reactor.NioReactor;
import org.netcrusher.tcp.TcpCrusher;
import org.netcrusher.tcp.TcpCrusherBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import dev.ficus.notifications.ProbeHandler;
import dev.ficus.shipping.SlowHandler;
import io.micrometer.tracing.Tracer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * What the messaging tests add to the application: a probe handler, and a TCP proxy between the
 * application and the embedded SQS that a test can close to cut SQS off and reopen to bring it back.
 */
@TestConfiguration(proxyBeanMethods = false)
class MessagingTestConfiguration {

	@Bean
	ProbeHandler probeHandler(Tracer tracer) {
		return new ProbeHandler(tracer);
	}

	@Bean
	SlowHandler slowHandler() {
		return new SlowHandler();
	}

	@Bean
	PublicationProbeListener publicationProbeListener() {
		return new PublicationProbeListener();
	}

	@Bean(destroyMethod = "close")
	NioReactor proxyReactor() throws IOException {
		return new NioReactor();
	}

	@Bean(destroyMethod = "close")
	TcpCrusher sqsProxy(NioReactor reactor, EmbeddedSqs sqs) throws IOException {

		return TcpCrusherBuilder.builder()
				.withReactor(reactor)
				.withBindAddress("127.0.0.1", freePort())
				.withConnectAddress("127.0.0.1", sqs.port())
				.buildAndOpen();
	}

	@Bean(destroyMethod = "close")
	@Primary
	SqsClient sqsThroughProxy(TcpCrusher proxy) {

		return SqsConfiguration.builder("standard")
				.endpointOverride(URI.create("http://127.0.0.1:" + proxy.getBindAddress().getPort()))
				.region(Region.US_EAST_1)
				.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
				.build();
	}

	private static int freePort() throws IOException {

		try (var socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}
}
