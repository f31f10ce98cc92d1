package dev.ficus.platform.web;

import java.net.URI;

import org.springframework.http.HttpStatus;

/**
 * Every kind of error the HTTP edge answers, each with a stable {@code type} URI that clients may switch
 * on. The table in {@code docs/errors.md} mirrors this enum; change both together.
 */
public enum ProblemType {

	MALFORMED_JSON("malformed-json", HttpStatus.BAD_REQUEST, "Malformed JSON"),
	MALFORMED_BODY("malformed-body", HttpStatus.BAD_REQUEST, "Malformed request body"),
	MISSING_BODY("missing-body", HttpStatus.BAD_REQUEST, "Request body missing"),
	INVALID_FIELD("invalid-field", HttpStatus.BAD_REQUEST, "Invalid field value"),
	UNKNOWN_FIELD("unknown-field", HttpStatus.BAD_REQUEST, "Unknown field"),
	VALIDATION_FAILED("validation-failed", HttpStatus.BAD_REQUEST, "Validation failed"),
	MISSING_PARAMETER("missing-parameter", HttpStatus.BAD_REQUEST, "Required parameter missing"),
	INVALID_PARAMETER("invalid-parameter", HttpStatus.BAD_REQUEST, "Invalid parameter"),
	INVALID_HEADER("invalid-header", HttpStatus.BAD_REQUEST, "Invalid header"),
	BAD_REQUEST("bad-request", HttpStatus.BAD_REQUEST, "Bad request"),
	IDEMPOTENCY_KEY_MISSING("idempotency-key-missing", HttpStatus.BAD_REQUEST, "Idempotency-Key required"),
	IDEMPOTENCY_KEY_INVALID("idempotency-key-invalid", HttpStatus.BAD_REQUEST, "Invalid Idempotency-Key"),
	IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", HttpStatus.UNPROCESSABLE_CONTENT,
			"Idempotency-Key reused for a different request"),
	IDEMPOTENCY_KEY_IN_USE("idempotency-key-in-use", HttpStatus.CONFLICT,
			"Request with this Idempotency-Key still running"),
	REFERENCE_NOT_FOUND("reference-not-found", HttpStatus.UNPROCESSABLE_CONTENT, "Referenced resource not found"),
	VALUE_OUT_OF_RANGE("value-out-of-range", HttpStatus.UNPROCESSABLE_CONTENT, "Value out of range"),
	NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "Not found"),
	METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
	NOT_ACCEPTABLE("not-acceptable", HttpStatus.NOT_ACCEPTABLE, "Not acceptable"),
	PAYLOAD_TOO_LARGE("payload-too-large", HttpStatus.CONTENT_TOO_LARGE, "Request body too large"),
	UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
	SERVICE_UNAVAILABLE("service-unavailable", HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable"),
	INTERNAL_ERROR("internal-error", HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");

	/** All type URIs start here; the slug after it never changes once published. */
	public static final String BASE_URI = "https://ficus.dev/problems/";

	private final URI type;

	private final HttpStatus status;

	private final String title;

	ProblemType(String slug, HttpStatus status, String title) {
		this.type = URI.create(BASE_URI + slug);
		this.status = status;
		this.title = title;
	}

	public URI type() {
		return type;
	}

	public HttpStatus status() {
		return status;
	}

	public String title() {
		return title;
	}
}
