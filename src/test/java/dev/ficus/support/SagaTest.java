package dev.ficus.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * One application context for every test that drives modules and sagas by hand ({@link SagaHarness}):
 * nothing leaves through SQS, and the sweeper never wakes by itself, so a test moves time on by calling
 * it with a later instant.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(properties = {
		"ficus.orders.saga.sweep-interval=1h",
		"ficus.orders.saga.step-timeout=30s",
		"ficus.orders.saga.max-attempts=3",
		"ficus.orders.saga.max-compensation-attempts=3"
})
@AutoConfigureMockMvc
@ActiveProfiles("test")
@Import(SagaHarness.class)
public @interface SagaTest {
}
