package dev.ficus.stack.process;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

import com.sun.net.httpserver.HttpServer;

/**
 * A child process for the supervision tests, run with {@code java -cp <test classes>}:
 * {@code healthy <port>} serves an UP health endpoint; {@code failing} logs and exits with 3;
 * {@code silent} logs and never becomes ready; {@code stubborn <port>} is healthy but will not stop when
 * asked to.
 */
public final class TinyChild {

	public static void main(String[] args) throws IOException, InterruptedException {

		System.out.println("tiny child " + args[0] + " starting");
		switch (args[0]) {
			case "healthy" -> serveHealth(Integer.parseInt(args[1]));
			case "stubborn" -> {
				serveHealth(Integer.parseInt(args[1]));
				// A shutdown hook that never ends keeps the JVM alive after SIGTERM.
				Runtime.getRuntime().addShutdownHook(new Thread(TinyChild::waitForever));
			}
			case "failing" -> {
				System.out.println("cannot connect to the database: connection refused");
				System.exit(3);
			}
			case "silent" -> waitForever();
			default -> throw new IllegalArgumentException(args[0]);
		}
	}

	private static void serveHealth(int port) throws IOException {

		var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10);
		server.createContext("/actuator/health", exchange -> {
			byte[] body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		server.start();
		System.out.println("tiny child serving on " + port);
	}

	private static void waitForever() {
		try {
			new CountDownLatch(1).await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}
}
