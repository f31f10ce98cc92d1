package dev.ficus.platform.web;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.context.request.async.AsyncRequestTimeoutException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * The one place where exceptions become HTTP answers: every error is RFC 9457 problem+json with a
 * {@link ProblemType}, a detail naming the field or value at fault, the path and the request id. Spring
 * MVC's own exceptions arrive through {@link ResponseEntityExceptionHandler}; anything else is either a
 * status the code chose ({@link ErrorResponseException}, {@link ConstraintViolationException}) or a bug,
 * which answers 500 without internals and is logged once with the request id.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

	/** PostgreSQL's SQLSTATE for a NUL byte in text ({@code 22021} covers invalid byte sequences). */
	private static final String CHARACTER_NOT_IN_REPERTOIRE = "22021";

	private static final String UNTRANSLATABLE_CHARACTER = "22P05";

	private static final String NUMERIC_VALUE_OUT_OF_RANGE = "22003";

	@ExceptionHandler(ConstraintViolationException.class)
	ResponseEntity<Object> constraintViolated(ConstraintViolationException violation, WebRequest request) {

		String detail = violation.getConstraintViolations().stream()
				.map(each -> "'%s' %s".formatted(each.getPropertyPath(), each.getMessage()))
				.sorted()
				.collect(Collectors.joining("; "));
		return answer(Problems.of(ProblemType.VALIDATION_FAILED, detail), new HttpHeaders(), request);
	}

	/** A body that claims to be multipart and is not; no endpoint takes multipart, so nothing ran. */
	@ExceptionHandler(MultipartException.class)
	ResponseEntity<Object> unreadableMultipart(MultipartException unreadable, WebRequest request) {

		request.setAttribute(Problems.REFUSED_BEFORE_HANDLER, true, WebRequest.SCOPE_REQUEST);
		return answer(Problems.of(ProblemType.MALFORMED_BODY, "The multipart body could not be read"),
				new HttpHeaders(), request);
	}

	/**
	 * Values JSON and the edge accept but PostgreSQL will not store: text holding the NUL character
	 * ({@code \u0000}, legal in JSON, not in a PostgreSQL string) and a sum beyond a column's range (stock
	 * added again and again to an INT column). The transaction rolled back, so nothing was written; the
	 * client sent something this server cannot keep, which is a 4xx, not a server failure. Any other
	 * refusal by the database is unexpected.
	 */
	@ExceptionHandler(DataIntegrityViolationException.class)
	ResponseEntity<Object> unstorable(DataIntegrityViolationException refusal, WebRequest request) {

		String state = refusal.getMostSpecificCause() instanceof SQLException sql ? sql.getSQLState() : null;
		if (UNTRANSLATABLE_CHARACTER.equals(state) || CHARACTER_NOT_IN_REPERTOIRE.equals(state)) {
			return answer(Problems.of(ProblemType.INVALID_FIELD,
					"Text must not contain the NUL character (\\u0000)"), new HttpHeaders(), request);
		}
		if (NUMERIC_VALUE_OUT_OF_RANGE.equals(state)) {
			return answer(Problems.of(ProblemType.VALUE_OUT_OF_RANGE,
					"The request would take a stored number beyond its range; nothing was changed"),
					new HttpHeaders(), request);
		}
		return unexpected(refusal, request);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> unexpected(Exception failure, WebRequest request) {

		log.error("Request {} {} failed unexpectedly (request id {})", method(request), path(request),
				requestId(request), failure);

		return answer(Problems.of(ProblemType.INTERNAL_ERROR,
				"The server failed to handle the request; quote the request id when reporting it"),
				new HttpHeaders(), request);
	}

	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception failure, @Nullable Object body,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {

		if ((!(failure instanceof ErrorResponseException) || failure instanceof HandlerMethodValidationException)
				&& !isAfterTheHandler(failure, request)) {
			// Spring refused the request before the handler method ran: nothing happened.
			request.setAttribute(Problems.REFUSED_BEFORE_HANDLER, true, WebRequest.SCOPE_REQUEST);
		}

		Object chosen = body == null && failure instanceof ErrorResponse response
				? response.updateAndGetBody(getMessageSource(), LocaleContextHolder.getLocale())
				: body;
		ProblemDetail problem = describe(failure, status, chosen);
		if (problem.getStatus() >= 500) {
			log.error("Request {} {} failed with {} (request id {})", method(request), path(request),
					problem.getStatus(), requestId(request), failure);
		}
		return answer(problem, headers, request);
	}

	private ProblemDetail describe(Exception failure, HttpStatusCode status, @Nullable Object body) {

		return switch (failure) {
			case HttpMessageNotReadableException unreadable -> unreadable(unreadable);
			case MethodArgumentNotValidException invalid -> invalid(invalid);
			case HandlerMethodValidationException invalid -> Problems.of(ProblemType.VALIDATION_FAILED,
					invalid.getAllErrors().stream()
							.map(error -> String.valueOf(error.getDefaultMessage()))
							.sorted()
							.collect(Collectors.joining("; ")));
			case TypeMismatchException mismatch -> Problems.of(ProblemType.INVALID_PARAMETER,
					"'%s' must be %s".formatted(mismatch.getPropertyName(), typeName(mismatch.getRequiredType())));
			case MissingRequestHeaderException missing -> Problems.of(ProblemType.MISSING_PARAMETER,
					"Header '%s' is required".formatted(missing.getHeaderName()));
			case MissingServletRequestParameterException missing -> Problems.of(ProblemType.MISSING_PARAMETER,
					"Parameter '%s' is required".formatted(missing.getParameterName()));
			case ServletRequestBindingException binding when status.is4xxClientError() ->
				Problems.of(ProblemType.BAD_REQUEST, "The request is missing a required value");
			case NoResourceFoundException notFound -> Problems.of(ProblemType.NOT_FOUND,
					"No resource at /" + notFound.getResourcePath());
			case NoHandlerFoundException notFound -> Problems.of(ProblemType.NOT_FOUND,
					"No resource at " + notFound.getRequestURL());
			case HttpRequestMethodNotSupportedException method -> Problems.of(ProblemType.METHOD_NOT_ALLOWED,
					"%s is not supported here; supported: %s".formatted(method.getMethod(),
							method.getSupportedHttpMethods()));
			case HttpMediaTypeNotSupportedException media -> Problems.of(ProblemType.UNSUPPORTED_MEDIA_TYPE,
					"Content-Type %s is not supported; send one of %s".formatted(
							media.getContentType() == null ? "(none)" : media.getContentType(),
							media.getSupportedMediaTypes()));
			case HttpMediaTypeNotAcceptableException media -> Problems.of(ProblemType.NOT_ACCEPTABLE,
					"No acceptable representation; available: " + media.getSupportedMediaTypes());
			case MaxUploadSizeExceededException tooLarge -> Problems.of(ProblemType.PAYLOAD_TOO_LARGE,
					"The request body exceeds the size limit");
			case AsyncRequestTimeoutException timeout -> Problems.of(ProblemType.SERVICE_UNAVAILABLE,
					"The request took too long; retry later");
			default -> chosenByTheCode(status, body);
		};
	}

	/** A status the handler or framework chose; its own problem type wins if it set one. */
	private static ProblemDetail chosenByTheCode(HttpStatusCode status, @Nullable Object body) {

		if (body instanceof ProblemDetail problem && problem.getType() != null
				&& !"about:blank".equals(problem.getType().toString())) {
			return problem;
		}

		HttpStatus known = HttpStatus.resolve(status.value());
		String detail = body instanceof ProblemDetail problem && problem.getDetail() != null
				? problem.getDetail()
				: known != null ? known.getReasonPhrase() : "Error " + status.value();

		if (status.is5xxServerError()) {
			// A 5xx chosen by code still says nothing about internals.
			ProblemDetail problem = Problems.of(ProblemType.INTERNAL_ERROR, "The server failed to handle the request");
			problem.setStatus(status.value());
			return problem;
		}

		ProblemType kind = switch (known) {
			case NOT_FOUND -> ProblemType.NOT_FOUND;
			case METHOD_NOT_ALLOWED -> ProblemType.METHOD_NOT_ALLOWED;
			case UNSUPPORTED_MEDIA_TYPE -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
			case CONTENT_TOO_LARGE -> ProblemType.PAYLOAD_TOO_LARGE;
			case BAD_REQUEST -> ProblemType.BAD_REQUEST;
			case null, default -> null;
		};
		// A business answer with no type of its own: about:blank means "see the status code" (RFC 9457).
		return kind != null ? Problems.of(kind, detail) : ProblemDetail.forStatusAndDetail(status, detail);
	}

	private static ProblemDetail invalid(MethodArgumentNotValidException invalid) {

		List<Map<String, String>> errors = invalid.getBindingResult().getFieldErrors().stream()
				.map(error -> Map.of("field", error.getField(), "message", message(error)))
				.toList();
		String detail = invalid.getBindingResult().getFieldErrors().stream()
				.map(error -> "'%s' %s".formatted(error.getField(), message(error)))
				.sorted()
				.collect(Collectors.joining("; "));
		if (detail.isEmpty()) {
			detail = invalid.getBindingResult().getAllErrors().stream()
					.map(error -> String.valueOf(error.getDefaultMessage()))
					.collect(Collectors.joining("; "));
		}

		ProblemDetail problem = Problems.of(ProblemType.VALIDATION_FAILED, detail);
		problem.setProperty("errors", errors);
		return problem;
	}

	private static String message(FieldError error) {
		return error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage();
	}

	/** Finds what Jackson disliked and names the field; Jackson's own messages name internals, so no echo. */
	private static ProblemDetail unreadable(HttpMessageNotReadableException unreadable) {

		JacksonException jackson = cause(unreadable, JacksonException.class);
		if (jackson == null) {
			String message = String.valueOf(unreadable.getMessage());
			return message.startsWith("Required request body is missing")
					? Problems.of(ProblemType.MISSING_BODY, "The request needs a JSON body")
					: Problems.of(ProblemType.MALFORMED_JSON, "The request body could not be read as JSON");
		}

		String field = fieldPath(jackson);
		return switch (jackson) {
			case UnrecognizedPropertyException unknown -> Problems.of(ProblemType.UNKNOWN_FIELD,
					"Unknown field '%s'".formatted(field));
			case InvalidNullException nullValue -> Problems.of(ProblemType.INVALID_FIELD,
					"'%s' must not be null".formatted(field));
			case ValueInstantiationException refused -> Problems.of(ProblemType.INVALID_FIELD,
					refused.getCause() instanceof IllegalArgumentException guard && guard.getMessage() != null
							? "'%s' is invalid: %s".formatted(field, guard.getMessage())
							: "'%s' is invalid".formatted(field));
			case MismatchedInputException trailing when String.valueOf(trailing.getOriginalMessage())
					.startsWith("Trailing token") -> Problems.of(ProblemType.MALFORMED_JSON,
							"The body holds more than one JSON document");
			case MismatchedInputException mismatch when field.isEmpty() && mismatch.getTargetType() != null ->
				Problems.of(ProblemType.INVALID_FIELD, "The body must be a JSON %s"
						.formatted(jsonShape(mismatch.getTargetType())));
			case MismatchedInputException mismatch -> Problems.of(ProblemType.INVALID_FIELD,
					"'%s' must be %s".formatted(field.isEmpty() ? "body" : field, typeName(mismatch.getTargetType())));
			case InputCoercionException outOfRange -> Problems.of(ProblemType.INVALID_FIELD,
					"'%s' is out of range for %s".formatted(field.isEmpty() ? "body" : field,
							typeName(outOfRange.getTargetType())));
			case StreamConstraintsException tooBig -> Problems.of(ProblemType.INVALID_FIELD,
					"%s holds a value that is too long or nested too deeply"
							.formatted(field.isEmpty() ? "The body" : "'" + field + "'"));
			case StreamReadException syntax -> Problems.of(ProblemType.MALFORMED_JSON, syntax.getLocation() == null
					? "The body is not valid JSON"
					: "The body is not valid JSON (line %d, column %d)".formatted(syntax.getLocation().getLineNr(),
							syntax.getLocation().getColumnNr()));
			default -> Problems.of(ProblemType.MALFORMED_JSON, field.isEmpty()
					? "The request body could not be read as JSON"
					: "'%s' could not be read".formatted(field));
		};
	}

	/** The JSON path Jackson was at, e.g. {@code lines[2].quantity}; empty at the root. */
	private static String fieldPath(JacksonException failure) {

		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : failure.getPath()) {
			if (reference.getPropertyName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

	private static String jsonShape(Class<?> type) {

		if (type.isArray() || Iterable.class.isAssignableFrom(type)) {
			return "array";
		}
		if (type == String.class || Number.class.isAssignableFrom(type) || type.isPrimitive()) {
			return "value of type " + typeName(type);
		}
		return "object";
	}

	private static String typeName(@Nullable Class<?> type) {

		if (type == null) {
			return "a value of another type";
		}
		if (type == int.class || type == Integer.class || type == long.class || type == Long.class
				|| type == short.class || type == Short.class) {
			return "an integer within " + type.getSimpleName().toLowerCase() + " range";
		}
		if (type == String.class) {
			return "a string";
		}
		if (type == boolean.class || type == Boolean.class) {
			return "true or false";
		}
		if (type.isEnum()) {
			return "one of " + List.of(type.getEnumConstants());
		}
		if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
			return "a number";
		}
		if (type.isArray() || Iterable.class.isAssignableFrom(type)) {
			return "a JSON array";
		}
		// Records, maps and the rest are JSON objects; the Java class is nobody's business outside.
		return "a JSON object";
	}

	private static <T extends Throwable> @Nullable T cause(Throwable failure, Class<T> type) {

		for (Throwable current = failure; current != null; current = current.getCause()) {
			if (type.isInstance(current)) {
				return type.cast(current);
			}
			if (current.getCause() == current) {
				break;
			}
		}
		return null;
	}

	private static ResponseEntity<Object> answer(ProblemDetail problem, HttpHeaders headers, WebRequest request) {

		if (request instanceof ServletWebRequest servlet) {
			Problems.decorate(problem, servlet.getRequest());
		}

		HttpHeaders answerHeaders = new HttpHeaders();
		answerHeaders.putAll(headers);
		// Preset, so content negotiation cannot turn an error into a 406 or a non-problem body.
		answerHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		return ResponseEntity.status(problem.getStatus()).headers(answerHeaders).body(problem);
	}

	private static String requestId(WebRequest request) {
		return request instanceof ServletWebRequest servlet ? RequestIds.of(servlet.getRequest()) : "unknown";
	}

	private static String method(WebRequest request) {
		return request instanceof ServletWebRequest servlet ? servlet.getRequest().getMethod() : "?";
	}

	private static String path(WebRequest request) {

		if (request instanceof ServletWebRequest servlet) {
			HttpServletRequest http = servlet.getRequest();
			return http.getRequestURI();
		}
		return "?";
	}

	/**
	 * A 406 for a request that matched a handler comes from writing the handler's answer in a type the
	 * client does not accept: the handler ran, and what it did stands. Its idempotency key must keep this
	 * answer, or a retry with the same key would do the work again (a second customer, stock added twice).
	 */
	private static boolean isAfterTheHandler(Exception failure, WebRequest request) {
		return failure instanceof HttpMediaTypeNotAcceptableException
				&& request.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE, WebRequest.SCOPE_REQUEST) != null;
	}
}
