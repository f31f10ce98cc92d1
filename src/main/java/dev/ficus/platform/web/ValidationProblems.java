package dev.ficus.platform.web;

import java.util.List;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers a request body that fails its constraints with RFC 9457 problem details naming every
 * offending field, so a client can fix its request without reading server logs. Other errors keep
 * Spring's own problem details ({@code spring.mvc.problemdetails.enabled}).
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ValidationProblems {

	@ExceptionHandler(MethodArgumentNotValidException.class)
	ProblemDetail invalidBody(MethodArgumentNotValidException exception) {

		List<Violation> violations = exception.getBindingResult()
				.getAllErrors()
				.stream()
				.map(ValidationProblems::violation)
				.toList();

		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The request body breaks " + violations.size() + " rule(s); see errors.");
		problem.setTitle("Invalid request body");
		problem.setProperty("errors", violations);
		return problem;
	}

	private static Violation violation(ObjectError error) {

		String field = error instanceof FieldError fieldError ? fieldError.getField() : error.getObjectName();
		String message = error.getDefaultMessage();

		return new Violation(field, message == null ? error.getCode() + "" : message);
	}

	record Violation(String field, String message) {
	}
}
