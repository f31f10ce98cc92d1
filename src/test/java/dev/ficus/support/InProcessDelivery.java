package dev.ficus.support;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

import org.springframework.aop.support.AopUtils;
import org.springframework.context.ApplicationContext;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.ficus.messaging.IncomingMessage;
import dev.ficus.messaging.MessageHandler;
import dev.ficus.support.RecordingOutbox.Sent;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plays the messaging module for tests that drive the saga by hand: hands each pending message of the
 * {@link RecordingOutbox} to the {@link MessageHandler} for its channel and type, inside a transaction of
 * the handler's module, after a JSON round trip as over a real queue. A test may hold messages back,
 * drop them, or answer a command itself instead of its participant.
 */
public class InProcessDelivery {

	private record Handler(Object bean, Method method, String module) {
	}

	private final RecordingOutbox outbox;

	private final ApplicationContext context;

	private final JsonMapper json;

	private final Map<String, Function<Object, Object>> standing = new HashMap<>();

	private final Map<String, Function<Object, Object>> substitutes = new HashMap<>();

	private Map<String, Handler> handlers = Map.of();

	public InProcessDelivery(RecordingOutbox outbox, ApplicationContext context, JsonMapper json) {
		this.outbox = outbox;
		this.context = context;
		this.json = json;
	}

	/** Delivers every pending message, and what their handlers send, until nothing is pending. */
	public int deliverAll() {
		return deliver(sent -> true);
	}

	/** Delivers the pending messages that match, and any that match among what their handlers send. */
	public int deliver(Predicate<Sent> which) {

		int delivered = 0;
		for (Sent sent = outbox.takePending(which); sent != null; sent = outbox.takePending(which)) {
			deliverOne(sent);
			if (++delivered > 1_000) {
				throw new IllegalStateException("More than 1000 messages in a row; a loop between handlers?");
			}
		}
		return delivered;
	}

	/** Always answers each command of the given type with {@code reply}, instead of its participant. */
	public <T> void alwaysAnswer(Class<T> commandType, Function<T, Object> reply) {
		standing.put(commandType.getSimpleName(), command -> reply.apply(commandType.cast(command)));
	}

	/**
	 * Until {@link #reset()}, answers each command of the given type with {@code reply} itself, as if
	 * its participant had, instead of calling the participant's handler.
	 */
	public <T> void answer(Class<T> commandType, Function<T, Object> reply) {
		substitutes.put(commandType.getSimpleName(), command -> reply.apply(commandType.cast(command)));
	}

	public void reset() {
		substitutes.clear();
	}

	/** The message a handler receives for what the outbox recorded. */
	public static IncomingMessage incoming(Sent sent) {
		return new IncomingMessage(sent.messageId(), sent.type(), sent.channel(), sent.aggregateId(),
				sent.replyTo(), Instant.now());
	}

	private void deliverOne(Sent sent) {

		var substitute = substitutes.getOrDefault(sent.type(), standing.get(sent.type()));
		if (substitute != null && sent.replyTo() != null) {
			outbox.send(sent.replyTo(), sent.aggregateId(), substitute.apply(sent.payload()), null);
			return;
		}

		Handler handler = handlers().get(sent.channel() + "/" + sent.type());
		if (handler == null) {
			throw new IllegalStateException("No handler for " + sent.type() + " on " + sent.channel());
		}

		Object payload = json.readValue(json.writeValueAsString(sent.payload()), sent.payload().getClass());
		var transactions = new TransactionTemplate(
				context.getBean(handler.module() + "Transactions", PlatformTransactionManager.class));
		transactions.executeWithoutResult(status -> invoke(handler, payload, incoming(sent)));
	}

	private static void invoke(Handler handler, Object payload, IncomingMessage message) {
		try {
			handler.method().invoke(handler.bean(), payload, message);
		}
		catch (InvocationTargetException failure) {
			if (failure.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException(failure.getCause());
		}
		catch (IllegalAccessException failure) {
			throw new IllegalStateException(failure);
		}
	}

	private synchronized Map<String, Handler> handlers() {

		if (handlers.isEmpty()) {
			Map<String, Handler> found = new HashMap<>();
			for (String name : context.getBeanDefinitionNames()) {
				Class<?> declared = context.getType(name);
				if (declared == null || !declared.getName().startsWith("dev.ficus.")) {
					continue;
				}
				Object bean = context.getBean(name);
				Class<?> type = AopUtils.getTargetClass(bean);
				MethodIntrospector.selectMethods(type, (MethodIntrospector.MetadataLookup<MessageHandler>) method ->
						AnnotatedElementUtils.findMergedAnnotation(method, MessageHandler.class))
						.forEach((method, annotation) -> {
							method.setAccessible(true);
							String module = type.getPackageName().split("\\.")[2];
							found.put(annotation.channel() + "/" + method.getParameterTypes()[0].getSimpleName(),
									new Handler(bean, method, module));
						});
			}
			handlers = found;
		}
		return handlers;
	}
}
