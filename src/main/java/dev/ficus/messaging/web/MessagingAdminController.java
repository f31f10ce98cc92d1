package dev.ficus.messaging.web;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import dev.ficus.messaging.internal.MessagingAdministration;
import dev.ficus.messaging.internal.MessagingAdministration.OutboxEntry;
import dev.ficus.messaging.internal.MessagingAdministration.OutboxState;
import dev.ficus.messaging.internal.MessagingAdministration.Publication;
import dev.ficus.messaging.internal.MessagingAdministration.PublicationState;

/**
 * Operator endpoints for messages that did not get through. Errors are RFC 9457 problem details.
 */
@RestController
@RequestMapping("/admin/messaging")
class MessagingAdminController {

	private final MessagingAdministration administration;

	MessagingAdminController(MessagingAdministration administration) {
		this.administration = administration;
	}

	@GetMapping("/publications")
	Publications publications(@RequestParam(defaultValue = "failed") String state) {
		return new Publications(administration.publications(parse(PublicationState.class, "state", state)));
	}

	@PostMapping("/publications/resubmissions")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Publications resubmitFailedPublications() {
		return new Publications(administration.resubmitFailedPublications());
	}

	@GetMapping("/outbox")
	Outbox outbox(@RequestParam(defaultValue = "stuck") String state) {
		return new Outbox(administration.outbox(parse(OutboxState.class, "state", state)));
	}

	@PostMapping("/outbox/requeue")
	Requeued requeueStuck() {
		return new Requeued(administration.requeue(null));
	}

	@PostMapping("/outbox/{messageId}/requeue")
	Requeued requeue(@PathVariable UUID messageId) {

		int requeued = administration.requeue(messageId);
		if (requeued == 0) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND,
					"No unsent outbox row with message id " + messageId);
		}
		return new Requeued(requeued);
	}

	private static <E extends Enum<E>> E parse(Class<E> type, String parameter, String value) {

		try {
			return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException unknown) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, parameter + " must be one of "
					+ List.of(type.getEnumConstants()).toString().toLowerCase(Locale.ROOT) + ", not " + value);
		}
	}

	record Publications(List<Publication> publications) {
	}

	record Outbox(List<OutboxEntry> entries) {
	}

	record Requeued(int requeued) {
	}
}
