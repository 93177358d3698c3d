package io.lstmsignals.ops.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The secured stack's key material and credentials, in {@code <work dir>/secure/}: a certificate
 * authority made at the first secure start (with the JDK's {@code keytool}, as a child process),
 * the broker's key and certificate signed by it (served by the broker's listeners and by the
 * registry's proxy, and the broker's identity towards its own controller), a truststore holding the
 * CA for clients, and a random password per user. Everything is kept for later starts, in files
 * only their owner may read. Passwords never appear on a command line or in a log.
 */
public final class StackSecurity {
  private static final Logger log = LoggerFactory.getLogger(StackSecurity.class);

  /** The broker certificate's subject; {@code User:} + this is a super user of the broker. */
  static final String BROKER_DN = "CN=lstm-signals-broker";

  /** The SASL mechanism of the client listener. */
  public static final String SASL_MECHANISM = "SCRAM-SHA-512";

  /** The user that administers the stack (topics, ACLs, users): a super user. */
  public static final String ADMIN = "admin";

  static final String DIRECTORY = "secure";
  static final String KEYSTORE = "broker.p12";
  static final String TRUSTSTORE = "truststore.p12";
  static final String CA_PEM = "ca.pem";
  static final String STORE_TYPE = "PKCS12";

  /**
   * The file of passwords: one line per user, and {@value #STORES} for the key and trust stores.
   */
  public static final String CREDENTIALS = "credentials.properties";

  /** The credentials entry holding the password of the key store and the trust store. */
  public static final String STORES = "stores";

  private static final String CA_STORE = "ca.p12";
  private static final Duration KEYTOOL_TIMEOUT = Duration.ofSeconds(60);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path dir;
  private final Map<String, String> passwords;

  private StackSecurity(Path dir, Map<String, String> passwords) {
    this.dir = dir;
    this.passwords = passwords;
  }

  /**
   * Loads the material of an earlier secure start in {@code dir}, or makes it: the CA, the broker's
   * key store, the truststore, and a password for {@link #ADMIN} and each of {@code users} (a user
   * new since the last start gets one too).
   *
   * @throws StackStartException if keytool fails, naming the step and its output
   */
  static StackSecurity prepare(Path dir, List<String> users) throws InterruptedException {
    try {
      Files.createDirectories(dir);
      ownerOnly(dir);
      Path credentials = dir.resolve(CREDENTIALS);
      Map<String, String> passwords = new TreeMap<>(read(credentials));
      boolean changed = false;
      for (String user : withAdmin(users)) {
        if (!passwords.containsKey(user)) {
          passwords.put(user, newPassword());
          changed = true;
        }
      }
      if (!passwords.containsKey(STORES)) {
        passwords.put(STORES, newPassword());
        changed = true;
      }
      if (changed) {
        write(credentials, passwords);
      }
      StackSecurity security = new StackSecurity(dir, passwords);
      if (!Files.isRegularFile(dir.resolve(KEYSTORE))
          || !Files.isRegularFile(dir.resolve(TRUSTSTORE))) {
        security.makeCertificates();
      }
      return security;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the stack's key material in " + dir, e);
    }
  }

  /** Whether {@code workDir} holds the material of a secure start. */
  static boolean existsIn(Path workDir) {
    return Files.isRegularFile(workDir.resolve(DIRECTORY).resolve(CREDENTIALS));
  }

  /** The users with a password: {@link #ADMIN} and the service users. */
  public List<String> users() {
    return passwords.keySet().stream().filter(user -> !user.equals(STORES)).toList();
  }

  /** The password of {@code user}; a secret, never to be logged. */
  public String password(String user) {
    String password = passwords.get(user);
    if (password == null || user.equals(STORES)) {
      throw new IllegalArgumentException("the secured stack has no user " + user);
    }
    return password;
  }

  /** Every user's password, by user name; secrets, never to be logged. */
  public Map<String, String> passwords() {
    Map<String, String> users = new TreeMap<>(passwords);
    users.remove(STORES);
    return users;
  }

  /**
   * Gives every user its SCRAM-SHA-512 credential (created, or set again to the same password),
   * acting as the broker itself ({@code ownClient}: its certificate on the inter-broker listener),
   * then waits until {@link #ADMIN} can log in on the client listener.
   *
   * @throws StackStartException if the broker refuses, or the login does not work by {@code
   *     deadline}
   */
  void createUsers(Map<String, Object> ownClient, String clientBootstrap, Instant deadline)
      throws InterruptedException {
    List<UserScramCredentialAlteration> upserts =
        users().stream()
            .map(
                user ->
                    (UserScramCredentialAlteration)
                        new UserScramCredentialUpsertion(
                            user,
                            new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192),
                            password(user)))
            .toList();
    try (Admin admin = Admin.create(ownClient)) {
      admin
          .alterUserScramCredentials(upserts)
          .all()
          .get(Duration.between(Instant.now(), deadline).toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new StackStartException(
          "the secured broker did not create the users " + users() + ": " + e.getMessage(), e);
    }
    Map<String, Object> login = new LinkedHashMap<>(kafkaClient(ADMIN));
    login.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, clientBootstrap);
    login.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
    login.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
    // A credential reaches the client listener through the metadata log a moment after it is made.
    Exception last = null;
    while (Instant.now().isBefore(deadline)) {
      try (Admin admin = Admin.create(login)) {
        admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
        log.info("Secured broker: users {} log in with {}", users(), SASL_MECHANISM);
        return;
      } catch (ExecutionException | TimeoutException notYet) {
        last = notYet;
        TimeUnit.MILLISECONDS.sleep(250);
      }
    }
    throw new StackStartException(
        "user "
            + ADMIN
            + " could not log in to the secured broker at "
            + clientBootstrap
            + ": "
            + (last == null ? "no time left" : last.getMessage()));
  }

  /** The file of every password (readable by its owner only). */
  public Path credentialsFile() {
    return dir.resolve(CREDENTIALS);
  }

  /** The PKCS12 truststore holding the stack's CA, for clients (password: {@link #STORES}). */
  public Path truststore() {
    return dir.resolve(TRUSTSTORE);
  }

  /** The stack's CA certificate in PEM, for clients that do not read PKCS12. */
  public Path caCertificate() {
    return dir.resolve(CA_PEM);
  }

  Path keystore() {
    return dir.resolve(KEYSTORE);
  }

  String storePassword() {
    return passwords.get(STORES);
  }

  /** The TLS server context of the broker's certificate, for the registry's proxy. */
  SSLContext serverContext() {
    try {
      KeyStore keys = KeyStore.getInstance(STORE_TYPE);
      try (InputStream in = Files.newInputStream(keystore())) {
        keys.load(in, storePassword().toCharArray());
      }
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, storePassword().toCharArray());
      KeyStore trust = KeyStore.getInstance(STORE_TYPE);
      try (InputStream in = Files.newInputStream(truststore())) {
        trust.load(in, storePassword().toCharArray());
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), RANDOM);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new StackStartException("cannot load the broker's key store " + keystore(), e);
    }
  }

  /**
   * Kafka client settings of {@code user} on the client listener: SASL_SSL with SCRAM-SHA-512 and
   * the stack's truststore, the password inline (for clients this JVM makes).
   */
  public Map<String, Object> kafkaClient(String user) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("security.protocol", "SASL_SSL");
    config.put("sasl.mechanism", SASL_MECHANISM);
    config.put("sasl.jaas.config", jaas(user, password(user)));
    config.put("ssl.truststore.location", truststore().toString());
    config.put("ssl.truststore.type", STORE_TYPE);
    config.put("ssl.truststore.password", storePassword());
    return config;
  }

  /**
   * Schema registry client settings of {@code user}: basic auth and the stack's truststore, the
   * password inline.
   */
  public Map<String, Object> registryClient(String user) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("basic.auth.credentials.source", "USER_INFO");
    config.put("basic.auth.user.info", user + ":" + password(user));
    config.put("schema.registry.ssl.truststore.location", truststore().toString());
    config.put("schema.registry.ssl.truststore.type", STORE_TYPE);
    config.put("schema.registry.ssl.truststore.password", storePassword());
    return config;
  }

  /** The SCRAM login of a user, as {@code sasl.jaas.config} takes it. */
  public static String jaas(String user, String password) {
    return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
        + user
        + "\" password=\""
        + password
        + "\";";
  }

  /**
   * The broker's settings for TLS: its key store (also presented to its own controller listener,
   * which requires a client certificate) and the truststore.
   */
  Map<String, String> brokerTls() {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("ssl.keystore.location", keystore().toString());
    config.put("ssl.keystore.type", STORE_TYPE);
    config.put("ssl.keystore.password", storePassword());
    config.put("ssl.key.password", storePassword());
    config.put("ssl.truststore.location", truststore().toString());
    config.put("ssl.truststore.type", STORE_TYPE);
    config.put("ssl.truststore.password", storePassword());
    return config;
  }

  private void makeCertificates() throws IOException, InterruptedException {
    long started = System.nanoTime();
    for (String file :
        List.of(CA_STORE, KEYSTORE, TRUSTSTORE, CA_PEM, "broker.csr", "broker.pem")) {
      Files.deleteIfExists(dir.resolve(file));
    }
    String validity = String.valueOf(3650);
    keytool(
        "create the CA",
        "-genkeypair",
        "-alias",
        "ca",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-dname",
        "CN=lstm-signals local CA",
        "-ext",
        "bc:c",
        "-validity",
        validity,
        "-keystore",
        CA_STORE);
    keytool(
        "export the CA",
        "-exportcert",
        "-rfc",
        "-alias",
        "ca",
        "-keystore",
        CA_STORE,
        "-file",
        CA_PEM);
    keytool(
        "create the broker's key",
        "-genkeypair",
        "-alias",
        "broker",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-dname",
        BROKER_DN,
        "-validity",
        validity,
        "-keystore",
        KEYSTORE);
    keytool(
        "request the broker's certificate",
        "-certreq",
        "-alias",
        "broker",
        "-keystore",
        KEYSTORE,
        "-file",
        "broker.csr");
    keytool(
        "sign the broker's certificate",
        "-gencert",
        "-alias",
        "ca",
        "-keystore",
        CA_STORE,
        "-infile",
        "broker.csr",
        "-outfile",
        "broker.pem",
        "-rfc",
        "-validity",
        validity,
        "-ext",
        "SAN=ip:127.0.0.1,dns:localhost",
        "-ext",
        "KU=digitalSignature,keyEncipherment",
        "-ext",
        "EKU=serverAuth,clientAuth");
    keytool(
        "trust the CA in the broker's store",
        "-importcert",
        "-noprompt",
        "-alias",
        "ca",
        "-file",
        CA_PEM,
        "-keystore",
        KEYSTORE);
    keytool(
        "install the broker's certificate",
        "-importcert",
        "-alias",
        "broker",
        "-file",
        "broker.pem",
        "-keystore",
        KEYSTORE);
    keytool(
        "make the clients' truststore",
        "-importcert",
        "-noprompt",
        "-alias",
        "ca",
        "-file",
        CA_PEM,
        "-keystore",
        TRUSTSTORE);
    for (String file : List.of(CA_STORE, KEYSTORE, TRUSTSTORE, "broker.csr", "broker.pem")) {
      ownerOnly(dir.resolve(file));
    }
    Files.deleteIfExists(dir.resolve("broker.csr"));
    log.info(
        "Made a CA and the broker's certificate ({}, SAN 127.0.0.1/localhost) in {} in {} ms",
        BROKER_DN,
        dir,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
  }

  /**
   * Runs {@code keytool} in the secure directory. The store password reaches it through an
   * environment variable ({@code -storepass:env}), never its command line.
   */
  private void keytool(String step, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    command.addAll(List.of("-storetype", STORE_TYPE, "-storepass:env", "LSTM_STORE_PASSWORD"));
    if (List.of(args).contains("-genkeypair")) {
      command.addAll(List.of("-keypass:env", "LSTM_STORE_PASSWORD"));
    }
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    builder.environment().put("LSTM_STORE_PASSWORD", storePassword());
    Process process = builder.start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(KEYTOOL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new StackStartException("keytool did not " + step + " within " + KEYTOOL_TIMEOUT);
    }
    if (process.exitValue() != 0) {
      throw new StackStartException(
          "keytool could not "
              + step
              + " in "
              + dir
              + " (exit "
              + process.exitValue()
              + "): "
              + output.strip());
    }
  }

  private static List<String> withAdmin(List<String> users) {
    List<String> all = new ArrayList<>(List.of(ADMIN));
    users.stream().filter(user -> !all.contains(user)).forEach(all::add);
    return all;
  }

  private static String newPassword() {
    byte[] bytes = new byte[18];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static Map<String, String> read(Path file) throws IOException {
    Map<String, String> values = new TreeMap<>();
    if (!Files.isRegularFile(file)) {
      return values;
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    }
    properties.stringPropertyNames().forEach(key -> values.put(key, properties.getProperty(key)));
    return values;
  }

  private static void write(Path file, Map<String, String> passwords) throws IOException {
    if (!Files.exists(file)) {
      Files.createFile(file);
    }
    ownerOnly(file);
    try (Writer writer =
        Files.newBufferedWriter(
            file, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING)) {
      writer.write(
          "# Passwords of the secured local stack (bin/stack up --secure): one per user, and the"
              + " key and trust stores'.\n# Client settings refer to them with"
              + " ${file:<this file>:<user>}; keep this file to yourself.\n");
      for (Map.Entry<String, String> entry : passwords.entrySet()) {
        writer.write(entry.getKey() + "=" + entry.getValue() + "\n");
      }
    }
  }

  static void ownerOnly(Path path) throws IOException {
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(
          path,
          PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwx------" : "rw-------"));
    }
  }
}
