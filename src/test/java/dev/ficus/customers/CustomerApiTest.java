package dev.ficus.customers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import dev.ficus.support.RowCounts;
import dev.ficus.support.SagaTest;

@SagaTest
class CustomerApiTest {

	@Autowired
	MockMvc http;

	@Autowired
	ApplicationContext context;

	@Test
	void registersACustomerAndFindsItAgain() throws Exception {

		String location = http.perform(post("/customers")
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\": \"Ada Lovelace\", \"email\": \"ada@example.com\"}"))
				.andExpect(status().isCreated())
				.andExpect(jsonPath("$.name").value("Ada Lovelace"))
				.andExpect(jsonPath("$.email").value("ada@example.com"))
				.andReturn()
				.getResponse()
				.getHeader("Location");

		String id = location.substring("/customers/".length());
		http.perform(get(location))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.id").value(id))
				.andExpect(jsonPath("$.name").value("Ada Lovelace"));
	}

	@ParameterizedTest
	@ValueSource(strings = {
			"{}",
			"{\"name\": \"Ada\"}",
			"{\"name\": \"\", \"email\": \"ada@example.com\"}",
			"{\"name\": \"Ada\", \"email\": \"not an address\"}",
			"{\"name\": \"Ada\", \"email\": 42}",
			"{\"name\": \"Ada\", \"email\": \"ada@example.com\"",
			"[]"
	})
	void refusesAnInvalidRegistrationWith400AndStoresNothing(String body) throws Exception {

		long before = RowCounts.of(context, "customers", "customer");

		http.perform(post("/customers").contentType(MediaType.APPLICATION_JSON).content(body))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));

		assertThat(RowCounts.of(context, "customers", "customer")).isEqualTo(before);
	}

	@Test
	void refusesANameLongerThan200Characters() throws Exception {

		long before = RowCounts.of(context, "customers", "customer");

		http.perform(post("/customers")
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\": \"%s\", \"email\": \"a@example.com\"}".formatted("n".repeat(201))))
				.andExpect(status().isBadRequest());

		assertThat(RowCounts.of(context, "customers", "customer")).isEqualTo(before);
	}

	@Test
	void refusesARegistrationThatIsNotJson() throws Exception {

		http.perform(post("/customers").contentType(MediaType.TEXT_PLAIN).content("Ada"))
				.andExpect(status().isUnsupportedMediaType())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void answersProblemsForCustomersThatCannotBeFound() throws Exception {

		http.perform(get("/customers/" + UUID.randomUUID()))
				.andExpect(status().isNotFound())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		http.perform(get("/customers/42"))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}
}
