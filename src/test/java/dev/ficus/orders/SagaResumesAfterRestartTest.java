package dev.ficus.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.ficus.FicusApplication;
import dev.ficus.customers.Customers;
import dev.ficus.inventory.Inventory;
import dev.ficus.inventory.Item;
import dev.ficus.orders.Order.SagaState;
import dev.ficus.orders.Order.Step;
import dev.ficus.orders.Order.StepStatus;
import dev.ficus.orders.Orders.OrderLine;
import dev.ficus.payments.ChargePayment;
import dev.ficus.payments.PaymentCharged;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import tools.jackson.databind.json.JsonMapper;

/**
 * Case C5: replies that arrive while the application is down are processed after it restarts. The
 * database and the SQS server outlive the application here, as they do in production; the test itself
 * plays a payments service running elsewhere, so the charge is answered while orders is down.
 *
 * <p>The application is stopped by closing its context, not by {@code kill -9}; what makes the saga
 * resume is the same either way (its state is in PostgreSQL, the reply waits in SQS), and the fault suite
 * of the local stack kills the process for real.
 */
class SagaResumesAfterRestartTest {

	private static final Map<String, String> SDK_SETTINGS = Map.of("aws.region", "us-east-1", "aws.accessKeyId",
			"ficus", "aws.secretAccessKey", "ficus");

	private final JsonMapper json = JsonMapper.builder().build();

	private SQSRestServer queues;

	private SqsClient sqs;

	private Path database;

	@BeforeEach
	void startTheQueuesAndTheDatabaseFolderThatOutliveTheApplication() throws IOException {

		queues = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
		String endpoint = "http://127.0.0.1:" + queues.waitUntilStarted().localAddress().getPort();
		// The SDK resolves endpoint, region and credentials from system properties, as from AWS_* variables.
		System.setProperty("aws.endpointUrlSqs", endpoint);
		SDK_SETTINGS.forEach(System::setProperty);

		sqs = SqsClient.builder()
				.endpointOverride(URI.create(endpoint))
				.region(Region.US_EAST_1)
				.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("ficus", "ficus")))
				.build();
		database = Files.createTempDirectory("ficus-restart-");
	}

	@AfterEach
	void stopThem() throws IOException {

		sqs.close();
		queues.stopAndWait();
		System.clearProperty("aws.endpointUrlSqs");
		SDK_SETTINGS.keySet().forEach(System::clearProperty);
		try (Stream<Path> files = Files.walk(database)) {
			files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
		}
	}

	@Test
	void consumesAPaymentReplyThatArrivedWhileTheApplicationWasDown() throws Exception {

		UUID orderId;
		String sku = "C5-" + UUID.randomUUID();
		try (var before = start()) {
			before.getBean(Inventory.class).stock(sku, "Thing", 400, 3);
			UUID customer = before.getBean(Customers.class).register("Barbara Liskov", "barbara@example.com").id();
			orderId = before.getBean(Orders.class).place(customer, List.of(new OrderLine(sku, 1))).orderId();

			await().atMost(Duration.ofSeconds(60))
					.until(() -> step(before, orderId, "charge-payment").status() == StepStatus.RUNNING);
		}

		Message charge = awaitCommand("payments-commands");
		assertThat(json.readValue(charge.body(), ChargePayment.class).orderId()).isEqualTo(orderId.toString());
		reply(charge, new PaymentCharged(orderId.toString(), "ch_c5", 400));

		try (var after = start()) {
			await().atMost(Duration.ofSeconds(60))
					.until(() -> order(after, orderId).status() == OrderStatus.COMPLETED);

			assertThat(order(after, orderId).saga().state()).isEqualTo(SagaState.COMPLETED);
			assertThat(step(after, orderId, "charge-payment").attempts()).isEqualTo(1);
			assertThat(after.getBean(Inventory.class).find(sku)).contains(new Item(sku, "Thing", 400, 2, 0, 1));
		}
	}

	/** The application as deployed: its own database folder and the shared SQS server; payments elsewhere. */
	private ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(FicusApplication.class)
				.profiles("test")
				.run("--ficus.embedded.postgres.data-directory=" + database,
						"--ficus.sqs.embedded=false",
						"--ficus.sqs.create-queues=true",
						"--ficus.messaging.channels.payments-commands.consume=false",
						"--ficus.orders.saga.sweep-interval=200ms",
						"--server.port=0");
	}

	/** Takes the command the relay put on the channel's queue, as the payments service would. */
	private Message awaitCommand(String channel) {

		String queue = sqs.getQueueUrl(request -> request.queueName("ficus-" + channel + ".fifo")).queueUrl();
		return await().atMost(Duration.ofSeconds(30))
				.until(() -> sqs.receiveMessage(request -> request.queueUrl(queue)
						.messageAttributeNames("All")
						.waitTimeSeconds(1)
						.visibilityTimeout(60))
						.messages(), messages -> !messages.isEmpty())
				.getFirst();
	}

	/** Sends the reply where the command asked for it, in the envelope the outbox relay uses. */
	private void reply(Message command, Object payload) {

		String replyTo = command.messageAttributes().get("reply-to").stringValue();
		String queue = sqs.getQueueUrl(request -> request.queueName("ficus-" + replyTo + ".fifo")).queueUrl();
		String messageId = UUID.randomUUID().toString();
		String aggregateId = command.messageAttributes().get("aggregate-id").stringValue();

		sqs.sendMessage(request -> request.queueUrl(queue)
				.messageGroupId(aggregateId)
				.messageDeduplicationId(messageId)
				.messageBody(json.writeValueAsString(payload))
				.messageAttributes(Map.of(
						"message-id", text(messageId),
						"type", text(payload.getClass().getSimpleName()),
						"aggregate-id", text(aggregateId),
						"created-at", text(Instant.now().toString()))));
	}

	private static MessageAttributeValue text(String value) {
		return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
	}

	private static Order order(ConfigurableApplicationContext context, UUID orderId) {
		return context.getBean(Orders.class).find(orderId).orElseThrow();
	}

	private static Step step(ConfigurableApplicationContext context, UUID orderId, String name) {
		return order(context, orderId).saga()
				.steps()
				.stream()
				.filter(step -> step.name().equals(name))
				.findFirst()
				.orElseThrow();
	}
}
