package dev.ficus;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.modulith.Modulithic;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The Ficus monolith: one deployable whose direct sub-packages are Spring Modulith application modules.
 *
 * <p>{@code platform} and {@code messaging} are infrastructure shared by every business module; the
 * business modules (customers, inventory, orders, payments, shipping, notifications) each own one
 * PostgreSQL schema and talk to each other only through events and messages.
 */
@EnableScheduling
@SpringBootApplication
@Modulithic(systemName = "Ficus", sharedModules = "platform")
public class FicusApplication {

	public static void main(String[] args) {
		SpringApplication.run(FicusApplication.class, args);
	}
}
