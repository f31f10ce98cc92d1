package dev.ficus.messaging.internal;

import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ElasticMQ, a real SQS API server, running inside the application on a free loopback port.
 *
 * <p>Its threads are not daemons: a server left running keeps the JVM alive. It is therefore stopped on
 * close and also when it fails to start.
 */
final class EmbeddedSqs implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedSqs.class);

	private final SQSRestServer server;

	private final int port;

	private EmbeddedSqs(SQSRestServer server, int port) {
		this.server = server;
		this.port = port;
	}

	static EmbeddedSqs start() {

		SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
		try {
			int port = server.waitUntilStarted().localAddress().getPort();
			log.info("Embedded SQS (ElasticMQ) listens on 127.0.0.1:{}", port);
			return new EmbeddedSqs(server, port);
		}
		catch (RuntimeException failure) {
			server.stopAndWait();
			throw new IllegalStateException("Embedded SQS did not start", failure);
		}
	}

	int port() {
		return port;
	}

	@Override
	public void close() {
		server.stopAndWait();
		log.info("Embedded SQS on port {} stopped", port);
	}
}
