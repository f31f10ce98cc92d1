package dev.ficus.messaging.internal;

import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/** The SQS message attributes that carry an outbox row's envelope next to its JSON body. */
final class MessageAttributes {

	static final String MESSAGE_ID = "message-id";

	static final String TYPE = "type";

	static final String AGGREGATE_ID = "aggregate-id";

	static final String REPLY_TO = "reply-to";

	static final String CREATED_AT = "created-at";

	static final String TRACEPARENT = TraceContexts.TRACEPARENT;

	private MessageAttributes() {
	}

	static MessageAttributeValue text(String value) {
		return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
	}
}
