package dev.keybridge.connector;

import dev.keybridge.config.KeybridgeSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/** Every {@link Connector} found by ServiceLoader: the built-ins and jars in {@code KEYBRIDGE_CONNECTORS_DIR}. */
@Component
public class Connectors {

    private static final Logger log = LoggerFactory.getLogger(Connectors.class);

    private final Map<String, Connector> byName = new LinkedHashMap<>();

    @Autowired
    public Connectors(KeybridgeSettings settings) {
        this(settings.connectorsDir());
    }

    /** The built-ins plus the jars in {@code dir} (null for none). */
    public Connectors(Path dir) {
        ClassLoader loader = loader(dir);
        for (Connector c : ServiceLoader.load(Connector.class, loader)) {
            Connector previous = byName.putIfAbsent(c.name(), c);
            if (previous != null) {
                throw new IllegalStateException("Two connectors are named '" + c.name() + "': "
                        + previous.getClass().getName() + " and " + c.getClass().getName());
            }
        }
        log.info("Connectors: {}", byName.keySet());
    }

    public Optional<Connector> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    private static ClassLoader loader(Path dir) {
        ClassLoader parent = Connectors.class.getClassLoader();
        if (dir == null || dir.toString().isBlank()) {
            return parent;
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("KEYBRIDGE_CONNECTORS_DIR " + dir + " is not a directory");
        }
        List<URL> jars = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
                jars.add(p.toUri().toURL());
            }
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        log.info("Loading connectors from {} jar(s) in {}", jars.size(), dir);
        return new URLClassLoader(jars.toArray(URL[]::new), parent);
    }
}
