package dev.ficus.stack.infra;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The infrastructure process: starts {@link SharedInfrastructure}, logs {@link #READY} and runs until it
 * is terminated or its standard input closes. The launcher holds that input open, so the infrastructure
 * also stops when the launcher dies without a chance to stop it.
 */
@Command(name = "infrastructure", description = "Run the shared PostgreSQL and ElasticMQ (started by 'run').")
public final class InfrastructureCommand implements Callable<Integer> {

	/** The line the launcher waits for. */
	public static final String READY = "Shared infrastructure ready";

	private static final Logger log = LoggerFactory.getLogger(InfrastructureCommand.class);

	@Option(names = "--data", required = true, description = "PostgreSQL data directory (kept across runs).")
	private Path dataDirectory;

	@Option(names = "--postgres-port", required = true)
	private int postgresPort;

	@Option(names = "--sqs-port", required = true)
	private int sqsPort;

	@Option(names = "--databases", split = ",", required = true, description = "Databases to create if missing.")
	private List<String> databases;

	@Override
	public Integer call() throws Exception {

		var infrastructure = SharedInfrastructure.start(dataDirectory, postgresPort, sqsPort, databases);
		AtomicBoolean stopped = new AtomicBoolean();
		// Whoever comes second waits until the first has stopped everything: the JVM must not exit while
		// PostgreSQL is still shutting down, or it is left running without a parent.
		Runnable stop = () -> {
			synchronized (stopped) {
				if (stopped.compareAndSet(false, true)) {
					infrastructure.close();
				}
			}
		};
		Runtime.getRuntime().addShutdownHook(new Thread(stop, "infrastructure-shutdown"));
		log.info("{} (PostgreSQL 127.0.0.1:{}, SQS http://127.0.0.1:{})", READY, postgresPort, sqsPort);

		awaitEndOfInput(System.in);
		log.info("The launcher is gone; stopping");
		stop.run();
		return 0;
	}

	private static void awaitEndOfInput(InputStream input) {

		try {
			while (input.read() != -1) {
				// Nothing is ever sent; only the end of the stream matters.
			}
		}
		catch (IOException closed) {
			// A broken pipe means the same as the end of the input.
		}
	}
}
