package dev.ficus.messaging.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ReflectionUtils;

import dev.ficus.messaging.IncomingMessage;
import dev.ficus.messaging.MessageHandler;

/**
 * Finds every {@link MessageHandler} method as the beans are created, and knows which module owns each:
 * the module is the bean's package below {@value #APPLICATION_PACKAGE}, so a handler in
 * {@code dev.ficus.inventory.internal} runs in an {@code inventoryTransactions} transaction and records
 * its messages in {@code inventory.inbox}.
 */
class MessageHandlers implements BeanPostProcessor {

	static final String APPLICATION_PACKAGE = "dev.ficus";

	private final List<Handler> handlers = new CopyOnWriteArrayList<>();

	private final Map<String, Handler> byChannelAndType = new ConcurrentHashMap<>();

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {

		Class<?> type = AopUtils.getTargetClass(bean);
		Map<Method, MessageHandler> methods = MethodIntrospector.selectMethods(type,
				(MethodIntrospector.MetadataLookup<MessageHandler>) method -> AnnotatedElementUtils
						.findMergedAnnotation(method, MessageHandler.class));

		methods.forEach((method, annotation) -> register(bean, beanName, type,
				AopUtils.selectInvocableMethod(method, bean.getClass()), annotation.channel()));
		return bean;
	}

	private void register(Object bean, String beanName, Class<?> beanType, Method method, String channel) {

		Class<?>[] parameters = method.getParameterTypes();
		boolean takesMessage = parameters.length == 2 && parameters[1] == IncomingMessage.class;
		if (parameters.length != 1 && !takesMessage) {
			throw new IllegalStateException("@MessageHandler " + method + " must take (payload) or (payload, "
					+ "IncomingMessage)");
		}

		Handler handler = new Handler(channel, parameters[0].getSimpleName(), parameters[0], bean, method,
				moduleOf(beanType, beanName), takesMessage);

		Handler existing = byChannelAndType.putIfAbsent(key(channel, handler.type()), handler);
		if (existing != null) {
			throw new IllegalStateException("Two @MessageHandler methods take " + handler.type() + " on channel "
					+ channel + ": " + existing.method() + " and " + method);
		}
		ReflectionUtils.makeAccessible(method);
		handlers.add(handler);
	}

	private static String moduleOf(Class<?> beanType, String beanName) {

		String name = beanType.getPackageName();
		if (!name.startsWith(APPLICATION_PACKAGE + ".")) {
			throw new IllegalStateException("@MessageHandler bean " + beanName + " is in " + name
					+ ", outside the modules of " + APPLICATION_PACKAGE);
		}
		String below = name.substring(APPLICATION_PACKAGE.length() + 1);
		int dot = below.indexOf('.');
		return dot < 0 ? below : below.substring(0, dot);
	}

	private static String key(String channel, String type) {
		return channel + "/" + type;
	}

	Set<String> channels() {

		Set<String> channels = new TreeSet<>();
		handlers.forEach(handler -> channels.add(handler.channel()));
		return channels;
	}

	List<Handler> all() {
		return List.copyOf(handlers);
	}

	Optional<Handler> find(String channel, String type) {
		return Optional.ofNullable(byChannelAndType.get(key(channel, type)));
	}

	/**
	 * One handler method.
	 *
	 * @param module the owning module, whose transaction manager and inbox are used
	 */
	record Handler(String channel, String type, Class<?> payloadType, Object bean, Method method, String module,
			boolean takesMessage) {

		void invoke(Object payload, IncomingMessage message) throws Exception {

			try {
				Object[] arguments = takesMessage ? new Object[] { payload, message }
						: new Object[] { payload };
				method.invoke(bean, arguments);
			}
			catch (InvocationTargetException failure) {
				if (failure.getCause() instanceof Exception cause) {
					throw cause;
				}
				throw failure;
			}
		}
	}
}
