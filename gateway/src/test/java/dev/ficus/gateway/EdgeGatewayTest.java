package dev.ficus.gateway;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.ficus.gateway.support.Gateways;
import dev.ficus.gateway.support.Tokens;

/**
 * A real gateway on a random port in front of the loopback backends, with the test route file, shared by the
 * edge and BFF tests (one Spring context, so it starts once).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class EdgeGatewayTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient gatewayDatabase;

    WebTestClient gateway;

    @DynamicPropertySource
    static void gatewayProperties(DynamicPropertyRegistry registry) {
        Gateways.register(registry, Gateways.properties("edge"));
    }

    @BeforeEach
    void connect() {
        gateway = Gateways.client(port);
    }

    String token(String clientId, String... scopes) {
        return Tokens.issue(gateway, clientId, scopes);
    }
}
