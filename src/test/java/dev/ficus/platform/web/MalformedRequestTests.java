package dev.ficus.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import example.probes.HttpTestSupport;
import example.probes.ProbeController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sends generated malformed requests to every mutating endpoint of the running app (discovered from
 * Spring MVC's mappings, so endpoints added later are covered without touching this class), over real
 * HTTP. Each request carries at least one defect that must refuse it; around it the generator adds noise
 * (unicode, huge and negative numbers, odd Accept and request id headers). Whatever arrives: no 5xx,
 * every answer is a 4xx problem+json, and no table of any module changes.
 *
 * <p>The requests come from a seeded generator: every defect gets the same share of the tries, and each
 * try's name shows all it was made from, so a failure can be sent again by hand. The seed is logged;
 * {@code -Dficus.malformed.seed=N} repeats a whole run. (The project used jqwik for this until its
 * 1.10 release began telling automated agents not to use it; plain parameterized tests do the job.)
 */
class MalformedRequestTests extends HttpTestSupport {

	private static final Logger log = LoggerFactory.getLogger(MalformedRequestTests.class);

	/** Generated requests per endpoint. */
	private static final int TRIES = 1000;

	private static final BigInteger LONG_OVERFLOW = BigInteger.TWO.pow(63);

	/** Characters that upset parsers and logs: controls, a NUL, a lone surrogate, bidi and zero-width marks. */
	private static final String TROUBLE = "\u0000\u0007\n\r\t\"\\\u007f\u00a0\u200b\u202e\ufeff\ud800\uffff";

	/** The test-only probes worth attacking besides the real endpoints; the others block or fail on purpose. */
	private static final Set<String> PROBES = Set.of("counter", "required", "numbered");

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final Pattern PATH_VARIABLE = Pattern.compile("\\{([^}:]+)(?::[^}]*)?}");

	private static ApplicationContext app;

	private static List<Endpoint> endpoints;

	private static JdbcClient superuser;

	private static String checksumQuery;

	private static long maxBodyBytes;

	/** The module tables and probe executions before the first try; no try may change either. */
	private static String baseline;

	private static int executionsBaseline;

	enum Defect {
		BROKEN_JSON, INVALID_UTF8, WRONG_ROOT_TYPE, WRONG_FIELD_TYPE, INTEGER_OVERFLOW, UNKNOWN_FIELD,
		UNSUPPORTED_MEDIA_TYPE, MISSING_BODY, OVERSIZED_BODY, BAD_KEY, REPEATED_KEY, BAD_CLIENT_ID
	}

	/** One generated attack: the defect, and the randomness used to shape it and the noise around it. */
	record Malformation(Defect defect, long seed, String noise, BigInteger huge, String accept) {
	}

	record Endpoint(String method, String pattern, HandlerMethod handler, List<Field> fields,
			boolean takesBody, boolean requiresKey) {

		@Override
		public String toString() {
			return method + " " + pattern;
		}
	}

	/** A top-level field of the body and the JSON kind of value it takes. */
	record Field(String name, Kind kind) {
	}

	enum Kind {
		STRING, INTEGER, DECIMAL, BOOLEAN, ARRAY, OBJECT
	}

	@BeforeAll
	static void findTheAppAndItsEndpoints(@Autowired ApplicationContext context) {

		app = context;
		superuser = JdbcClient.create(app.getBean("migrationDataSource", DataSource.class));
		maxBodyBytes = app.getEnvironment().getProperty("spring.servlet.multipart.max-request-size",
				org.springframework.util.unit.DataSize.class).toBytes();
		List<String> required = List.of(app.getEnvironment().getProperty("ficus.idempotency.required-on", "")
				.split(","));

		endpoints = new ArrayList<>();
		var mappings = app.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
		mappings.getHandlerMethods().forEach((info, handler) -> endpointsOf(info, handler, required));
		assertThat(endpoints).as("mutating endpoints").isNotEmpty();

		List<String> tables = superuser.sql("""
				SELECT table_schema || '.' || table_name FROM information_schema.tables
				WHERE table_schema IN ('messaging', 'customers', 'inventory', 'orders', 'payments', 'shipping',
				  'notifications') AND table_name <> 'flyway_schema_history' AND table_type = 'BASE TABLE'
				ORDER BY 1""").query(String.class).list();
		checksumQuery = "SELECT md5(concat_ws('|', " + String.join(", ", tables.stream()
				.map(table -> "(SELECT coalesce(string_agg(t::text, ',' ORDER BY t::text), '') FROM %s t)"
						.formatted(table))
				.toList()) + "))";

		baseline = checksum();
		executionsBaseline = app.getBean(ProbeController.class).executions.get();
	}

	@ParameterizedTest(name = "{index}: {0}")
	@MethodSource("malformations")
	void refusesMalformedRequestsWithProblemJsonAndWritesNothing(Malformation malformation) {

		int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port", "0"));
		var probe = app.getBean(ProbeController.class);

		for (Endpoint endpoint : endpoints) {
			var answer = send(port, endpoint, malformation);

			assertThat(answer.statusCode()).as("%s for %s", endpoint, malformation).isBetween(400, 499);
			assertThat(answer.headers().firstValue("Content-Type")).as("%s for %s", endpoint, malformation)
					.hasValue(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			JsonNode problem = JSON.readTree(answer.body());
			assertThat(problem.get("status").asInt()).isEqualTo(answer.statusCode());
			assertThat(problem.get("type").asString()).startsWith(ProblemType.BASE_URI);
			assertThat(answer.body()).doesNotContain("Exception", "\tat ");
		}

		assertThat(checksum()).as("module tables after %s", malformation).isEqualTo(baseline);
		assertThat(probe.executions.get()).as("probe executions after %s", malformation)
				.isEqualTo(executionsBaseline);
	}

	static Stream<Malformation> malformations() {

		long seed = Long.getLong("ficus.malformed.seed", new Random().nextLong());
		log.info("Generating {} malformed requests per endpoint from seed {} (-Dficus.malformed.seed={} repeats them)",
				TRIES, seed, seed);
		Random random = new Random(seed);
		Defect[] defects = Defect.values();
		List<String> accepts = List.of("", "*/*", "application/json", "text/html", "application/xml");

		return IntStream.range(0, TRIES)
				.mapToObj(i -> new Malformation(defects[i % defects.length], random.nextLong(), noise(random),
						hugeInteger(random), accepts.get(random.nextInt(accepts.size()))))
				.toList()
				.stream();
	}

	/** Up to 24 characters drawn from ASCII, accented Latin, CJK, emoji (surrogate pairs) and trouble makers. */
	private static String noise(Random random) {

		int length = random.nextInt(25);
		StringBuilder noise = new StringBuilder(length);
		while (noise.length() < length) {
			switch (random.nextInt(5)) {
				case 0 -> noise.append((char) (0x20 + random.nextInt(0x5f)));
				case 1 -> noise.append((char) (0xc0 + random.nextInt(0x140)));
				case 2 -> noise.append((char) (0x4e00 + random.nextInt(0x5000)));
				case 3 -> noise.appendCodePoint(0x1f300 + random.nextInt(0x300));
				default -> noise.append(TROUBLE.charAt(random.nextInt(TROUBLE.length())));
			}
		}
		return noise.toString();
	}

	/** An integer beyond any Java long: 2^63 up to about 10^40. */
	private static BigInteger hugeInteger(Random random) {
		return LONG_OVERFLOW.add(new BigInteger(1 + random.nextInt(132), random));
	}

	private static HttpResponse<String> send(int port, Endpoint endpoint, Malformation malformation) {

		Random random = new Random(malformation.seed());
		ObjectNode valid = sample(endpoint, random, malformation);
		byte[] body = JSON.writeValueAsBytes(valid);
		String contentType = MediaType.APPLICATION_JSON_VALUE;
		List<String> headers = new ArrayList<>();
		boolean withKey = endpoint.requiresKey() || random.nextBoolean();

		Defect defect = applicable(malformation.defect(), endpoint);
		switch (defect) {
			case BROKEN_JSON -> body = random.nextBoolean()
					? java.util.Arrays.copyOf(body, 1 + random.nextInt(body.length - 1))
					: ("{" + malformation.noise() + ",").getBytes(StandardCharsets.UTF_8);
			case INVALID_UTF8 -> {
				body = JSON.writeValueAsBytes(valid.put("\u00e9", "x"));
				body[body.length - 4] = (byte) 0xFF;
			}
			case WRONG_ROOT_TYPE -> body = List.of("[]", "\"text\"", "42", "true", "null", "[{}]")
					.get(random.nextInt(6)).getBytes(StandardCharsets.UTF_8);
			case WRONG_FIELD_TYPE -> {
				Field field = endpoint.fields().get(random.nextInt(endpoint.fields().size()));
				valid.set(field.name(), JSON.readTree(switch (field.kind()) {
					case STRING -> "{\"a\": 1}";
					case INTEGER, DECIMAL -> JSON.writeValueAsString("12abc" + malformation.noise());
					case BOOLEAN, ARRAY -> "{\"b\": [1]}";
					case OBJECT -> "true";
				}));
				body = JSON.writeValueAsBytes(valid);
			}
			case INTEGER_OVERFLOW -> {
				List<Field> integers = endpoint.fields().stream().filter(f -> f.kind() == Kind.INTEGER).toList();
				Field field = integers.get(random.nextInt(integers.size()));
				valid.put(field.name(), random.nextBoolean() ? malformation.huge() : malformation.huge().negate());
				body = JSON.writeValueAsBytes(valid);
			}
			case UNKNOWN_FIELD -> body = JSON.writeValueAsBytes(valid.put("unexpected\u00b7" + malformation.noise(),
					malformation.noise()));
			case UNSUPPORTED_MEDIA_TYPE -> contentType = List.of("text/plain", "application/xml", "text/csv",
					"application/octet-stream", "multipart/form-data", "application/json-patch+xml")
					.get(random.nextInt(6));
			case MISSING_BODY -> body = new byte[0];
			case OVERSIZED_BODY -> {
				int size = (int) maxBodyBytes + 1 + random.nextInt((int) maxBodyBytes);
				byte[] padded = new byte[size];
				java.util.Arrays.fill(padded, (byte) ' ');
				System.arraycopy(body, 0, padded, 0, body.length);
				body = padded;
			}
			case BAD_KEY -> {
				headers.addAll(List.of("Idempotency-Key", List.of("k".repeat(256), "two words", "spaced out", "\"\"",
						"tab\there").get(random.nextInt(5))));
				withKey = false;
			}
			case REPEATED_KEY -> {
				headers.addAll(List.of("Idempotency-Key", UUID.randomUUID().toString(), "Idempotency-Key",
						UUID.randomUUID().toString()));
				withKey = false;
			}
			case BAD_CLIENT_ID -> {
				headers.addAll(List.of("X-Ficus-Client-Id", random.nextBoolean() ? "has space" : "a".repeat(200)));
				withKey = true;
			}
		}

		if (withKey) {
			headers.addAll(List.of("Idempotency-Key", UUID.randomUUID().toString()));
		}
		if (!malformation.accept().isEmpty()) {
			headers.addAll(List.of("Accept", malformation.accept()));
		}
		if (random.nextInt(4) == 0) {
			headers.addAll(List.of("X-Request-Id", "id", "X-Request-Id", malformation.noise().isBlank() ? "x" : "y"));
		}
		headers.addAll(List.of("Content-Type", contentType));

		return send(port, endpoint.method(), path(endpoint, random, malformation), body, headers);
	}

	/** Falls back to a defect every endpoint has when the drawn one needs a body or field it lacks. */
	private static Defect applicable(Defect defect, Endpoint endpoint) {

		boolean bodyDefect = switch (defect) {
			case BROKEN_JSON, INVALID_UTF8, WRONG_ROOT_TYPE, UNKNOWN_FIELD, UNSUPPORTED_MEDIA_TYPE, MISSING_BODY ->
				true;
			case WRONG_FIELD_TYPE -> !endpoint.fields().isEmpty() || !endpoint.takesBody();
			case INTEGER_OVERFLOW -> endpoint.fields().stream().anyMatch(field -> field.kind() == Kind.INTEGER)
					|| !endpoint.takesBody();
			default -> false;
		};
		if (bodyDefect && !endpoint.takesBody()) {
			return Defect.REPEATED_KEY;
		}
		if (defect == Defect.WRONG_FIELD_TYPE && endpoint.fields().isEmpty()
				|| defect == Defect.INTEGER_OVERFLOW
						&& endpoint.fields().stream().noneMatch(field -> field.kind() == Kind.INTEGER)) {
			return Defect.UNKNOWN_FIELD;
		}
		return defect;
	}

	/** A body that would be valid for the endpoint, with noise in its values (which never makes it valid). */
	private static ObjectNode sample(Endpoint endpoint, Random random, Malformation malformation) {

		ObjectNode body = JSON.createObjectNode();
		for (Field field : endpoint.fields()) {
			switch (field.kind()) {
				case STRING -> body.put(field.name(), random.nextBoolean() ? "fig" : malformation.noise());
				case INTEGER -> body.put(field.name(), List.of(1L, -1L, 0L, (long) Integer.MAX_VALUE, Long.MIN_VALUE)
						.get(random.nextInt(5)));
				case DECIMAL -> body.put(field.name(), random.nextBoolean() ? new BigDecimal("1.5")
						: new BigDecimal("-1e300"));
				case BOOLEAN -> body.put(field.name(), random.nextBoolean());
				case ARRAY -> body.putArray(field.name());
				case OBJECT -> body.putObject(field.name());
			}
		}
		return body;
	}

	private static String path(Endpoint endpoint, Random random, Malformation malformation) {

		Matcher variables = PATH_VARIABLE.matcher(endpoint.pattern());
		StringBuilder path = new StringBuilder();
		while (variables.find()) {
			Class<?> type = variableType(endpoint.handler(), variables.group(1));
			String value = Number.class.isAssignableFrom(wrap(type)) ? String.valueOf(random.nextInt(1000))
					: type == UUID.class ? UUID.randomUUID().toString()
					: "SKU-" + malformation.noise().codePoints()
							.filter(Character::isLetterOrDigit)
							.limit(8)
							.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append);
			String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8);
			variables.appendReplacement(path, Matcher.quoteReplacement(encoded));
		}
		variables.appendTail(path);
		return path.toString();
	}

	private static HttpResponse<String> send(int port, String method, String path, byte[] body, List<String> headers) {

		var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
				.timeout(Duration.ofSeconds(30))
				.method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
						: HttpRequest.BodyPublishers.ofByteArray(body));
		for (int i = 0; i < headers.size(); i += 2) {
			request.header(headers.get(i), headers.get(i + 1));
		}
		try {
			return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException failure) {
			throw new IllegalStateException("No answer to " + method + " " + path, failure);
		}
		catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", interrupted);
		}
	}

	private static String checksum() {
		return superuser.sql(checksumQuery).query(String.class).single();
	}

	private static void endpointsOf(RequestMappingInfo info, HandlerMethod handler, List<String> required) {

		String owner = handler.getBeanType().getPackageName();
		if (!owner.startsWith("dev.ficus") && !(handler.getBeanType() == ProbeController.class
				&& PROBES.contains(handler.getMethod().getName()))) {
			return;
		}

		for (RequestMethod method : info.getMethodsCondition().getMethods()) {
			if (!Set.of(RequestMethod.POST, RequestMethod.PUT, RequestMethod.PATCH, RequestMethod.DELETE)
					.contains(method)) {
				continue;
			}
			for (String pattern : info.getPatternValues()) {
				MethodParameter body = bodyParameter(handler);
				boolean requiresKey = required.stream().map(String::strip)
						.anyMatch(entry -> entry.equals(method.name() + " " + pattern));
				endpoints.add(new Endpoint(method.name(), pattern, handler,
						body == null ? List.of() : fields(body.getParameterType()), body != null, requiresKey));
			}
		}
	}

	private static MethodParameter bodyParameter(HandlerMethod handler) {

		for (MethodParameter parameter : handler.getMethodParameters()) {
			if (parameter.hasParameterAnnotation(RequestBody.class)) {
				return parameter;
			}
		}
		return null;
	}

	private static List<Field> fields(Class<?> type) {

		if (!type.isRecord()) {
			return List.of();
		}
		List<Field> fields = new ArrayList<>();
		for (RecordComponent component : type.getRecordComponents()) {
			fields.add(new Field(component.getName(), kind(component.getType(), component.getGenericType())));
		}
		return fields;
	}

	private static Kind kind(Class<?> type, Type generic) {

		Class<?> wrapped = wrap(type);
		if (wrapped == Integer.class || wrapped == Long.class || wrapped == Short.class || wrapped == Byte.class) {
			return Kind.INTEGER;
		}
		if (Number.class.isAssignableFrom(wrapped)) {
			return Kind.DECIMAL;
		}
		if (wrapped == Boolean.class) {
			return Kind.BOOLEAN;
		}
		if (type.isArray() || Collection.class.isAssignableFrom(type)) {
			return Kind.ARRAY;
		}
		if (type.isRecord() || Map.class.isAssignableFrom(type) || generic instanceof ParameterizedType) {
			return Kind.OBJECT;
		}
		// Strings, enums, UUIDs, dates and anything else Jackson reads from a JSON string.
		return Kind.STRING;
	}

	private static Class<?> variableType(HandlerMethod handler, String name) {

		for (MethodParameter parameter : handler.getMethodParameters()) {
			PathVariable variable = parameter.getParameterAnnotation(PathVariable.class);
			if (variable != null) {
				String declared = !variable.value().isEmpty() ? variable.value() : parameter.getParameterName();
				if (name.equals(declared)) {
					return parameter.getParameterType();
				}
			}
		}
		return String.class;
	}

	private static Class<?> wrap(Class<?> type) {
		return type.isPrimitive() ? java.lang.invoke.MethodType.methodType(type).wrap().returnType() : type;
	}
}
