package dev.ficus.platform.idempotency;

import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.PathContainer;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.util.UrlPathHelper;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import dev.ficus.platform.database.ModuleSchema;
import dev.ficus.platform.idempotency.IdempotencyRecords.Reservation;
import dev.ficus.platform.idempotency.IdempotencyRecords.StoredResponse;
import dev.ficus.platform.web.CachedBodyRequest;
import dev.ficus.platform.web.ProblemType;
import dev.ficus.platform.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Applies {@code Idempotency-Key} to every mutating request of a path a module owns, before any
 * controller sees it: the key is reserved in the owning module's table (committed), the request runs,
 * and its answer is stored for replay, or the key released when the answer says nothing happened for
 * sure (a 5xx, or Spring refused the request before the handler ran).
 */
class IdempotencyFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);

	private static final Set<String> MUTATING = Set.of("POST", "PUT", "PATCH", "DELETE");

	private static final List<String> REPLAYED_HEADERS = List.of(HttpHeaders.LOCATION,
			HttpHeaders.CONTENT_LOCATION, HttpHeaders.CONTENT_TYPE, HttpHeaders.ETAG, HttpHeaders.LAST_MODIFIED);

	private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");

	private static final UrlPathHelper PATHS = new UrlPathHelper();

	private final IdempotencyRecords records;

	private final Problems problems;

	private final String clientHeader;

	private final List<Requirement> requirements;

	IdempotencyFilter(IdempotencyRecords records, Problems problems, IdempotencyProperties properties) {

		this.records = records;
		this.problems = problems;
		this.clientHeader = properties.clientHeader();
		this.requirements = properties.requiredOn().stream().map(Requirement::parse).toList();
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !MUTATING.contains(request.getMethod());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {

		String path = PATHS.getPathWithinApplication(request);
		Optional<ModuleSchema> owner = OwningModules.of(path);
		List<String> sent = Collections.list(request.getHeaders(IdempotencyKey.HEADER));

		if (owner.isEmpty() || sent.isEmpty() && !isRequired(request.getMethod(), path)) {
			chain.doFilter(request, response);
			return;
		}
		if (sent.isEmpty()) {
			// Nothing is stored for a request without a key: two of them never match each other.
			refuse(request, response, ProblemType.IDEMPOTENCY_KEY_MISSING,
					"%s %s needs an Idempotency-Key header".formatted(request.getMethod(), path));
			return;
		}

		Optional<IdempotencyKey> key = key(request, response, sent);
		if (key.isEmpty()) {
			return;
		}

		String target = request.getQueryString() == null
				? request.getRequestURI()
				: request.getRequestURI() + "?" + request.getQueryString();
		String fingerprint = Fingerprints.of(request.getMethod(), target, CachedBodyRequest.bodyOf(request));

		switch (records.reserve(owner.get(), key.get(), fingerprint, request.getMethod(), target)) {
			case Reservation.Acquired acquired ->
				execute(owner.get(), key.get(), acquired, request, response, chain);
			case Reservation.Replay replay -> replay(key.get(), replay.response(), response);
			case Reservation.InProgress busy -> {
				response.setHeader(HttpHeaders.RETRY_AFTER,
						String.valueOf(Math.max(1, busy.retryAfter().toSeconds() + 1)));
				refuse(request, response, ProblemType.IDEMPOTENCY_KEY_IN_USE,
						"A request with Idempotency-Key '%s' is still running; retry later".formatted(
								key.get().value()));
			}
			case Reservation.Mismatch mismatch -> refuse(request, response, ProblemType.IDEMPOTENCY_KEY_REUSED,
					"Idempotency-Key '%s' was used for a different request (%s %s or another body)".formatted(
							key.get().value(), mismatch.method(), mismatch.target()));
		}
	}

	private void execute(ModuleSchema owner, IdempotencyKey key, Reservation.Acquired acquired,
			HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {

		request.setAttribute(IdempotencyKey.ATTRIBUTE, key);
		var captured = new ContentCachingResponseWrapper(response);

		try {
			chain.doFilter(request, captured);
		}
		catch (IOException | ServletException | RuntimeException | Error failure) {
			releaseQuietly(owner, key, acquired, failure);
			throw failure;
		}

		int status = captured.getStatus();
		if (status >= 500 || request.getAttribute(Problems.REFUSED_BEFORE_HANDLER) != null
				|| request.isAsyncStarted()) {
			// Nothing happened for sure, or it may have failed half-way: a retry must run again.
			releaseQuietly(owner, key, acquired, null);
		}
		else {
			store(owner, key, acquired, captured);
		}

		captured.copyBodyToResponse();
	}

	private void store(ModuleSchema owner, IdempotencyKey key, Reservation.Acquired acquired,
			ContentCachingResponseWrapper captured) {

		Map<String, String> headers = new LinkedHashMap<>();
		for (String name : REPLAYED_HEADERS) {
			String value = HttpHeaders.CONTENT_TYPE.equals(name) ? captured.getContentType() : captured.getHeader(name);
			if (value != null) {
				headers.put(name, value);
			}
		}

		try {
			var response = new StoredResponse(captured.getStatus(), headers, captured.getContentAsByteArray());
			if (!records.complete(owner, key, acquired.holder(), response)) {
				log.warn("Idempotency key {} was taken over by a retry before this request finished; "
						+ "its answer is not stored (raise ficus.idempotency.lease)", key);
			}
		}
		catch (DataAccessException failure) {
			// The work is done; the client still gets its answer. A retry after the lease runs again.
			log.warn("Could not store the answer for idempotency key {}; a retry after the lease re-executes",
					key, failure);
		}
	}

	private void releaseQuietly(ModuleSchema owner, IdempotencyKey key, Reservation.Acquired acquired,
			Throwable failure) {

		try {
			records.release(owner, key, acquired.holder());
		}
		catch (DataAccessException releaseFailure) {
			log.warn("Could not release idempotency key {}; it frees itself after the lease", key, releaseFailure);
			if (failure != null) {
				failure.addSuppressed(releaseFailure);
			}
		}
	}

	private void replay(IdempotencyKey key, StoredResponse stored, HttpServletResponse response)
			throws IOException {

		log.info("Replaying the stored answer {} for idempotency key {}", stored.status(), key);

		response.setStatus(stored.status());
		stored.headers().forEach(response::setHeader);
		response.setHeader(IdempotencyKey.REPLAYED_HEADER, "true");
		response.setContentLength(stored.body().length);
		response.getOutputStream().write(stored.body());
	}

	private Optional<IdempotencyKey> key(HttpServletRequest request, HttpServletResponse response,
			List<String> sent) throws IOException {

		String value = unquoted(sent.getFirst().strip());
		if (sent.size() > 1 || !IdempotencyKey.isWellFormed(value)) {
			refuse(request, response, ProblemType.IDEMPOTENCY_KEY_INVALID, sent.size() > 1
					? "Send exactly one Idempotency-Key header, not " + sent.size()
					: "Idempotency-Key must be 1 to 255 printable ASCII characters without spaces");
			return Optional.empty();
		}

		List<String> clients = Collections.list(request.getHeaders(clientHeader));
		if (clients.size() > 1 || clients.size() == 1 && !CLIENT_ID.matcher(clients.getFirst()).matches()) {
			refuse(request, response, ProblemType.INVALID_HEADER,
					"%s must be one header of 1 to 128 letters, digits or . _ : @ -".formatted(clientHeader));
			return Optional.empty();
		}

		String client = clients.isEmpty() ? IdempotencyKey.ANONYMOUS : clients.getFirst();
		return Optional.of(new IdempotencyKey(client, value));
	}

	/** The IETF draft sends the key as a structured-field string, in quotes; plain tokens are accepted too. */
	private static String unquoted(String value) {
		return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
				? value.substring(1, value.length() - 1)
				: value;
	}

	private boolean isRequired(String method, String path) {
		return requirements.stream().anyMatch(requirement -> requirement.matches(method, path));
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response, ProblemType kind, String detail)
			throws IOException {

		ProblemDetail problem = Problems.of(kind, detail);
		problems.write(request, response, problem);
	}

	/** One entry of {@code ficus.idempotency.required-on}: a method and a path pattern. */
	private record Requirement(String method, PathPattern pattern) {

		static Requirement parse(String entry) {

			String[] parts = entry.strip().split("\\s+");
			if (parts.length != 2 || !MUTATING.contains(parts[0]) || !parts[1].startsWith("/")) {
				throw new IllegalArgumentException(("ficus.idempotency.required-on entry '%s' must be "
						+ "'METHOD /path' with METHOD one of %s").formatted(entry, MUTATING));
			}
			return new Requirement(parts[0], PathPatternParser.defaultInstance.parse(parts[1]));
		}

		boolean matches(String requestMethod, String path) {
			return method.equals(requestMethod) && pattern.matches(PathContainer.parsePath(path));
		}
	}
}
