package dev.ficus.messaging;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a module's bean that handles one message type arriving on a channel.
 *
 * <p>The method takes the payload record and, optionally, the {@link IncomingMessage}:
 * {@code void on(ReserveInventory command, IncomingMessage message)}. The messaging module calls it
 * inside a transaction of the module that declares the bean (under that module's database role), after
 * recording the message id in that module's inbox; a message id seen before is acknowledged without
 * calling the handler again. Messages the handler sends through the {@link Outbox} commit with it.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface MessageHandler {

	/** The channel to consume, such as {@code inventory-commands}. */
	String channel();
}
