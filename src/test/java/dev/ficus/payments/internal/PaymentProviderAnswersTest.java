package dev.ficus.payments.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.ficus.payments.internal.PaymentProvider.ChargeOutcome;
import dev.ficus.payments.internal.PaymentProviderConfiguration.ProviderProperties;
import dev.ficus.platform.resilience.TransientRemoteFailure;

/**
 * How {@link PaymentProvider} reads a success answer that breaks off, against a provider stand-in on a
 * loopback socket: it sends a charge's status line, headers and half its body, then nothing, as a slow
 * network can do to the real provider (the simulator always answers whole).
 */
class PaymentProviderAnswersTest {

	private static final String CHARGE = """
			{"id": "ch_cut", "idempotencyKey": "order-cut", "amountCents": 500, "status": "succeeded"}""";

	private final CountDownLatch release = new CountDownLatch(1);

	private final AtomicInteger lookups = new AtomicInteger();

	private volatile boolean chargeRecorded = true;

	private ServerSocket server;

	private PaymentProvider provider;

	@BeforeEach
	void startTheStandIn() throws IOException {

		server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread.ofVirtual().start(this::serve);

		URI baseUrl = URI.create("http://127.0.0.1:" + server.getLocalPort());
		provider = PaymentProviderConfiguration.connect(baseUrl,
				new ProviderProperties(baseUrl.toString(), Duration.ofSeconds(1), Duration.ofMillis(300)));
	}

	@AfterEach
	void stopTheStandIn() throws IOException {
		release.countDown();
		server.close();
	}

	@Test
	void looksUpTheChargeWhenTheReadTimeoutCutsOffItsSuccessAnswer() {

		ChargeOutcome outcome = provider.charge("order-cut", "order-cut", "c-1", 500);

		assertThat(outcome).isEqualTo(new ChargeOutcome.Charged("ch_cut"));
		assertThat(lookups).hasValue(1);
	}

	@Test
	void reportsAnUnknownOutcomeNotADeclineWhenACutOffChargeIsNotFoundYet() {

		chargeRecorded = false;

		assertThatExceptionOfType(TransientRemoteFailure.class)
				.isThrownBy(() -> provider.charge("order-cut", "order-cut", "c-1", 500))
				.withMessageContaining("outcome unknown");
		assertThat(lookups).hasValue(1);
	}

	private void serve() {
		while (!server.isClosed()) {
			try {
				Socket connection = server.accept();
				Thread.ofVirtual().start(() -> answer(connection));
			}
			catch (IOException closed) {
				return;
			}
		}
	}

	/** One request per connection: a lookup is answered whole, a charge is cut off after half its body. */
	private void answer(Socket connection) {
		try (connection) {
			String request = readHead(connection.getInputStream());
			OutputStream out = connection.getOutputStream();
			if (request.startsWith("GET")) {
				lookups.incrementAndGet();
				write(out, 200, chargeRecorded ? "{\"charges\": [" + CHARGE + "]}" : "{\"charges\": []}", false);
				return;
			}
			write(out, 201, CHARGE, true);
			release.await(10, TimeUnit.SECONDS);
		}
		catch (IOException e) {
			// The client gave up on the connection: nothing more to answer.
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	private static String readHead(InputStream in) throws IOException {

		var head = new StringBuilder();
		while (!head.toString().endsWith("\r\n\r\n")) {
			int next = in.read();
			if (next < 0) {
				break;
			}
			head.append((char) next);
		}
		return head.toString();
	}

	private static void write(OutputStream out, int status, String json, boolean cutOff) throws IOException {

		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		String head = "HTTP/1.1 " + status + " OK\r\nContent-Type: application/json\r\nContent-Length: "
				+ body.length + "\r\nConnection: close\r\n\r\n";
		out.write(head.getBytes(StandardCharsets.US_ASCII));
		out.write(body, 0, cutOff ? body.length / 2 : body.length);
		out.flush();
	}
}
